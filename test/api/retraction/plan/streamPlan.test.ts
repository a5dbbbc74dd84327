// The preview's answer streamed from a staged plan, on both engines, through a real HTTP server: the
// whole plan as one JSON document across several pages, and a client that leaves mid-way ends the
// stream without error.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { Database } from "../../../../api/src/db/database.js";
import type { PlanSummary } from "../../../../api/src/retraction/plan/buildPlan.js";
import { streamPlan } from "../../../../api/src/retraction/plan/streamPlan.js";
import { stagePlanEntries } from "../../../../api/src/retraction/store/planEntries.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import { messageId, newTargets, t0 } from "../store/storeFixtures.js";

const summary: PlanSummary = {
  asOf: t0.toISOString(),
  internetMessageId: messageId,
  mode: "hard",
  conversationDepth: 0,
  messages: [
    {
      internetMessageId: messageId,
      depth: 0,
      subject: "Your mailbox is full",
      from: null,
      sentDateTime: null,
    },
  ],
  totals: { retractableMailboxes: 1234, copies: 1234, notRetractable: 0, destroyed: 1234, keptByHold: 0 },
  approval: { required: true, reasons: ["hard"] },
};

describeEachDatabase("retraction/plan/streamPlan → the staged plan as one JSON answer", (current) => {
  let db: Database;
  let server: Server;
  let base: string;
  let streamed: Promise<void> = Promise.resolve();
  const planId = randomUUID();
  /** A plan far larger than the sockets' buffers, so the stream must wait for the client. */
  const largePlanId = randomUUID();

  before(async () => {
    db = current().db;
    const targets = newTargets(1234);
    await stagePlanEntries(
      db,
      planId,
      targets.map((target, position) => ({ position, target })),
      t0
    );
    const many = newTargets(20_000);
    for (let from = 0; from < many.length; from += 5000) {
      const group = many.slice(from, from + 5000).map((target, i) => ({ position: from + i, target }));
      await stagePlanEntries(db, largePlanId, group, t0);
    }
    const app = express();
    app.get("/plan", (req, res, next) => {
      streamed = streamPlan(res, db, req.query.large ? largePlanId : planId, summary);
      streamed.catch(next);
    });
    server = createServer(app).listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((done) => server.close(done)));

  it("1,234 targets (three pages) → 200 JSON: the summary's fields and every target in order", async () => {
    const reply = await fetch(`${base}/plan`);
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
    const plan = (await reply.json()) as PlanSummary & { targets: { mailbox: string }[] };
    const { targets, ...rest } = plan;
    assert.deepEqual(rest, summary);
    assert.deepEqual(targets, newTargets(1234));
  });

  it("20,000 targets, the client leaves after the first bytes → the stream ends, without error", async () => {
    await new Promise<void>((done, fail) => {
      get(`${base}/plan?large=1`, (reply) => {
        reply.once("data", () => {
          reply.destroy();
          done();
        });
      }).on("error", fail);
    });
    await Promise.race([
      streamed,
      new Promise((_, fail) => setTimeout(() => fail(new Error("the stream did not end")), 5000)),
    ]);
  });
});
