// The audit log on both engines: appending builds a valid chain (also under concurrency and in groups), verification
// names the first tampered record (edits, deletions, swaps, reordering, truncation against a
// checkpoint, consistent rewrites), the database refuses changes, and the audit view's reads.
import assert from "node:assert/strict";
import fc from "fast-check";
import { appendAudit, appendAudits } from "../../../api/src/audit/appendAudit.js";
import {
  auditHash,
  genesisHash,
  type AuditEntry,
  type AuditRecord,
} from "../../../api/src/audit/auditRecord.js";
import { listAudit } from "../../../api/src/audit/listAudit.js";
import {
  auditHead,
  verifyAuditChain,
  type AuditVerification,
  type VerifyOptions,
} from "../../../api/src/audit/verifyAuditChain.js";
import type { Database, Queryable } from "../../../api/src/db/database.js";
import { openDatabase } from "../../../api/src/db/openDatabase.js";
import { AppError } from "../../../api/src/errors.js";
import { bypassingTriggers, describeEachDatabase } from "../../support/testDatabases.js";

const alice = {
  tenantId: "4d3c2b1a-6f5e-4a7b-9c8d-0e1f2a3b4c5d",
  objectId: "oid-alice",
  upn: "alice@contoso.com",
};
const bob = { tenantId: "4d3c2b1a-6f5e-4a7b-9c8d-0e1f2a3b4c5d", objectId: "oid-bob", upn: "bob@contoso.com" };

const entry = (i: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  actor: i % 3 === 0 ? bob : alice,
  action: "retraction.target.completed",
  subject: { internetMessageId: `<m${i % 4}@contoso.com>`, mailbox: `user${i}@contoso.com` },
  details: { index: i, outcome: "softDeleted", graphRequestIds: [`req-${i}`] },
  ...overrides,
});

const appendOne = (db: Database, e: AuditEntry) => db.transaction((tx) => appendAudit(tx, e));

/** Appends `count` records, `perTransaction` at a time (as a job recording several outcomes at once). */
async function appendMany(db: Database, count: number, perTransaction = 1): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  while (records.length < count) {
    const batch = Math.min(perTransaction, count - records.length);
    await db.transaction(async (tx) => {
      for (let i = 0; i < batch; i++) records.push(await appendAudit(tx, entry(records.length + 1)));
    });
  }
  return records;
}

const emptyLog = (db: Database) =>
  bypassingTriggers(db, "TRUNCATE audit_log", "UPDATE audit_head SET seq = 0, hash = repeat('0', 64)");

const rollback = new Error("roll back the tampering");

/** Tampers with triggers off, verifies, and rolls everything back, so each trial starts from the same log. */
async function verifyTampered(
  db: Database,
  tamper: string[] | ((tx: Queryable) => Promise<unknown>),
  options?: VerifyOptions
): Promise<AuditVerification> {
  let result: AuditVerification | undefined;
  await db
    .transaction(async (tx) => {
      await tx.query("SET LOCAL session_replication_role = replica");
      if (typeof tamper === "function") await tamper(tx);
      else for (const sql of tamper) await tx.query(sql);
      await tx.query("SET LOCAL session_replication_role = origin");
      result = await verifyAuditChain(tx, options);
      throw rollback;
    })
    .catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
  return result!;
}

function assertBroken(result: AuditVerification, seq: number, reason: RegExp): void {
  assert.equal(result.ok, false, `expected a broken chain, got ${JSON.stringify(result)}`);
  if (result.ok) return;
  assert.equal(result.firstBad.seq, seq, result.firstBad.reason);
  assert.match(result.firstBad.reason, reason);
  assert.equal(result.count, seq - 1);
}

/** SQL that cuts the log after record `keep` and moves the head back onto it, leaving no trace. */
const cutAfter = (keep: number) => [
  `DELETE FROM audit_log WHERE seq > ${keep}`,
  `UPDATE audit_head SET seq = ${keep}, hash = COALESCE((SELECT hash FROM audit_log WHERE seq = ${keep}), repeat('0', 64))`,
];

