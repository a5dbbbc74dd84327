import assert from "node:assert/strict";
import { readinessRoutes } from "../../../api/src/readiness/readinessRoutes.js";
import type { Readiness } from "../../../api/src/readiness/readinessSchema.js";
import { startApi, userToken, type RunningApi } from "../../support/apiServer.js";
import { demo, demoFixtureJson, startSim, type RunningSim } from "../../support/simServer.js";

type Fixture = Record<string, unknown>;
type App = { appId: string; graphPermissions?: string[]; exchangePermissions?: string[] };

/** The demo tenant with the API app's registration (or its policies) changed. */
function demoWith(change: (fixture: Fixture, apiApp: App) => void): Fixture {
  const fixture = demoFixtureJson();
  const apiApp = (fixture.applications as App[]).find((a) => a.appId === demo.apiClientId)!;
  change(fixture, apiApp);
  return fixture;
}

/** A sim with `fixture` and the API serving only readiness, for one test. */
async function withStack<T>(
  fixture: Fixture | undefined,
  work: (api: RunningApi, sim: RunningSim) => Promise<T>,
  env: NodeJS.ProcessEnv = {}
): Promise<T> {
  const sim = await startSim(fixture ? { fixture } : {});
  const api = await startApi(sim, { env, routes: (services) => [readinessRoutes(services)] });
  try {
    return await work(api, sim);
  } finally {
    await api.close();
    await sim.close();
  }
}

async function readiness(api: RunningApi, sim: RunningSim, upn = "admin@contoso.com"): Promise<Readiness> {
  const reply = await api.call("/api/readiness", await userToken(sim, upn));
  assert.equal(reply.status, 200, reply.text);
  return reply.body as Readiness;
}

const domainOf = (report: Readiness, id: string) => {
  const found = report.domains.find((d) => d.id === id);
  assert.ok(found, `no domain ${id}`);
  return found;
};

