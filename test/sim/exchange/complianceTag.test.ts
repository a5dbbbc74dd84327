import assert from "node:assert/strict";
import { FixtureError } from "../../../sim/src/fixtures/buildTenant.js";
import { parseFixture } from "../../../sim/src/fixtures/loadFixture.js";
import { demo, demoFixtureJson, startSim, type Reply, type RunningSim } from "../../support/simServer.js";

type Row = Record<string, unknown>;

const invokePath = `/adminapi/beta/${demo.tenantId}/InvokeCommand`;

function demoWith(change: (fixture: Record<string, unknown>) => void): Record<string, unknown> {
  const fixture = demoFixtureJson();
  change(fixture);
  return fixture;
}

function fixtureError(json: unknown): FixtureError {
  try {
    parseFixture(json);
  } catch (err) {
    assert.ok(err instanceof FixtureError, String(err));
    return err;
  }
  assert.fail("the fixture was accepted");
}

describe("Exchange admin API Get-ComplianceTag (retention labels)", () => {
  let running: RunningSim;
  let token: string;

  const getComplianceTag = (parameters: Row = {}, sim: RunningSim = running, bearer: string = token) =>
    sim.call(invokePath, {
      method: "POST",
      token: bearer,
      body: { CmdletInput: { CmdletName: "Get-ComplianceTag", Parameters: parameters } },
    });

  const rows = (reply: Reply): Row[] => {
    assert.equal(reply.status, 200, reply.text);
    return (reply.body as { value: Row[] }).value;
  };

  before(async () => {
    running = await startSim();
    token = await running.appToken("https://outlook.office365.com");
  });
  after(() => running.close());

  it("the demo tenant → its labels with action, duration in days, what it counts from and whether it is a record", async () => {
    const labels = rows(await getComplianceTag());
    const legal = labels.find((l) => l.Name === "Legal matter - 10 years")!;
    assert.equal(legal.RetentionAction, "KeepAndDelete");
    assert.equal(legal.RetentionDuration, 3650);
    assert.equal(legal.RetentionType, "CreationAgeInDays");
    assert.equal(legal.IsRecordLabel, false);
    const record = labels.find((l) => l.Name === "Financial record - 7 years")!;
    assert.equal(record.RetentionDuration, 2555);
    assert.equal(record.IsRecordLabel, true);
    assert.match(String(legal.Guid), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(
      labels.map((l) => l.Priority),
      labels.map((_, i) => i)
    );
  });

  it("the demo copy's label (<demo-fwd-0003@contoso.com> at grady.archie) → one of the tenant's labels", () => {
    const fixture = demoFixtureJson() as {
      retentionLabels: { Name: string }[];
      messages: { copies?: Record<string, { retentionLabel?: string }> }[];
    };
    const used = fixture.messages.flatMap((m) =>
      Object.values(m.copies ?? {}).flatMap((c) => (c.retentionLabel ? [c.retentionLabel] : []))
    );
    assert.ok(used.includes("Legal matter - 10 years"));
    for (const name of used)
      assert.ok(
        fixture.retentionLabels.some((l) => l.Name === name),
        name
      );
  });

  it("-Identity by name (any case) or by Guid → that label only", async () => {
    const [legal] = rows(await getComplianceTag({ Identity: "legal MATTER - 10 years" }));
    assert.equal(legal!.Name, "Legal matter - 10 years");
    const byGuid = rows(await getComplianceTag({ Identity: legal!.Guid }));
    assert.deepEqual(byGuid, [legal]);
  });

  it("an unknown label → 404 ManagementObjectNotFoundException", async () => {
    const reply = await getComplianceTag({ Identity: "No such label" });
    assert.equal(reply.status, 404);
    assert.match(String(reply.headers["x-exceptiontype"]), /ManagementObjectNotFoundException/);
  });

  it("a fixture without retentionLabels → an empty list, not an error", async () => {
    const bare = await startSim({ fixture: demoWith((f) => delete f.retentionLabels) });
    try {
      const bareToken = await bare.appToken("https://outlook.office365.com");
      assert.deepEqual(rows(await getComplianceTag({}, bare, bareToken)), []);
    } finally {
      await bare.close();
    }
  });

  it("a fixture label that deletes after 'Unlimited' → refused, naming retentionLabels[0].RetentionDuration", () => {
    const error = fixtureError(
      demoWith((f) => {
        f.retentionLabels = [
          { Name: "Forever", RetentionAction: "KeepAndDelete", RetentionDuration: "Unlimited" },
        ];
      })
    );
    assert.equal(error.field, "retentionLabels[0].RetentionDuration");
  });

  it("two fixture labels with the same name → refused, naming the second", () => {
    const error = fixtureError(
      demoWith((f) => {
        f.retentionLabels = [
          { Name: "Keep 1 year", RetentionAction: "Keep", RetentionDuration: 365 },
          { Name: "keep 1 YEAR", RetentionAction: "Delete", RetentionDuration: 365 },
        ];
      })
    );
    assert.equal(error.field, "retentionLabels[1].Name");
    assert.match(error.problem, /used twice/);
  });
});
