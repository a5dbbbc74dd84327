// Proof that the audit chain's verifier notices tampering: an audit log written by the product's own
// append code in a throwaway PostgreSQL schema, a checkpoint of its head, then random modifications,
// deletions, reorderings and truncations, each checked by verifyAuditChain and rolled back.
import { randomUUID } from "node:crypto";
import { appendAudit } from "../../api/src/audit/appendAudit.js";
import { auditHash, genesisHash, type AuditEntry, type AuditHead } from "../../api/src/audit/auditRecord.js";
import { auditColumns, toAuditRecord, type AuditRow } from "../../api/src/audit/auditRows.js";
import { parseCheckpoint } from "../../api/src/audit/parseCheckpoint.js";
import { auditHead, verifyAuditChain, type AuditVerification } from "../../api/src/audit/verifyAuditChain.js";
import type { Database, Queryable } from "../../api/src/db/database.js";
import { migrate } from "../../api/src/db/migrate.js";
import { openDatabase } from "../../api/src/db/openDatabase.js";
import { demoIdentity } from "../../lib/demoIdentity.js";
import { seededRandom } from "../../sim/src/seededRandom.js";
import { throwawaySchema } from "../support/benchDatabase.js";
import type { Proof } from "./proofTypes.js";

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** A whole number from `min` to `max`, both included. */
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const randomHash = (random: Random) =>
  Array.from({ length: 64 }, () => "0123456789abcdef"[Math.floor(random() * 16)]).join("");

const people = ["admin", "approver", "helpdesk"].map((name, i) => ({
  tenantId: demoIdentity.tenantId,
  objectId: `a1000000-0000-4000-8000-00000000000${i + 1}`,
  upn: `${name}@contoso.com`,
}));
const actions = ["retraction.requested", "retraction.approved", "retraction.target.done", "item.status.read"];

/** A plausible record: every one has a mailbox subject and an outcome, which the trials change. */
function entry(random: Random, i: number): AuditEntry {
  return {
    actor: pick(random, people),
    action: pick(random, actions),
    subject: {
      mailbox: `user${between(random, 1, 500)}@contoso.com`,
      internetMessageId: `<m-${i}@fabrikam.com>`,
    },
    details: { outcome: pick(random, ["hardDeleted", "softDeleted", "read"]), requestIds: [randomUUID()] },
  };
}

/** Appends `count` records through appendAudit, many per transaction so that building is quick. */
async function buildLog(db: Database, count: number, random: Random): Promise<void> {
  const batch = 500;
  for (let start = 0; start < count; start += batch)
    await db.transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + batch); i++)
        await appendAudit(tx, entry(random, i + 1));
    });
}

/** One way to tamper: it changes the log inside `tx` (triggers off) and says what it did. */
type Tamper = (tx: Queryable, random: Random, size: number) => Promise<string>;

/** Runs an UPDATE/DELETE ... RETURNING seq and fails when it touched nothing (the trial would be void). */
async function touching(tx: Queryable, sql: string, params: unknown[], returning = "seq"): Promise<void> {
  const rows = await tx.query<{ seq: string }>(`${sql} RETURNING ${returning}`, params);
  if (rows.length === 0) throw new Error(`tampering changed nothing: ${sql}`);
}

async function hashAt(tx: Queryable, seq: number): Promise<string> {
  if (seq === 0) return genesisHash;
  const [row] = await tx.query<{ hash: string }>("SELECT hash FROM audit_log WHERE seq = $1", [seq]);
  return row!.hash;
}

/** Moves the chain's head onto record `seq`, as an attacker hiding a shortened log would. */
async function moveHead(tx: Queryable, seq: number): Promise<void> {
  await tx.query("UPDATE audit_head SET seq = $1, hash = $2", [seq, await hashAt(tx, seq)]);
}

// Each change below always differs from the value it replaces, so every trial really changes data.
const fieldChanges: [string, (random: Random) => [string, unknown[]]][] = [
  ["at +1 ms", () => ["at = at + interval '1 millisecond'", []]],
  ["at -1 day", () => ["at = at - interval '1 day'", []]],
  ["actor_tenant_id", () => ["actor_tenant_id = $2", [randomUUID()]]],
  ["actor_object_id", () => ["actor_object_id = $2", [randomUUID()]]],
  ["actor_upn", () => ["actor_upn = $2", ["mallory@contoso.com"]]],
  ["action", () => ["action = $2", ["retraction.rejected"]]],
  ["subject.mailbox", () => [`subject = jsonb_set(subject, '{mailbox}', '"mallory@contoso.com"')`, []]],
  ["subject key added", () => [`subject = subject || '{"note":"x"}'`, []]],
  ["details.outcome", () => [`details = jsonb_set(details, '{outcome}', '"failed"')`, []]],
  ["details key removed", () => ["details = details - 'requestIds'", []]],
  ["prev_hash", (random) => ["prev_hash = $2", [randomHash(random)]]],
  ["hash", (random) => ["hash = $2", [randomHash(random)]]],
];

