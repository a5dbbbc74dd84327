// `npm run audit:verify`: the CLI run as its own process against a test database of either engine.
import assert from "node:assert/strict";
import { appendAudit } from "../../../api/src/audit/appendAudit.js";
import type { AuditRecord } from "../../../api/src/audit/auditRecord.js";
import { openDatabase } from "../../../api/src/db/openDatabase.js";
import { runCli, type CliRun } from "../../support/runCli.js";
import { bypassingTriggers, describeEachDatabase, type TestDatabase } from "../../support/testDatabases.js";

function runVerify(args: string[], env: TestDatabase["env"] = {}): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return runCli("api/src/cli/auditVerify.ts", args, childEnv);
}

/** PGlite's folder takes one process at a time: the test's own connection steps aside for the CLI. */
async function runAgainst(target: TestDatabase, args: string[] = []): Promise<CliRun> {
  if (target.kind === "postgres") return runVerify(args, target.env);
  await target.db.close();
  try {
    return await runVerify(args, target.env);
  } finally {
    target.db = await openDatabase(target.settings);
  }
}

describeEachDatabase("audit:verify CLI", (current, kind) => {
  let records: AuditRecord[];
  before(async () => {
    const actor = { tenantId: "t", objectId: "oid-1", upn: "admin@contoso.com" };
    records = [];
    for (let i = 1; i <= 3; i++) {
      const subject = { internetMessageId: `<m${i}@contoso.com>` };
      records.push(
        await current().db.transaction((tx) => appendAudit(tx, { actor, action: "test", subject }))
      );
    }
  });

  it("an intact log → 'audit chain ok: 3 records, head <hash>' on stdout, exit 0", async () => {
    const { code, stdout, stderr } = await runAgainst(current());
    assert.equal(stderr, "");
    assert.equal(stdout, `audit chain ok: 3 records, head ${records[2]!.hash}\n`);
    assert.equal(code, 0);
  });

  it("a record edited behind the triggers → 'audit chain BROKEN at record 2: ...' on stderr, exit 1", async () => {
    await bypassingTriggers(current().db, `UPDATE audit_log SET action = 'nothing to see' WHERE seq = 2`);
    const { code, stdout, stderr } = await runAgainst(current());
    assert.equal(stdout, "");
    assert.match(stderr, /^audit chain BROKEN at record 2: changed after it was written[^\n]*\n$/);
    assert.equal(code, 1);
  });

  // Shown once, on PostgreSQL: starting PGlite in a new process is what makes these tests slow.
  if (kind === "pglite") return;

  it("--checkpoint beyond a log cut short (head moved back too) → BROKEN at the first missing record, exit 1", async () => {
    await bypassingTriggers(
      current().db,
      "DELETE FROM audit_log WHERE seq >= 2",
      "UPDATE audit_head SET seq = 1, hash = (SELECT hash FROM audit_log WHERE seq = 1)"
    );
    const checkpoint = `3:${records[2]!.hash.toUpperCase()}`;
    const { code, stderr } = await runAgainst(current(), ["--checkpoint", checkpoint]);
    assert.match(
      stderr,
      /^audit chain BROKEN at record 2: missing: the checkpoint is at record 3 but the log ends at record 1/
    );
    assert.equal(code, 1);
  });
});

describe("audit:verify CLI arguments", () => {
  it("a bad --checkpoint or an unknown option → one line naming the expected form on stderr, exit 2", async () => {
    const cases = [
      ["--checkpoint", `0:${"a".repeat(64)}`],
      ["--since", "1"],
    ];
    for (const { code, stdout, stderr } of await Promise.all(cases.map((args) => runVerify(args)))) {
      assert.equal(code, 2, stderr);
      assert.equal(stdout, "");
      assert.match(stderr, /Usage: npm run audit:verify \[-- --checkpoint SEQ:HASH\]/);
      assert.equal(stderr.trim().split("\n").length, 1, stderr);
    }
  });
});
