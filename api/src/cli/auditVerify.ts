// `npm run audit:verify [-- --checkpoint SEQ:HASH]`: recomputes the audit log's hash chain in the
// configured database and prints one line; exit 0 when intact, 1 when broken (or on an error), 2 for
// bad arguments or settings. A checkpoint (a head recorded earlier, e.g. by `auditHead`) also catches a
// log that was cut short or rewritten up to that record.
import { ConfigError } from "../../../lib/config.js";
import { runMain } from "../../../lib/runMain.js";
import type { AuditHead } from "../audit/auditRecord.js";
import { checkpointForm, parseCheckpoint } from "../audit/parseCheckpoint.js";
import { verifyAuditChain } from "../audit/verifyAuditChain.js";
import { loadApiConfig } from "../config.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/openDatabase.js";

const usage = "Usage: npm run audit:verify [-- --checkpoint SEQ:HASH]";

function parseArgs(args: string[]): { checkpoint?: AuditHead } {
  if (args.length === 0) return {};
  const value = args[0] === "--checkpoint" && args.length === 2 ? args[1]! : undefined;
  if (value === undefined) throw new ConfigError(usage);
  const checkpoint = parseCheckpoint(value);
  if (!checkpoint) throw new ConfigError(`--checkpoint: expected ${checkpointForm}. ${usage}`);
  return { checkpoint };
}

runMain(async () => {
  const { checkpoint } = parseArgs(process.argv.slice(2));
  const config = loadApiConfig();
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(db);
    const result = await verifyAuditChain(db, { checkpoint });
    if (result.ok) {
      console.log(`audit chain ok: ${result.count} records, head ${result.head.hash}`);
    } else {
      console.error(`audit chain BROKEN at record ${result.firstBad.seq}: ${result.firstBad.reason}`);
      process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
});
