// The retraction workers of one API instance: each slot claims a target from the database (any job,
// submitted through any instance), works it, and claims the next; slots claim and finish in groups (one
// transaction for all the slots asking at once); an idle slot waits for a local submit
// to wake it or looks again after a short pause. Approvals that ran out are expired on a timer. Every
// instance runs the same loop on the same tables, so they share jobs, and a restarted instance takes
// over the targets whose leases its crashed predecessor left behind.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import type { Database } from "../../db/database.js";
import type { GraphGateway } from "../../graph/graphClient.js";
import type { Logger } from "../../logger.js";
import type { FinishTargetInput } from "../store/finishTarget.js";
import { claimTargets } from "../store/claimTarget.js";
import { expireAwaitingApproval } from "../store/expireAwaitingApproval.js";
import { readCheckedCopies, recordVerification } from "../store/recordVerification.js";
import { finishTargets } from "../store/finishTargets.js";
import { groupCalls } from "./groupCalls.js";
import { defaultRetryTiming, type RetryTiming } from "./retryDelay.js";
import { verifyJob } from "./verifyJob.js";
import { workTarget, type TargetWorkDeps } from "./workTarget.js";

export type WorkerSettings = {
  /** Targets (mailboxes) worked on at once. */
  slots: number;
  leaseMs: number;
  maxAttempts: number;
  /** How long an idle slot waits before looking for work again. */
  pollMs: number;
  retryTiming?: RetryTiming;
  /** How often approvals that ran out are expired (default: every minute). */
  expiryCheckMs?: number;
};

export type WorkerParts = { db: Database; graph: GraphGateway; logger: Logger; now: () => number };

export type RetractionWorker = {
  /** Work was just submitted here: idle slots look at once instead of at their next poll. */
  wake(): void;
  /** Lets each slot finish the copy it is acting on, hands its target back, and resolves when all have. */
  stop(): Promise<void>;
};

/** Graph serves an app at most 4 requests at once per mailbox. */
const copiesAtOnce = 4;

/**
 * At most this many targets finished per transaction: the transaction holds the audit chain's head
 * until it commits, so every other audited action (a helpdesk read, a decision) waits for it meanwhile.
 */
const finishesAtOnce = 50;

/**
 * Starts `settings.slots` worker slots (none when 0: an instance that only serves the API).
 * @example const worker = startRetractionWorker(services, { slots: 4, leaseMs: 60_000, maxAttempts: 8, pollMs: 1000 });
 */
export function startRetractionWorker(parts: WorkerParts, settings: WorkerSettings): RetractionWorker {
  const { db, logger } = parts;
  const instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let stopping = false;
  const bell = createBell();
  const finish = groupCalls((inputs: FinishTargetInput[]) => finishTargets(db, inputs), finishesAtOnce);
  const claim = groupCalls(
    async (workerIds: string[]) => {
      const targets = await claimTargets(db, {
        workerIds,
        leaseMs: settings.leaseMs,
        now: new Date(parts.now()),
      });
      // Each slot gets the target leased in its own name (or none): working another's would be refused.
      const byOwner = new Map(targets.map((target) => [target.leaseOwner, target]));
      return workerIds.map((id) => ({ ok: true as const, value: byOwner.get(id) }));
    },
    Math.max(1, settings.slots)
  );

  const depsFor = (workerId: string): TargetWorkDeps => ({
    ...parts,
    random: Math.random,
    workerId,
    leaseMs: settings.leaseMs,
    maxAttempts: settings.maxAttempts,
    retryTiming: settings.retryTiming ?? defaultRetryTiming,
    copiesAtOnce,
    stopping: () => stopping,
    finish,
  });

  async function verify(jobId: string): Promise<void> {
    try {
      const verification = await verifyJob(
        // A plain timer, not the bell: a throttled search must not be sent again before Retry-After.
        {
          graph: parts.graph,
          now: parts.now,
          sleep: (ms) => delay(ms),
          // Graph runs a batch's requests a few at a time: a batch per four slots keeps about as many
          // searches going as the slots had deletions.
          batchesAtOnce: Math.max(1, Math.ceil(settings.slots / 4)),
        },
        await readCheckedCopies(db, jobId)
      );
      await recordVerification(db, { jobId, verification });
    } catch (err) {
      logger.warn({ err, jobId }, "could not check the retracted mailboxes again");
    }
  }

  async function runSlot(slot: number): Promise<void> {
    const deps = depsFor(`${instance}:${slot}`);
    while (!stopping) {
      try {
        const target = await claim(deps.workerId);
        if (!target) {
          await bell.wait(settings.pollMs, () => stopping);
          continue;
        }
        const result = await workTarget(deps, target);
        if (result.kind === "finished" && result.jobFinished && target.phase === "retract") {
          await verify(target.jobId);
        }
      } catch (err) {
        // The target's lease runs out and it is claimed again; meanwhile this slot pauses.
        logger.error({ err, workerId: deps.workerId }, "retraction worker step failed");
        await bell.wait(settings.pollMs, () => stopping);
      }
    }
  }

  const expiry = setInterval(() => {
    expireAwaitingApproval(db, new Date(parts.now())).then(
      (expired) => expired.length && logger.info({ expired }, "retractions expired awaiting approval"),
      (err: unknown) => logger.warn({ err }, "could not expire retractions awaiting approval")
    );
  }, settings.expiryCheckMs ?? 60_000);
  expiry.unref();

  const slots = Array.from({ length: settings.slots }, (_, i) => runSlot(i));
  return {
    wake: () => bell.ring(),
    stop: async () => {
      stopping = true;
      clearInterval(expiry);
      bell.ring();
      await Promise.all(slots);
    },
  };
}

/** Lets idle slots sleep until a timeout or until rung, whichever comes first. */
function createBell(): { ring(): void; wait(ms: number, cancelled: () => boolean): Promise<void> } {
  const sleepers = new Set<() => void>();
  return {
    ring() {
      for (const wake of [...sleepers]) wake();
    },
    wait(ms, cancelled) {
      if (cancelled()) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          sleepers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        sleepers.add(done);
      });
    },
  };
}
