// The retraction lifecycle rules on their own: every allowed status change and only those, messages
// that say why a change is refused, when a target may be finished, and how jobs and undos end.
import assert from "node:assert/strict";
import { AppError } from "../../../../api/src/errors.js";
import {
  assertJobTransition,
  copyNeedsWork,
  copyStates,
  copyTransitionProblem,
  emptyCounts,
  finalJobStatus,
  finalUndoStatus,
  finishProblem,
  inFlightState,
  jobStatuses,
  jobTransitionProblem,
  phaseOf,
  targetStatuses,
  targetTransitionProblem,
  type JobStatus,
  phaseMismatch,
} from "../../../../api/src/retraction/store/jobStates.js";

/** Every pair (from, to) for which `allowed` says yes, as "from → to". */
function allowedMoves<S extends string>(
  states: readonly S[],
  allowed: (from: S, to: S) => boolean
): string[] {
  return states.flatMap((from) => states.filter((to) => allowed(from, to)).map((to) => `${from} → ${to}`));
}

describe("jobStates", () => {
  describe("job transitions", () => {
    const soft = (status: JobStatus) => ({ id: "j1", mode: "soft" as const, status });

    it("soft job → exactly the documented moves are allowed", () => {
      const moves = allowedMoves(
        jobStatuses,
        (from, to) => jobTransitionProblem(soft(from), to) === undefined
      );
      assert.deepEqual(moves.sort(), [
        "awaitingApproval → expired",
        "awaitingApproval → queued",
        "awaitingApproval → rejected",
        "completed → undoing",
        "completedWithFailures → undoing",
        "failed → undoing",
        "queued → running",
        "running → completed",
        "running → completedWithFailures",
        "running → failed",
        "undoing → undone",
        "undoing → undoneWithFailures",
        "undoneWithFailures → undoing",
      ]);
    });

    it("hard job → the same moves except any undo", () => {
      const hard = allowedMoves(
        jobStatuses,
        (from, to) => jobTransitionProblem({ id: "j1", mode: "hard", status: from }, to) === undefined
      );
      const softMoves = allowedMoves(
        jobStatuses,
        (from, to) => jobTransitionProblem(soft(from), to) === undefined
      );
      assert.deepEqual(
        hard,
        softMoves.filter((move) => !move.endsWith("→ undoing"))
      );
    });

    it("undo of a hard retraction → says it cannot be undone, and why", () => {
      assert.equal(
        jobTransitionProblem({ id: "j1", mode: "hard", status: "completed" }, "undoing"),
        "Retraction j1 is a hard retraction, which cannot be undone: its copies were purged."
      );
    });

    it("approving a job that is not awaiting approval → names its status and what can be approved", () => {
      assert.equal(
        jobTransitionProblem(soft("running"), "queued"),
        "Retraction j1 is running; only a job awaiting approval can be approved."
      );
      assert.equal(
        jobTransitionProblem(soft("expired"), "rejected"),
        "Retraction j1 is expired (nobody approved it in time); only a job awaiting approval can be rejected."
      );
    });

    it("undo of a running job → only a finished soft retraction can be undone", () => {
      assert.match(
        jobTransitionProblem(soft("running"), "undoing")!,
        /is running; only a finished soft retraction/
      );
    });

    it("assertJobTransition on a refused move → AppError 409 INVALID_STATE with the message", () => {
      assert.throws(
        () => assertJobTransition(soft("rejected"), "queued"),
        (err) =>
          err instanceof AppError &&
          err.status === 409 &&
          err.code === "INVALID_STATE" &&
          err.message === "Retraction j1 is rejected; only a job awaiting approval can be approved."
      );
      assert.doesNotThrow(() => assertJobTransition(soft("queued"), "running"));
    });
  });

  describe("target transitions", () => {
    it("every pair of statuses → only the documented moves are allowed", () => {
      const moves = allowedMoves(
        targetStatuses,
        (from, to) => targetTransitionProblem(from, to) === undefined
      );
      assert.deepEqual(moves.sort(), [
        "done → restoring",
        "failed → restoring",
        "pending → running",
        "pending → skipped",
        "restoreFailed → restoring",
        "restoring → restoreFailed",
        "restoring → restored",
        "restoring → restoring",
        "running → done",
        "running → failed",
        "running → pending",
        "running → running",
        "running → skipped",
      ]);
    });

    it("a refused move → names both statuses", () => {
      assert.equal(
        targetTransitionProblem("done", "running"),
        "A target that is done cannot become running."
      );
    });
  });

  describe("copy transitions", () => {
    it("every pair of statuses → only the documented moves are allowed", () => {
      const moves = allowedMoves(copyStates, (from, to) => copyTransitionProblem(from, to) === undefined);
      assert.deepEqual(moves.sort(), [
        "acting → acting",
        "acting → done",
        "acting → failed",
        "acting → gone",
        "done → restoring",
        "failed → acting",
        "pending → acting",
        "restoreFailed → restoring",
        "restoring → restoreFailed",
        "restoring → restored",
        "restoring → restoring",
      ]);
    });

    it("a result without an in-flight mark → refused: a copy is marked before its Graph call", () => {
      assert.equal(copyTransitionProblem("pending", "done"), "A copy that is pending cannot become done.");
    });

    it("a copy gone or restored → final", () => {
      for (const to of copyStates) {
        assert.notEqual(copyTransitionProblem("gone", to), undefined);
        assert.notEqual(copyTransitionProblem("restored", to), undefined);
      }
    });
  });

  describe("finishProblem", () => {
    it("done with every copy done or gone → allowed (a copy already gone counts as done)", () => {
      assert.equal(finishProblem("done", ["done", "gone"]), undefined);
      assert.equal(finishProblem("done", []), undefined);
    });

    it("any status with a copy in flight → refused until its result is recorded", () => {
      assert.equal(
        finishProblem("failed", ["done", "acting"]),
        "1 copy is still in flight; record its result first."
      );
      assert.equal(
        finishProblem("restoreFailed", ["restoring", "restoring"]),
        "2 copies are still in flight; record their result first."
      );
    });

    it("done with a failed or untouched copy → refused, counting them", () => {
      assert.equal(
        finishProblem("done", ["done", "failed", "pending", "failed"]),
        "A target cannot be done while 2 copies are failed and 1 copy is pending."
      );
    });

    it("failed → allowed with any settled copies; skipped → only when nothing was moved", () => {
      assert.equal(finishProblem("failed", ["done", "failed", "gone"]), undefined);
      assert.equal(finishProblem("skipped", ["pending", "gone"]), undefined);
      assert.equal(finishProblem("skipped", ["done"]), "A target cannot be skipped while 1 copy is done.");
    });

    it("restored → refused while a moved copy is not back", () => {
      assert.equal(finishProblem("restored", ["restored", "gone", "failed"]), undefined);
      assert.equal(
        finishProblem("restored", ["restoreFailed"]),
        "A target cannot be restored while 1 copy is restoreFailed."
      );
    });
  });

  describe("final statuses", () => {
    const counts = (c: Partial<ReturnType<typeof emptyCounts>>) => ({ ...emptyCounts(), ...c });

    it("finalJobStatus → completed without failures, failed without successes, otherwise with failures", () => {
      assert.equal(finalJobStatus(counts({ done: 3, skipped: 1 })), "completed");
      assert.equal(finalJobStatus(counts({ skipped: 2 })), "completed");
      assert.equal(finalJobStatus(counts({ done: 3, failed: 1 })), "completedWithFailures");
      assert.equal(finalJobStatus(counts({ failed: 2, skipped: 1 })), "failed");
    });

    it("finalUndoStatus → undone unless a restore failed", () => {
      assert.equal(finalUndoStatus(counts({ restored: 2, done: 1 })), "undone");
      assert.equal(finalUndoStatus(counts({ restored: 2, restoreFailed: 1 })), "undoneWithFailures");
    });

    it("emptyCounts → every target status at zero", () => {
      assert.deepEqual(Object.keys(emptyCounts()).sort(), [...targetStatuses].sort());
      assert.ok(Object.values(emptyCounts()).every((n) => n === 0));
    });
  });

  describe("phases and policy", () => {
    it("phaseOf → retract while queued or running, undo while undoing, none otherwise", () => {
      const phases = Object.fromEntries(jobStatuses.map((s) => [s, phaseOf(s)]));
      assert.deepEqual(
        Object.entries(phases).filter(([, p]) => p !== undefined),
        [
          ["queued", "retract"],
          ["running", "retract"],
          ["undoing", "undo"],
        ]
      );
      assert.equal(inFlightState("retract"), "acting");
      assert.equal(inFlightState("undo"), "restoring");
    });

    it("copyNeedsWork → copies not yet settled in the phase, in-flight ones included", () => {
      assert.deepEqual(
        copyStates.filter((s) => copyNeedsWork("retract", s)),
        ["pending", "acting", "failed"]
      );
      assert.deepEqual(
        copyStates.filter((s) => copyNeedsWork("undo", s)),
        ["done", "restoring", "restoreFailed"]
      );
    });
  });

  describe("phaseMismatch", () => {
    it("an undo result while retracting → names it, the phase and what is expected", () => {
      assert.equal(
        phaseMismatch("A copy cannot be", "restored", "retract", ["done", "gone", "failed"]),
        "A copy cannot be restored while retracting; expected done, gone, failed."
      );
    });

    it("a value of the phase → undefined", () => {
      assert.equal(
        phaseMismatch("A target cannot end", "restored", "undo", ["restored", "restoreFailed"]),
        undefined
      );
    });
  });
});
