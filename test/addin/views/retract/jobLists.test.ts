import assert from "node:assert/strict";
import { mergeJobs } from "../../../../addin/src/views/retract/jobLists.js";
import { job } from "./retractFixtures.js";

const older = job({ id: "old", status: "completed", createdAt: "2026-11-20T08:00:00.000Z" });
const waiting = job({ id: "wait", status: "awaitingApproval", createdAt: "2026-11-21T08:00:00.000Z" });

describe("mergeJobs", () => {
  it("no live jobs → the list as read, newest first", () => {
    assert.deepEqual(
      mergeJobs([older, waiting], new Map(), "<demo@fabrikam.com>").map((j) => j.id),
      ["wait", "old"]
    );
  });

  it("a listed job followed live → its live status wins", () => {
    const approved = { ...waiting, status: "running" as const };
    const merged = mergeJobs([waiting, older], new Map([["wait", approved]]), "<demo@fabrikam.com>");
    assert.equal(merged[0]?.status, "running");
    assert.equal(merged.length, 2);
  });

  it("a job just submitted for this message → added on top", () => {
    const fresh = job({ id: "new", createdAt: "2026-11-22T08:00:00.000Z" });
    assert.deepEqual(
      mergeJobs([older], new Map([["new", fresh]]), "<demo@fabrikam.com>").map((j) => j.id),
      ["new", "old"]
    );
  });

  it("a live job of another message → left out", () => {
    const elsewhere = job({ id: "other", internetMessageId: "<other@fabrikam.com>" });
    assert.equal(mergeJobs([older], new Map([["other", elsewhere]]), "<demo@fabrikam.com>").length, 1);
  });
});
