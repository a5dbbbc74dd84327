// The central error handler through a real HTTP server: an expected error keeps its status and code, an
// unexpected one is a 500 with the request id and nothing else, and an answer already being streamed
// when the error comes is cut short rather than finished as if complete.
import assert from "node:assert/strict";
import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { pino } from "pino";
import { AppError } from "../../../api/src/errors.js";
import { errorHandler } from "../../../api/src/http/errorHandler.js";

describe("http/errorHandler", () => {
  let server: Server;
  let base: string;

  before(() => {
    const app = express();
    app.use((req, _res, next) => {
      Object.assign(req, { id: "req-1", log: pino({ level: "silent" }) });
      next();
    });
    app.get("/expected", () => {
      throw new AppError(409, "INVALID_STATE", "The job is still running.");
    });
    app.get("/unexpected", () => {
      throw new Error("connection string postgres://secret@db");
    });
    app.get("/midway", (_req, res, next) => {
      res.status(200).type("application/json");
      res.write('{"targets":[');
      setTimeout(() => next(new Error("the database went away")), 20);
    });
    app.use(errorHandler);
    server = createServer(app).listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((done) => server.close(done)));

  it("an AppError → its status, code and message, with the request id", async () => {
    const reply = await fetch(`${base}/expected`);
    assert.equal(reply.status, 409);
    assert.deepEqual(await reply.json(), {
      error: { code: "INVALID_STATE", message: "The job is still running.", requestId: "req-1" },
    });
  });

  it("any other error → 500 INTERNAL_ERROR that reveals nothing of it", async () => {
    const reply = await fetch(`${base}/unexpected`);
    assert.equal(reply.status, 500);
    const text = await reply.text();
    assert.doesNotMatch(text, /postgres|secret/);
    assert.equal((JSON.parse(text) as { error: { code: string } }).error.code, "INTERNAL_ERROR");
  });

  it("an error after the answer began → the connection is cut, so the client cannot take it as complete", async () => {
    const outcome = await new Promise<string>((done) => {
      get(`${base}/midway`, (reply) => {
        let body = "";
        reply.on("data", (chunk: Buffer) => (body += chunk.toString()));
        reply.on("end", () => done(`ended: ${body}`));
        reply.on("error", () => done(`cut after: ${body}`));
      }).on("error", (err) => done(`request failed: ${err.message}`));
    });
    assert.equal(outcome, 'cut after: {"targets":[');
  });
});