describe("GET /api/readiness (through the API against sim)", () => {
  let sim: RunningSim;
  let api: RunningApi;

  before(async () => {
    sim = await startSim();
    api = await startApi(sim, { routes: (services) => [readinessRoutes(services)] });
  });
  after(async () => {
    await api.close();
    await sim.close();
  });

  describe("the demo tenant, as admin (Retract.Run)", () => {
    let report: Readiness;
    before(async () => {
      report = await readiness(api, sim);
    });

    it("→ ready, every probe answered, the permissions read from the API's own tokens", () => {
      assert.equal(report.ready, true);
      assert.ok(
        Object.values(report.checks).every((c) => c.ok),
        JSON.stringify(report.checks)
      );
      assert.deepEqual([...report.tokenRoles.graph!].sort(), [
        "Domain.Read.All",
        "GroupMember.Read.All",
        "Mail.ReadWrite",
        "User.Read.All",
      ]);
      assert.deepEqual(report.tokenRoles.exchange, ["Exchange.ManageAsApp"]);
      assert.ok(report.permissions.every((p) => p.status === "held"));
    });

    it("→ contoso.com Granted; contoso-europe.com Not ready because it is not verified", () => {
      assert.equal(domainOf(report, "contoso.com").retraction.status, "Granted");
      assert.equal(domainOf(report, "contoso.com").isDefault, true);
      const europe = domainOf(report, "contoso-europe.com");
      assert.equal(europe.isVerified, false);
      assert.equal(europe.retraction.status, "Not ready");
      assert.match(europe.retraction.reasons.join(" "), /not verified in the tenant/);
      assert.deepEqual(report.missing, [
        "Verify contoso-europe.com in the Microsoft 365 admin center (Settings > Domains), or remove it if it is not in use: until it is verified, its recipients count as external and their copies cannot be retracted.",
      ]);
    });

    it("→ mailbox scope restricted: the DenyAccess policy on Retraction exempt", () => {
      const scope = report.mailboxScope;
      assert.equal(scope.checked, true);
      assert.equal(scope.restricted, true);
      assert.deepEqual(scope.excluded, ["Retraction exempt (retraction-exempt)"]);
      assert.deepEqual(
        scope.policies.map((p) => [p.accessRight, p.scopeName]),
        [["DenyAccess", "Retraction exempt"]]
      );
      assert.match(
        domainOf(report, "contoso.com").retraction.mailboxes,
        /except members of Retraction exempt/
      );
    });

    it("→ the admin-consent link for the API's app on sim's authority, and the retention label count", () => {
      assert.equal(
        report.application.adminConsentUrl,
        `${sim.origin}/${demo.tenantId}/adminconsent?client_id=${demo.apiClientId}`
      );
      assert.equal(report.application.clientId, demo.apiClientId);
      assert.equal(report.retentionLabels, 2);
    });
  });

  it("helpdesk (Holds.Read only) → 403 FORBIDDEN naming Retract.Run", async () => {
    const reply = await api.call("/api/readiness", await userToken(sim, "helpdesk@contoso.com"));
    assert.equal(reply.status, 403);
    const body = reply.body as { error: { code: string; message: string } };
    assert.equal(body.error.code, "FORBIDDEN");
    assert.match(body.error.message, /Retract\.Run/);
  });

  it("approver (Retract.Run without Holds.Read) → 200", async () => {
    assert.equal((await readiness(api, sim, "approver@contoso.com")).ready, true);
  });

  it("the OpenAPI document → /api/readiness with its required role", async () => {
    const reply = await api.call("/api/openapi.json", await userToken(sim, "admin@contoso.com"));
    const paths = (reply.body as { paths: Record<string, { get?: Record<string, unknown> }> }).paths;
    assert.deepEqual(paths["/api/readiness"]?.get?.["x-required-roles"], ["Retract.Run"]);
  });

  it("an app registration without Mail.ReadWrite → not ready, the permission reported missing with the consent link", async () => {
    const fixture = demoWith((_f, app) => {
      app.graphPermissions = app.graphPermissions!.filter((p) => p !== "Mail.ReadWrite");
    });
    await withStack(fixture, async (stackApi, stackSim) => {
      const report = await readiness(stackApi, stackSim);
      assert.equal(report.ready, false);
      assert.equal(report.permissions.find((p) => p.name === "Mail.ReadWrite")!.status, "missing");
      assert.ok(!report.tokenRoles.graph!.includes("Mail.ReadWrite"));
      const contoso = domainOf(report, "contoso.com");
      assert.equal(contoso.retraction.status, "Not ready");
      assert.ok(contoso.retraction.reasons.includes("The API lacks Mail.ReadWrite."));
      const consent = `${stackSim.origin}/${demo.tenantId}/adminconsent?client_id=${demo.apiClientId}`;
      const sentence = report.missing.find((m) => m.includes("Mail.ReadWrite"));
      assert.ok(sentence, report.missing.join("\n"));
      assert.match(sentence, /^Give the API access to mailboxes/);
      assert.match(sentence, /the Microsoft Graph application permission Mail\.ReadWrite/);
      assert.ok(sentence.includes(consent), sentence);
    });
  });

  it("an app registration without Exchange.ManageAsApp → Exchange refuses, scope unknown, retraction itself still ready", async () => {
    const fixture = demoWith((_f, app) => {
      app.exchangePermissions = [];
    });
    await withStack(fixture, async (stackApi, stackSim) => {
      const report = await readiness(stackApi, stackSim);
      assert.equal(report.ready, true);
      assert.equal(report.permissions.find((p) => p.name === "Exchange.ManageAsApp")!.status, "missing");
      assert.equal(report.checks.mailboxScope.ok, false);
      assert.match(
        report.checks.mailboxScope.problem!,
        /Exchange Online refused Get-ApplicationAccessPolicy/
      );
      assert.equal(report.mailboxScope.restricted, null);
      assert.equal(report.retentionLabels, null);
      assert.equal(domainOf(report, "contoso.com").retraction.status, "Granted");
      assert.ok(report.missing.some((m) => /Exchange\.ManageAsApp .*Global Reader/.test(m)));
    });
  });

  it("a RestrictAccess policy → a member's mailbox tested per domain: contoso.com Granted, the initial domain out of scope", async () => {
    const fixture = demoWith((f) => {
      f.applicationAccessPolicies = [
        {
          appId: demo.apiClientId,
          accessRight: "RestrictAccess",
          policyScopeGroupId: "finance-leads@contoso.com",
        },
      ];
    });
    await withStack(fixture, async (stackApi, stackSim) => {
      const report = await readiness(stackApi, stackSim);
      assert.deepEqual(report.mailboxScope.restrictedTo, ["Finance Leads (finance-leads)"]);
      const contoso = domainOf(report, "contoso.com");
      assert.equal(contoso.retraction.status, "Granted");
      assert.match(
        contoso.retraction.mailboxes,
        /^only members of Finance Leads .*@contoso\.com tested: Granted$/
      );
      const initial = domainOf(report, "contoso.onmicrosoft.com");
      assert.equal(initial.retraction.status, "Not ready");
      assert.match(initial.retraction.reasons[0]!, /No mailbox of this domain is in the app's scope/);
      assert.ok(
        report.missing.some((m) =>
          m.startsWith("No mailbox of contoso.onmicrosoft.com is in the app's scope")
        )
      );
    });
  });

  it("the API's own credential wrong → 200 saying clearly that the API cannot sign in, nothing else probed", async () => {
    await withStack(
      undefined,
      async (stackApi, stackSim) => {
        const report = await readiness(stackApi, stackSim);
        assert.equal(report.ready, false);
        assert.equal(report.checks.signIn.ok, false);
        assert.equal(report.missing.length, 1);
        assert.match(
          report.missing[0]!,
          /^Fix the API's own sign-in to Microsoft 365 first: The sign-in authority refused the API's credentials/
        );
        assert.match(report.missing[0]!, /AADSTS\d+/);
        assert.deepEqual(report.domains, []);
        assert.equal(report.checks.domains.problem, "Not checked: the API could not sign in.");
      },
      { API_CLIENT_SECRET: "not-the-registered-secret" }
    );
  });
});
