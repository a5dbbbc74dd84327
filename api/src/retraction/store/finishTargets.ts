// Finishes many targets in one transaction (group commit): every finish appends to the audit chain,
// whose head is locked until commit, so one transaction per target makes all workers queue for it,
// each holding a database connection while it waits. One at a time per instance, many per turn, keeps
// each target's record atomic with its final state and lets throughput grow with the load.
import type { Database } from "../../db/database.js";
import { finishInTransaction, type FinishTargetInput, type FinishTargetResult } from "./finishTarget.js";

export type FinishSettled = { ok: true; value: FinishTargetResult } | { ok: false; error: unknown };

/**
 * Finishes each of `inputs` in one transaction; one that fails (its lease lost, say) is rolled back to
 * its savepoint and reported, without undoing the others.
 * @example const [settled] = await finishTargets(db, [input]);
 */
export function finishTargets(db: Database, inputs: readonly FinishTargetInput[]): Promise<FinishSettled[]> {
  return db.transaction(async (tx) => {
    const settled: FinishSettled[] = [];
    for (const input of inputs) {
      await tx.query("SAVEPOINT finish_target");
      try {
        settled.push({ ok: true, value: await finishInTransaction(tx, input) });
        await tx.query("RELEASE SAVEPOINT finish_target");
      } catch (error) {
        await tx.query("ROLLBACK TO SAVEPOINT finish_target");
        settled.push({ ok: false, error });
      }
    }
    return settled;
  });
}
