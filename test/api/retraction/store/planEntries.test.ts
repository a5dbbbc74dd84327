// A plan's staged targets on both engines: stored in groups in any order, read back in pages in the
// plan's order, removed per plan, and plans abandoned for more than a day removed by the next plan.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Database } from "../../../../api/src/db/database.js";
import {
  abandonedPlanMs,
  dropAbandonedPlans,
  dropPlan,
  readPlanEntries,
  stagePlanEntries,
  withPlan,
} from "../../../../api/src/retraction/store/planEntries.js";
import { describeEachDatabase } from "../../../support/testDatabases.js";
import { newTargets, t0 } from "./storeFixtures.js";

describeEachDatabase("retraction store: planEntries", (current) => {
  let db: Database;
  before(() => (db = current().db));
  beforeEach(() => db.query("DELETE FROM retraction_plan_entries"));

  const stage = async (planId: string, count: number, now = t0) => {
    const targets = newTargets(count);
    // Staged out of order, as planning finishes mailboxes.
    const entries = targets.map((target, position) => ({ position, target })).reverse();
    await stagePlanEntries(db, planId, entries.slice(0, 2), now);
    await stagePlanEntries(db, planId, entries.slice(2), now);
    return targets;
  };
  const planSize = async (planId: string) =>
    (
      await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM retraction_plan_entries WHERE plan_id = $1",
        [planId]
      )
    )[0]!.n;

  it("staged out of order → read in pages in position order, each entry the target as staged", async () => {
    const planId = randomUUID();
    const targets = await stage(planId, 5);
    const first = await readPlanEntries(db, planId, -1, 3);
    const rest = await readPlanEntries(db, planId, first.at(-1)!.position, 3);
    assert.deepEqual(
      [...first, ...rest].map((e) => e.position),
      [0, 1, 2, 3, 4]
    );
    assert.deepEqual(
      [...first, ...rest].map((e) => JSON.parse(e.json)),
      targets
    );
    assert.deepEqual(await readPlanEntries(db, planId, 4, 3), []);
  });

  it("dropPlan → that plan's entries gone, another plan's kept", async () => {
    const [one, other] = [randomUUID(), randomUUID()];
    await stage(one, 3);
    await stage(other, 2);
    await dropPlan(db, one);
    assert.equal(await planSize(one), 0);
    assert.equal(await planSize(other), 2);
  });

  it("dropAbandonedPlans → plans staged more than a day ago gone, newer ones kept", async () => {
    const [abandoned, recent] = [randomUUID(), randomUUID()];
    await stage(abandoned, 2, t0);
    await stage(recent, 2, new Date(t0.getTime() + 1000));
    await dropAbandonedPlans(db, new Date(t0.getTime() + abandonedPlanMs + 500));
    assert.equal(await planSize(abandoned), 0);
    assert.equal(await planSize(recent), 2);
  });

  it("withPlan → the plan's rows removed when the work ends, also when it fails; abandoned plans first", async () => {
    const abandoned = randomUUID();
    await stage(abandoned, 1, t0);
    const later = new Date(t0.getTime() + abandonedPlanMs + 1);
    let used = "";
    await assert.rejects(
      withPlan(db, later, async (planId) => {
        used = planId;
        await stage(planId, 2, later);
        assert.equal(await planSize(abandoned), 0);
        throw new Error("Graph refused");
      }),
      /Graph refused/
    );
    assert.equal(await planSize(used), 0);
    assert.equal(await withPlan(db, later, async () => "answered"), "answered");
  });

  it("the same position twice in a plan → refused, nothing of that group stored", async () => {
    const planId = randomUUID();
    const [target] = newTargets(1);
    await assert.rejects(
      stagePlanEntries(
        db,
        planId,
        [
          { position: 0, target: target! },
          { position: 0, target: target! },
        ],
        t0
      ),
      /duplicate key/
    );
    assert.equal(await planSize(planId), 0);
  });
});