const tampers: Record<string, Tamper> = {
  async modify(tx, random, size) {
    const seq = between(random, 1, size);
    const [name, change] = pick(random, fieldChanges);
    const [set, params] = change(random);
    await touching(tx, `UPDATE audit_log SET ${set} WHERE seq = $1`, [seq, ...params]);
    return `modify ${name} of record ${seq}`;
  },
  /** A record changed and given a correct hash of its own: only the next link (or the head) can tell. */
  async modifyRehashed(tx, random, size) {
    const seq = between(random, 1, size);
    const [row] = await tx.query<AuditRow>(`SELECT ${auditColumns} FROM audit_log WHERE seq = $1`, [seq]);
    const original = toAuditRecord(row!);
    const record = { ...original, actor: { ...original.actor, upn: "mallory@contoso.com" } };
    await touching(tx, "UPDATE audit_log SET actor_upn = $2, hash = $3 WHERE seq = $1", [
      seq,
      record.actor.upn,
      auditHash(record),
    ]);
    return `modify and re-hash record ${seq}`;
  },
  /** The tail rewritten consistently from a changed record, head moved too: only the checkpoint can tell. */
  async rewriteTail(tx, random, size) {
    // Within the last 200 records, so that re-hashing stays quick; the verifier still walks them all.
    const from = between(random, Math.max(1, size - 200), size);
    const rows = await tx.query<AuditRow>(
      `SELECT ${auditColumns} FROM audit_log WHERE seq >= $1 ORDER BY seq`,
      [from]
    );
    let prevHash = await hashAt(tx, from - 1);
    const seqs: number[] = [];
    const hashes: string[] = [];
    const prevHashes: string[] = [];
    for (const [i, row] of rows.entries()) {
      const record = { ...toAuditRecord(row), prevHash };
      if (i === 0) record.action = "retraction.rejected";
      prevHash = auditHash(record);
      seqs.push(record.seq);
      hashes.push(prevHash);
      prevHashes.push(record.prevHash);
    }
    await tx.query(
      `UPDATE audit_log SET prev_hash = t.prev_hash, hash = t.hash,
         action = CASE WHEN audit_log.seq = $4 THEN 'retraction.rejected' ELSE action END
       FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(seq, hash, prev_hash) WHERE audit_log.seq = t.seq`,
      [seqs, hashes, prevHashes, from]
    );
    await moveHead(tx, size);
    return `rewrite records ${from}-${size} consistently and move the head`;
  },
  async deleteOne(tx, random, size) {
    const seq = between(random, 1, size);
    await touching(tx, "DELETE FROM audit_log WHERE seq = $1", [seq]);
    return `delete record ${seq}`;
  },
  async deleteRange(tx, random, size) {
    const from = between(random, 1, size - 1);
    const to = Math.min(size, from + between(random, 1, 100));
    await touching(tx, "DELETE FROM audit_log WHERE seq BETWEEN $1 AND $2", [from, to]);
    return `delete records ${from}-${to}`;
  },
  /** Two records' contents swapped, each keeping its place (seq). */
  async swapContents(tx, random, size) {
    const a = between(random, 1, size - 1);
    const b = random() < 0.5 ? a + 1 : between(random, a + 1, size);
    await touching(
      tx,
      `UPDATE audit_log t SET at = o.at, actor_tenant_id = o.actor_tenant_id, actor_object_id = o.actor_object_id,
         actor_upn = o.actor_upn, action = o.action, subject = o.subject, details = o.details,
         prev_hash = o.prev_hash, hash = o.hash
       FROM audit_log o WHERE (t.seq = $1 AND o.seq = $2) OR (t.seq = $2 AND o.seq = $1)`,
      [a, b],
      "t.seq"
    );
    return `swap the contents of records ${a} and ${b}`;
  },
  /** Two records' places (seq) swapped, each keeping its contents. */
  async swapSeqs(tx, random, size) {
    const a = between(random, 1, size - 1);
    const b = random() < 0.5 ? a + 1 : between(random, a + 1, size);
    // Through a free seq: the primary key is checked row by row.
    const spare = size + 1_000_000;
    await touching(tx, "UPDATE audit_log SET seq = $2 WHERE seq = $1", [a, spare]);
    await touching(tx, "UPDATE audit_log SET seq = $2 WHERE seq = $1", [b, a]);
    await touching(tx, "UPDATE audit_log SET seq = $2 WHERE seq = $1", [spare, b]);
    return `swap the places of records ${a} and ${b}`;
  },
  async truncate(tx, random, size) {
    const keep = between(random, 0, size - 1);
    await touching(tx, "DELETE FROM audit_log WHERE seq > $1", [keep]);
    return `truncate after record ${keep}`;
  },
  /** The tail dropped and the head moved back onto the new end: only the checkpoint can tell. */
  async truncateAndMoveHead(tx, random, size) {
    const keep = between(random, 0, size - 1);
    await touching(tx, "DELETE FROM audit_log WHERE seq > $1", [keep]);
    await moveHead(tx, keep);
    return `truncate after record ${keep} and move the head there`;
  },
};

