import assert from "node:assert/strict";
import { applyJobEvent } from "../../../../addin/src/views/retract/applyJobEvent.js";
import { job, noCounts, targetView } from "./retractFixtures.js";

describe("applyJobEvent", () => {
  it("a snapshot → replaces whatever was shown", () => {
    const snapshot = job({ status: "queued" });
    assert.equal(applyJobEvent(job(), { event: "snapshot", data: snapshot }), snapshot);
  });

  it("a snapshot before anything → becomes the job", () => {
    const snapshot = job();
    assert.equal(applyJobEvent(null, { event: "snapshot", data: snapshot }), snapshot);
  });

  it("a target event for a known mailbox → replaces that mailbox only, in place", () => {
    const done = targetView("lee.gu@contoso.com", { status: "done", outcome: "softDeleted" });
    const next = applyJobEvent(job(), { event: "target", data: done });
    assert.deepEqual(
      next?.targets.map((t) => [t.mailbox, t.status]),
      [
        ["adele.vance@contoso.com", "pending"],
        ["lee.gu@contoso.com", "done"],
      ]
    );
  });

  it("a target event for a new mailbox → adds it at the end", () => {
    const next = applyJobEvent(job(), { event: "target", data: targetView("megan.bowen@contoso.com") });
    assert.equal(next?.targets.at(-1)?.mailbox, "megan.bowen@contoso.com");
    assert.equal(next?.targets.length, 3);
  });

  it("a progress event → status, words, counts and progress change; targets stay", () => {
    const before = job();
    const progress = { phase: "retracting", total: 2, finished: 1, percent: 50, etaSeconds: 4 } as const;
    const counts = { ...noCounts, done: 1, pending: 1 };
    const next = applyJobEvent(before, {
      event: "progress",
      data: { status: "running", statusText: "Retracting.", counts, progress },
    });
    assert.deepEqual(next?.progress, progress);
    assert.deepEqual(next?.counts, counts);
    assert.equal(next?.targets, before.targets);
  });

  it("an end event → takes the final summary but keeps the targets received one by one", () => {
    const before = job();
    const { targets: _targets, ...summary } = job({
      status: "completed",
      statusText: "Every included mailbox was retracted.",
      undoable: { possible: true, text: "Undo moves every retracted copy back." },
      targets: [],
    });
    const next = applyJobEvent(before, { event: "end", data: summary });
    assert.equal(next?.status, "completed");
    assert.equal(next?.undoable.possible, true);
    assert.equal(next?.targets, before.targets);
  });

  it("a patch before any snapshot → nothing to patch, stays null", () => {
    assert.equal(applyJobEvent(null, { event: "target", data: targetView("a@contoso.com") }), null);
    assert.equal(applyJobEvent(null, { event: "end", data: {} }), null);
  });

  it("an event the add-in does not know → leaves the job as it was", () => {
    const before = job();
    assert.equal(applyJobEvent(before, { event: "message", data: {} }), before);
  });
});