const swapContents = (a: number, b: number) => `
  UPDATE audit_log x SET at = y.at, actor_tenant_id = y.actor_tenant_id, actor_object_id = y.actor_object_id,
    actor_upn = y.actor_upn, action = y.action, subject = y.subject, details = y.details,
    prev_hash = y.prev_hash, hash = y.hash
  FROM audit_log y WHERE (x.seq, y.seq) IN ((${a}, ${b}), (${b}, ${a}))`;

const swapSeqs = (a: number, b: number) => [
  `UPDATE audit_log SET seq = 1000000 WHERE seq = ${a}`,
  `UPDATE audit_log SET seq = ${a} WHERE seq = ${b}`,
  `UPDATE audit_log SET seq = ${b} WHERE seq = 1000000`,
];

describeEachDatabase("audit log", (current, kind) => {
  let db: Database;
  before(() => (db = current().db));

  describe("appending", () => {
    beforeEach(() => emptyLog(db));

    it("appendAudit → record 1 links to 64 zeros, each next one to the one before, hashes recomputable", async () => {
      const [first, second] = await appendMany(db, 2);
      assert.equal(first?.seq, 1);
      assert.equal(first?.prevHash, genesisHash);
      assert.equal(second?.seq, 2);
      assert.equal(second?.prevHash, first?.hash);
      for (const record of [first!, second!]) {
        assert.match(record.hash, /^[0-9a-f]{64}$/);
        assert.equal(auditHash(record), record.hash);
        assert.match(record.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
      assert.deepEqual(await listAudit(db, { limit: 2 }), [second, first]);
    });

    it("1,000 appends → verify ok with count 1000 and the last record's hash as head", async function () {
      this.timeout(30000);
      const records = await appendMany(db, 1000, 10);
      const last = records.at(-1)!;
      assert.deepEqual(await verifyAuditChain(db), {
        ok: true,
        count: 1000,
        head: { seq: 1000, hash: last.hash },
      });
      assert.deepEqual(await auditHead(db), { seq: 1000, hash: last.hash });
      // Pages that do not divide the log evenly, and a checkpoint on the way.
      const checkpoint = { seq: 500, hash: records[499]!.hash };
      assert.deepEqual(await verifyAuditChain(db, { pageSize: 7, checkpoint }), {
        ok: true,
        count: 1000,
        head: { seq: 1000, hash: last.hash },
      });
      const times = records.map((r) => r.at);
      assert.deepEqual(times, [...times].sort(), "times never go backwards along the chain");
    });

    it("an empty log → verify ok, 0 records, head 64 zeros", async () => {
      assert.deepEqual(await verifyAuditChain(db), {
        ok: true,
        count: 0,
        head: { seq: 0, hash: genesisHash },
      });
    });

    it("50 concurrent appends → seq 1..50 without gaps or forks, chain valid", async () => {
      // PostgreSQL: two pools of 10 connections, as two API instances; PGlite: one instance.
      const other = kind === "postgres" ? await openDatabase(current().settings) : db;
      try {
        const records = await Promise.all(
          Array.from({ length: 50 }, (_, i) => appendOne(i % 2 === 0 ? db : other, entry(i + 1)))
        );
        assert.deepEqual(
          records.map((r) => r.seq).sort((a, b) => a - b),
          Array.from({ length: 50 }, (_, i) => i + 1)
        );
      } finally {
        if (other !== db) await other.close();
      }
      const result = await verifyAuditChain(db);
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.equal(result.count, 50);
    });

    it("appendAudits of 5 after one → seq 2..6 in one statement, each linked to the one before, the head on 6", async () => {
      const first = await appendOne(db, entry(1));
      const group = await db.transaction((tx) =>
        appendAudits(
          tx,
          [2, 3, 4, 5, 6].map((i) => entry(i))
        )
      );
      assert.deepEqual(
        group.map((r) => r.seq),
        [2, 3, 4, 5, 6]
      );
      assert.deepEqual(
        group.map((r) => r.prevHash),
        [first, ...group.slice(0, -1)].map((r) => r.hash)
      );
      assert.deepEqual(await listAudit(db, { limit: 5 }), [...group].reverse());
      assert.equal((await auditHead(db)).seq, 6);
      assert.equal((await verifyAuditChain(db)).ok, true);
    });

    it("appendAudits with one invalid entry among valid ones → TypeError before any is written", async () => {
      await assert.rejects(
        db.transaction((tx) => appendAudits(tx, [entry(1), entry(2, { action: "" }), entry(3)])),
        TypeError
      );
      assert.equal((await auditHead(db)).seq, 0);
    });

    it("an append in a transaction that rolls back → leaves no record and no gap", async () => {
      await appendOne(db, entry(1));
      await assert.rejects(
        db.transaction(async (tx) => {
          await appendAudit(tx, entry(2));
          throw new Error("the work it described failed");
        }),
        /the work it described failed/
      );
      const next = await appendOne(db, entry(3));
      assert.equal(next.seq, 2);
      assert.equal((await verifyAuditChain(db)).ok, true);
    });

    it("subject and details → stored as given, key order and Dates normalized, CR/LF kept as data", async () => {
      const record = await appendOne(db, {
        actor: { ...alice, upn: "mallory@contoso.com\r\n[forged] admin" },
        action: "retraction.requested",
        subject: { z: 1, internetMessageId: "<x@contoso.com>" },
        details: {
          when: new Date(Date.UTC(2025, 5, 1)),
          note: "line1\nline2",
          path: "C:\\u0000",
          dropped: undefined,
        },
      });
      const [stored] = await listAudit(db, { limit: 1 });
      assert.deepEqual(stored, record);
      assert.deepEqual(stored?.details, {
        note: "line1\nline2",
        path: "C:\\u0000",
        when: "2025-06-01T00:00:00.000Z",
      });
      assert.equal(stored?.actor.upn, "mallory@contoso.com\r\n[forged] admin");
      assert.equal((await verifyAuditChain(db)).ok, true);
    });

    const invalid: [string, Partial<AuditEntry>, RegExp][] = [
      ["an empty action", { action: "" }, /action/],
      ["a missing actor id", { actor: { ...alice, objectId: "" } }, /actor\.objectId/],
      ["a subject that is an array", { subject: [] as unknown as AuditEntry["subject"] }, /subject/],
      ["NaN in details", { details: { n: NaN } }, /NaN has no JSON form/],
      ["a NUL character in details", { details: { text: "a\u0000b" } }, /NUL character/],
      [
        "a NUL character in the UPN",
        { actor: { ...alice, upn: "a\u0000" } },
        /actor\.upn: text must not contain the NUL/,
      ],
    ];
    for (const [what, overrides, message] of invalid) {
      it(`an entry with ${what} → TypeError, nothing recorded`, async () => {
        await assert.rejects(appendOne(db, entry(1, overrides)), (err: Error) => {
          assert.ok(err instanceof TypeError, String(err));
          assert.match(err.message, message);
          return true;
        });
        assert.equal((await auditHead(db)).seq, 0);
      });
    }
  });

  describe("the database's guard", () => {
    before(async () => {
      await emptyLog(db);
      await appendMany(db, 3);
    });

    const refused: [string, string, RegExp][] = [
      [
        "UPDATE of a record",
        "UPDATE audit_log SET action = 'nothing happened' WHERE seq = 2",
        /append-only: UPDATE on audit_log/,
      ],
      ["DELETE of a record", "DELETE FROM audit_log WHERE seq = 3", /append-only: DELETE on audit_log/],
      ["TRUNCATE", "TRUNCATE audit_log", /append-only: TRUNCATE on audit_log/],
      [
        "moving the head back",
        "UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE seq = 2)",
        /append-only: UPDATE on audit_head/,
      ],
      ["deleting the head", "DELETE FROM audit_head", /append-only: DELETE on audit_head/],
      ["TRUNCATE of the head", "TRUNCATE audit_head", /append-only: TRUNCATE on audit_head/],
      [
        "INSERT of a record that does not follow the head",
        `INSERT INTO audit_log VALUES (7, now(), 't', 'o', 'u', 'forged', '{}', '{}', repeat('0', 64), repeat('1', 64))`,
        /append-only: record 7 does not follow the head, record 3/,
      ],
      [
        "INSERT of two records, the second not following the first",
        `INSERT INTO audit_log VALUES
           (4, now(), 't', 'o', 'u', 'linked', '{}', '{}', (SELECT hash FROM audit_head), repeat('a', 64)),
           (6, now(), 't', 'o', 'u', 'forged', '{}', '{}', repeat('a', 64), repeat('b', 64))`,
        /append-only: record 6 does not follow the head, record 4/,
      ],
      [
        "moving the head past the last record",
        "UPDATE audit_head SET seq = 9, hash = repeat('a', 64)",
        /append-only: UPDATE on audit_head/,
      ],
    ];
    for (const [what, sql, message] of refused) {
      it(`${what} by the normal connection → refused by the database`, async () => {
        await assert.rejects(db.query(sql), (err: Error) => {
          assert.match(err.message, message);
          return true;
        });
        assert.deepEqual(await verifyAuditChain(db), { ok: true, count: 3, head: await auditHead(db) });
      });
    }

    it("privileges → PUBLIC holds no UPDATE, DELETE or TRUNCATE on audit_log", async () => {
      const grants = await db.query<{ privilege_type: string }>(
        `SELECT privilege_type FROM information_schema.role_table_grants
         WHERE table_name = 'audit_log' AND grantee = 'PUBLIC'`
      );
      assert.deepEqual(grants, []);
    });
  });

  describe("verifying a tampered log", () => {
    const size = 20;
    let records: AuditRecord[];
    before(async () => {
      await emptyLog(db);
      records = await appendMany(db, size);
    });
    const checkpointAt = (seq: number) => ({ checkpoint: { seq, hash: records[seq - 1]!.hash } });

    it("untouched → ok", async () => {
      assert.deepEqual(await verifyTampered(db, []), {
        ok: true,
        count: size,
        head: { seq: size, hash: records.at(-1)!.hash },
      });
    });

    it("a record's details edited → that record named: changed after it was written", async () => {
      const result = await verifyTampered(db, [
        `UPDATE audit_log SET details = jsonb_set(details, '{outcome}', '"kept"') WHERE seq = 7`,
      ]);
      assertBroken(result, 7, /^changed after it was written/);
      assert.deepEqual(
        !result.ok && result.head,
        { seq: 6, hash: records[5]!.hash },
        "the intact part ends before it"
      );
    });

    it("a record's time moved by a millisecond → that record named", async () => {
      const result = await verifyTampered(db, [
        "UPDATE audit_log SET at = at + interval '1 millisecond' WHERE seq = 12",
      ]);
      assertBroken(result, 12, /changed after it was written/);
    });

    it("a record deleted → its seq named as missing", async () => {
      assertBroken(
        await verifyTampered(db, ["DELETE FROM audit_log WHERE seq = 9"]),
        9,
        /^missing \(the log goes on at record 10\)/
      );
    });

    it("two records' contents swapped → the first of them named: it does not link", async () => {
      assertBroken(await verifyTampered(db, [swapContents(4, 15)]), 4, /does not link to record 3/);
    });

    it("two records' seqs swapped (reordered) → the first of them named", async () => {
      assertBroken(await verifyTampered(db, swapSeqs(5, 6)), 5, /does not link to record 4/);
    });

    it("one record rewritten with a fresh hash → the next record named: its link breaks", async () => {
      const forged = { ...records[9]!, details: { outcome: "nothing happened" } };
      const hash = auditHash(forged);
      const result = await verifyTampered(db, (tx) =>
        tx.query("UPDATE audit_log SET details = $1::jsonb, hash = $2 WHERE seq = 10", [
          JSON.stringify(forged.details),
          hash,
        ])
      );
      assertBroken(result, 11, /does not link to record 10/);
    });

    it("TRUNCATE, head left behind → record 1 named missing, the head is at record 20", async () => {
      assertBroken(
        await verifyTampered(db, ["TRUNCATE audit_log"]),
        1,
        /^missing: the chain head is at record 20 but the log ends at record 0/
      );
    });

    it("TRUNCATE and head reset → looks like an empty log alone; against a checkpoint, record 1 is missing", async () => {
      const wiped = ["TRUNCATE audit_log", "UPDATE audit_head SET seq = 0, hash = repeat('0', 64)"];
      assert.deepEqual(await verifyTampered(db, wiped), {
        ok: true,
        count: 0,
        head: { seq: 0, hash: genesisHash },
      });
      assertBroken(
        await verifyTampered(db, wiped, checkpointAt(15)),
        1,
        /^missing: the checkpoint is at record 15/
      );
    });

    it("the last records removed and the head moved back → caught only against a later checkpoint", async () => {
      assert.equal((await verifyTampered(db, cutAfter(16))).ok, true);
      assert.equal((await verifyTampered(db, cutAfter(16), checkpointAt(16))).ok, true);
      assertBroken(
        await verifyTampered(db, cutAfter(16), checkpointAt(20)),
        17,
        /^missing: the checkpoint is at record 20 but the log ends at record 16/
      );
    });

    it("the whole chain rewritten consistently from record 3 → caught at a checkpoint past it", async () => {
      const rewrite = async (tx: Queryable) => {
        let prevHash = records[1]!.hash;
        for (const original of records.slice(2)) {
          const forged = { ...original, prevHash, details: { ...original.details, outcome: "kept" } };
          const hash = auditHash(forged);
          await tx.query(
            "UPDATE audit_log SET details = $1::jsonb, prev_hash = $2, hash = $3 WHERE seq = $4",
            [JSON.stringify(forged.details), prevHash, hash, original.seq]
          );
          prevHash = hash;
        }
        await tx.query("UPDATE audit_head SET hash = $1", [prevHash]);
      };
      assert.equal(
        (await verifyTampered(db, rewrite)).ok,
        true,
        "a consistent rewrite fools the chain alone"
      );
      assert.equal(
        (await verifyTampered(db, rewrite, checkpointAt(2))).ok,
        true,
        "a checkpoint before it cannot see it"
      );
      assertBroken(
        await verifyTampered(db, rewrite, checkpointAt(8)),
        8,
        /hash differs from the checkpoint's \(the log was rewritten up to here\)/
      );
      assertBroken(
        await verifyTampered(db, rewrite, checkpointAt(records.length)),
        records.length,
        // A checkpoint on the last record, where the head also sits.
        /hash differs from the checkpoint's/
      );
    });

    it("the head's hash altered → the record at the head named", async () => {
      assertBroken(
        await verifyTampered(db, ["UPDATE audit_head SET hash = repeat('b', 64)"]),
        size,
        /its hash differs from the chain head's \(the log up to here or the head was altered\)/
      );
    });

    it("a record added behind the head's back → named: not appended through the chain head", async () => {
      const extra = { ...records.at(-1)!, seq: size + 1, prevHash: records.at(-1)!.hash };
      const forged = { ...extra, hash: auditHash(extra) };
      const result = await verifyTampered(db, (tx) =>
        tx.query(
          `INSERT INTO audit_log SELECT $1, at, actor_tenant_id, actor_object_id, actor_upn, action, subject, details, $2, $3
           FROM audit_log WHERE seq = $4`,
          [forged.seq, forged.prevHash, forged.hash, size]
        )
      );
      assertBroken(result, size + 1, /not appended through the chain head, which is at record 20/);
    });

    it("random single tampering (edit, delete, swap, cut) → always detected at the expected record", async () => {
      const checkpoint = checkpointAt(size).checkpoint;
      const tampering = fc.oneof(
        fc
          .tuple(
            fc.integer({ min: 1, max: size }),
            fc.constantFrom("action", "actor_upn", "actor_object_id", "prev_hash")
          )
          .map(([seq, column]) => ({
            sql: [
              `UPDATE audit_log SET ${column} = ${column === "prev_hash" ? "repeat('a', 64)" : `${column} || 'x'`} WHERE seq = ${seq}`,
            ],
            expected: seq,
          })),
        fc
          .integer({ min: 1, max: size })
          .map((seq) => ({ sql: [`DELETE FROM audit_log WHERE seq = ${seq}`], expected: seq })),
        fc
          .uniqueArray(fc.integer({ min: 1, max: size }), { minLength: 2, maxLength: 2 })
          .map(([a, b]) => ({ sql: [swapContents(a!, b!)], expected: Math.min(a!, b!) })),
        fc.integer({ min: 0, max: size - 1 }).map((keep) => ({ sql: cutAfter(keep), expected: keep + 1 }))
      );
      await fc.assert(
        fc.asyncProperty(tampering, async ({ sql, expected }) => {
          const result = await verifyTampered(db, sql, { checkpoint });
          assert.equal(result.ok ? "ok" : result.firstBad.seq, expected, sql.join("; "));
        }),
        { numRuns: 40 }
      );
    });
  });

  describe("listAudit", () => {
    before(async () => {
      await emptyLog(db);
      await appendMany(db, 12);
    });
    const seqs = (records: AuditRecord[]) => records.map((r) => r.seq);

    it("a limit → the newest records first", async () => {
      assert.deepEqual(seqs(await listAudit(db, { limit: 3 })), [12, 11, 10]);
    });

    it("beforeSeq → the page after the one that ended there", async () => {
      assert.deepEqual(seqs(await listAudit(db, { limit: 3, beforeSeq: 10 })), [9, 8, 7]);
      assert.deepEqual(seqs(await listAudit(db, { limit: 5, beforeSeq: 3 })), [2, 1]);
    });

    it("messageId → only records about that message", async () => {
      assert.deepEqual(seqs(await listAudit(db, { limit: 10, messageId: "<m1@contoso.com>" })), [9, 5, 1]);
      assert.deepEqual(await listAudit(db, { limit: 10, messageId: "<none@contoso.com>" }), []);
    });

    it("actorObjectId, combined with the others → all conditions apply", async () => {
      assert.deepEqual(seqs(await listAudit(db, { limit: 10, actorObjectId: "oid-bob" })), [12, 9, 6, 3]);
      assert.deepEqual(
        seqs(
          await listAudit(db, {
            limit: 1,
            actorObjectId: "oid-bob",
            messageId: "<m1@contoso.com>",
            beforeSeq: 12,
          })
        ),
        [9]
      );
    });

    it("a value that looks like SQL → matched as text", async () => {
      assert.deepEqual(await listAudit(db, { limit: 10, messageId: "' OR '1'='1" }), []);
    });

    const bad: [string, Parameters<typeof listAudit>[1]][] = [
      ["limit 0", { limit: 0 }],
      ["limit 501", { limit: 501 }],
      ["a fractional beforeSeq", { limit: 5, beforeSeq: 1.5 }],
      ["an empty messageId", { limit: 5, messageId: "" }],
    ];
    for (const [what, query] of bad) {
      it(`${what} → AppError 400 INVALID_AUDIT_QUERY`, async () => {
        await assert.rejects(listAudit(db, query), (err: unknown) => {
          assert.ok(err instanceof AppError);
          assert.equal(err.status, 400);
          assert.equal(err.code, "INVALID_AUDIT_QUERY");
          return true;
        });
      });
    }
  });
});
