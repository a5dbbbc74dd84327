import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { pino } from "pino";
import { createApp } from "../../api/src/app.js";
import { boundPort, close, listen } from "../../lib/listen.js";

describe("companion API app", () => {
  let server: Server;
  let base: string;

  before(async () => {
    const app = createApp({ logger: pino({ level: "silent" }), version: "9.9.9" });
    server = await listen(createServer(app), 0);
    base = `http://127.0.0.1:${boundPort(server)}`;
  });
  after(() => close(server));

  it("GET /healthz → 200 with status and version", async () => {
    const response = await fetch(`${base}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: "ok", version: "9.9.9" });
  });

  it("GET /api/openapi.json → an OpenAPI 3.1 document describing its routes", async () => {
    const document = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
    };
    assert.equal(document.openapi, "3.1.0");
    assert.ok(document.paths["/healthz"]?.get?.responses["200"]);
    assert.ok(document.paths["/api/openapi.json"]?.get);
  });

  it("every response → carries a request id; a caller's own id is echoed", async () => {
    const generated = await fetch(`${base}/healthz`);
    assert.match(generated.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    const echoed = await fetch(`${base}/healthz`, { headers: { "x-request-id": "trace-42" } });
    assert.equal(echoed.headers.get("x-request-id"), "trace-42");
  });

  it("unknown route → 404 in the error shape, no stack", async () => {
    const response = await fetch(`${base}/api/nothing-here`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "NOT_FOUND");
    assert.doesNotMatch(JSON.stringify(body), /at .*\.ts/);
  });

  it("malformed JSON body → 400 BAD_REQUEST, not 500", async () => {
    const response = await fetch(`${base}/api/anything`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, "BAD_REQUEST");
  });

  it("body over the size limit → 413 PAYLOAD_TOO_LARGE", async () => {
    const response = await fetch(`${base}/api/anything`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ padding: "x".repeat(200_000) }),
    });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, "PAYLOAD_TOO_LARGE");
  });

  it("security headers → set by helmet, no x-powered-by", async () => {
    const response = await fetch(`${base}/healthz`);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.equal(response.headers.get("x-powered-by"), null);
  });
});
