// Keeps a target for a worker whose work on it outlasts the lease (many copies, slow or throttled
// calls), so no other worker takes it over while it is still busy.
import type { Database } from "../../db/database.js";
import { lockWork } from "./lockTarget.js";

export type RenewLeaseInput = {
  jobId: string;
  mailbox: string;
  workerId: string;
  leaseMs: number;
  now: Date;
};

/**
 * Extends the lease to `now + leaseMs` and returns its new end. Refused (409 LEASE_LOST) when the
 * lease has already run out: by then another worker may have claimed the target, so the worker must
 * stop and leave the target to whoever holds it.
 * @example const until = await renewLease(db, { jobId, mailbox, workerId, leaseMs: 60_000, now: new Date() });
 */
export async function renewLease(db: Database, input: RenewLeaseInput): Promise<Date> {
  if (!(input.leaseMs > 0)) throw new TypeError("leaseMs must be positive");
  return db.transaction(async (tx) => {
    await lockWork(tx, input, { workerId: input.workerId, now: input.now, live: true });
    const until = new Date(input.now.getTime() + input.leaseMs);
    await tx.query(
      "UPDATE retraction_targets SET lease_until = $3, updated_at = $4 WHERE job_id = $1 AND mailbox = $2",
      [input.jobId, input.mailbox, until.toISOString(), input.now.toISOString()]
    );
    return until;
  });
}