/** Thrown to roll a trial's transaction back, carrying the verifier's answer out. */
class RolledBack extends Error {
  constructor(readonly verification: AuditVerification) {
    super("rolled back");
  }
}

/** Tampers (or not) with triggers off, verifies, and rolls everything back. */
async function trial(
  db: Database,
  checkpoint: AuditHead,
  tamper: (tx: Queryable) => Promise<void>
): Promise<AuditVerification> {
  try {
    await db.transaction(async (tx) => {
      // As the tests do: someone with full control of the database gets past the append-only triggers.
      await tx.query("SET LOCAL session_replication_role = replica");
      await tamper(tx);
      throw new RolledBack(await verifyAuditChain(tx, { checkpoint, pageSize: 5000 }));
    });
  } catch (err) {
    if (err instanceof RolledBack) return err.verification;
    throw err;
  }
  throw new Error("unreachable: the trial's transaction always rolls back");
}

/** Runs `attempt` again when PostgreSQL ended it as a deadlock (two lanes tampering with the same rows). */
async function retryingDeadlocks<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      if ((err as { code?: string }).code !== "40P01" || tries === 3) throw err;
    }
  }
}

export const tamperProof: Proof = {
  name: "tamper",
  async run({ quick, log }) {
    const size = quick ? 2000 : 10_000;
    const trials = quick ? 200 : 1000;
    const seed = 20_251_121;
    const problems: string[] = [];
    const schema = await throwawaySchema();
    let db: Database | undefined;
    try {
      db = await openDatabase({ databaseUrl: schema.url, dataDir: "unused-with-postgres" });
      await migrate(db);
      const built = performance.now();
      await buildLog(db, size, seededRandom(seed));
      const head = await auditHead(db);
      // The checkpoint as it would be kept outside the database: SEQ:HASH text.
      const checkpoint = parseCheckpoint(`${head.seq}:${head.hash}`)!;
      log(
        `tamper: ${size} records appended in ${Math.round(performance.now() - built)} ms, checkpoint ${head.seq}`
      );

      // Control: the untouched log verifies, or every "detection" below would mean nothing.
      const control = await trial(db, checkpoint, async () => {});
      if (!control.ok)
        problems.push(`the untouched log does not verify: ${JSON.stringify(control.firstBad)}`);

      const kinds = Object.keys(tampers);
      const perKind = new Map(kinds.map((k) => [k, { trials: 0, detected: 0 }]));
      let detected = 0;
      let finished = 0;
      const started = performance.now();
      const runTrial = async (i: number) => {
        const kind = kinds[i % kinds.length]!;
        let done = "";
        const result = await retryingDeadlocks(() =>
          trial(db!, checkpoint, async (tx) => {
            // Seeded per trial: a retry, or another lane's timing, draws the same tampering.
            done = await tampers[kind]!(tx, seededRandom(seed + i), size);
          })
        );
        const tally = perKind.get(kind)!;
        tally.trials++;
        if (!result.ok) {
          detected++;
          tally.detected++;
        } else problems.push(`not detected: ${done}`);
        if (++finished % 200 === 0) log(`tamper: ${finished}/${trials} trials, ${detected} detected`);
      };
      // Two lanes: while one trial hashes records here, PostgreSQL reads the other's.
      let next = 0;
      const lane = async () => {
        while (next < trials) await runTrial(next++);
      };
      await Promise.all([lane(), lane()]);
      log(`tamper: ${trials} trials in ${Math.round(performance.now() - started)} ms`);
      log(`tamper: ${[...perKind].map(([k, t]) => `${k} ${t.detected}/${t.trials}`).join(", ")}`);

      // And the log is intact again afterwards: every trial was rolled back.
      const after = await verifyAuditChain(db, { checkpoint });
      if (!after.ok || after.count !== size) problems.push("the log does not verify after the trials");
      return {
        line: `tamper trials=${trials} detected=${detected}`,
        ok: problems.length === 0 && detected === trials,
        problems,
      };
    } finally {
      await db?.close();
      await schema.drop();
    }
  },
};
