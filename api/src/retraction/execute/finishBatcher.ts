// Collects the targets an instance's workers finish and writes them in groups (finishTargets): while one
// group's transaction runs, the next group gathers, so under load each transaction carries many targets
// and when quiet a target is written at once.
import type { Database } from "../../db/database.js";
import type { FinishTargetInput, FinishTargetResult } from "../store/finishTarget.js";
import { finishTargets } from "../store/finishTargets.js";

export type FinishTarget = (input: FinishTargetInput) => Promise<FinishTargetResult>;

type Waiting = {
  input: FinishTargetInput;
  resolve: (r: FinishTargetResult) => void;
  reject: (e: unknown) => void;
};

/**
 * At most this many targets per transaction: the transaction holds the audit chain's head until it
 * commits, so every other audited action (a helpdesk read, a decision) waits for it meanwhile.
 */
const maxGroup = 50;

/**
 * A finishTarget that groups concurrent calls.
 * @example const finish = createFinishBatcher(db); await finish({ jobId, mailbox, workerId, status: "done", ... });
 */
export function createFinishBatcher(db: Database): FinishTarget {
  const queue: Waiting[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const group = queue.splice(0, maxGroup);
        try {
          const settled = await finishTargets(
            db,
            group.map((w) => w.input)
          );
          settled.forEach((result, i) =>
            result.ok ? group[i]!.resolve(result.value) : group[i]!.reject(result.error)
          );
        } catch (err) {
          // The transaction itself failed (the database went away): every target in it stays unfinished.
          for (const waiting of group) waiting.reject(err);
        }
      }
    } finally {
      writing = false;
    }
  }

  return (input) =>
    new Promise<FinishTargetResult>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (writing) return;
      writing = true;
      // After the current turn of the event loop: finishes arriving together go in one group.
      queueMicrotask(() => void drain());
    });
}
