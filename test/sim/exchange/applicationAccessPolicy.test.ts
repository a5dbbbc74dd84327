import assert from "node:assert/strict";
import { demo, demoFixtureJson, startSim, type Reply, type RunningSim } from "../../support/simServer.js";

type Row = Record<string, unknown>;

const exchange = "https://outlook.office365.com";
const invokePath = `/adminapi/beta/${demo.tenantId}/InvokeCommand`;

/** A second app, restricted to Finance Leads but denied one of its members (DenyAccess wins). */
const restrictedApp = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

function fixtureWithRestrictedApp(): Record<string, unknown> {
  const fixture = demoFixtureJson();
  (fixture.applicationAccessPolicies as unknown[]).push(
    {
      appId: restrictedApp,
      accessRight: "RestrictAccess",
      policyScopeGroupId: "finance-leads@contoso.com",
      description: "Restrict the reporting app to Finance Leads.",
    },
    { appId: restrictedApp, accessRight: "DenyAccess", policyScopeGroupId: "megan.bowen@contoso.com" }
  );
  return fixture;
}

function mailboxUpns(): string[] {
  const users = demoFixtureJson().users as { userPrincipalName: string; mailbox?: unknown }[];
  return users.filter((u) => u.mailbox !== false).map((u) => u.userPrincipalName);
}

describe("Exchange admin API application access policy cmdlets", () => {
  let running: RunningSim;
  let exchangeToken: string;
  let graphToken: string;

  const invoke = (cmdlet: string, parameters: Row = {}) =>
    running.call(invokePath, {
      method: "POST",
      token: exchangeToken,
      body: { CmdletInput: { CmdletName: cmdlet, Parameters: parameters } },
    });

  const rows = (reply: Reply): Row[] => {
    assert.equal(reply.status, 200, reply.text);
    return (reply.body as { value: Row[] }).value;
  };

  const test = async (identity: string, appId: string = demo.apiClientId): Promise<Row> => {
    const found = rows(await invoke("Test-ApplicationAccessPolicy", { Identity: identity, AppId: appId }));
    assert.equal(found.length, 1);
    return found[0]!;
  };

  before(async () => {
    running = await startSim({ fixture: fixtureWithRestrictedApp() });
    exchangeToken = await running.appToken(exchange);
    graphToken = await running.appToken();
  });
  after(() => running.close());

  describe("Get-ApplicationAccessPolicy", () => {
    it("the demo tenant's policy → DenyAccess for the API app, scoped to Retraction exempt, Exchange's properties", async () => {
      const policies = rows(await invoke("Get-ApplicationAccessPolicy")).filter(
        (p) => p.AppId === demo.apiClientId
      );
      assert.equal(policies.length, 1);
      const policy = policies[0]!;
      assert.equal(policy.AccessRight, "DenyAccess");
      assert.equal(policy.ScopeName, "Retraction exempt");
      assert.equal(policy.ScopeIdentity, "retraction-exempt");
      assert.equal(policy.ShardType, "All");
      assert.equal(policy.IsValid, true);
      assert.equal(policy.ObjectState, "Unchanged");
      assert.match(String(policy.ScopeIdentityRaw), /^S-1-5-21-\d+-\d+-\d+-\d+;[0-9a-f-]{36}$/);
      assert.equal(
        policy.Identity,
        `${demo.tenantId}\\${demo.apiClientId}:${String(policy.ScopeIdentityRaw)}`
      );
    });

    it("ScopeIdentityRaw → SID;object id, the object id being the scope group's Graph id", async () => {
      const policy = rows(await invoke("Get-ApplicationAccessPolicy")).find(
        (p) => p.AppId === demo.apiClientId
      )!;
      const groups = await running.call(
        `/v1.0/groups?$filter=${encodeURIComponent("mail eq 'retraction-exempt@contoso.com'")}&$select=id`,
        { token: graphToken }
      );
      const groupId = (groups.body as { value: { id: string }[] }).value[0]!.id;
      assert.equal(String(policy.ScopeIdentityRaw).split(";")[1], groupId);
    });

    it("a policy without a description → Exchange's generated one; a given description → kept as it is", async () => {
      const all = rows(await invoke("Get-ApplicationAccessPolicy"));
      const generated = String(all.find((p) => p.AppId === demo.apiClientId)!.Description);
      assert.match(generated, new RegExp(`^AppId: ${demo.apiClientId};`));
      assert.match(generated, /AccessRight: DenyAccess; ShardType: All$/);
      const given = all.find((p) => p.AppId === restrictedApp && p.AccessRight === "RestrictAccess")!;
      assert.equal(given.Description, "Restrict the reporting app to Finance Leads.");
    });

    it("a mailbox as the scope → ScopeName is the user's display name, ScopeIdentity the alias", async () => {
      const denied = rows(await invoke("Get-ApplicationAccessPolicy")).find(
        (p) => p.AppId === restrictedApp && p.AccessRight === "DenyAccess"
      )!;
      assert.equal(denied.ScopeIdentity, "megan.bowen");
      assert.equal(typeof denied.ScopeName, "string");
      assert.notEqual(denied.ScopeName, "");
    });

    it("-Identity of one policy → exactly that policy; an unknown identity → 404 ManagementObjectNotFoundException", async () => {
      const all = rows(await invoke("Get-ApplicationAccessPolicy"));
      const one = rows(await invoke("Get-ApplicationAccessPolicy", { Identity: all[1]!.Identity }));
      assert.deepEqual(one, [all[1]]);
      const unknown = await invoke("Get-ApplicationAccessPolicy", { Identity: "no-such-policy" });
      assert.equal(unknown.status, 404);
      assert.match(String(unknown.headers["x-exceptiontype"]), /ManagementObjectNotFoundException/);
    });
  });

  describe("Test-ApplicationAccessPolicy", () => {
    it("a member of the DenyAccess group → Denied; anyone else → Granted", async () => {
      assert.equal((await test("pradeep.gupta@contoso.com")).AccessCheckResult, "Denied");
      assert.equal((await test("alex.wilber@contoso.com")).AccessCheckResult, "Granted");
    });

    it("the answer → AppId, the mailbox's alias, its Get-Mailbox Guid and a SID from the tenant's domain", async () => {
      const answer = await test("alex.wilber@contoso.com");
      const mailbox = rows(await invoke("Get-Mailbox", { Identity: "alex.wilber@contoso.com" }))[0]!;
      const policy = rows(await invoke("Get-ApplicationAccessPolicy"))[0]!;
      assert.equal(answer.AppId, demo.apiClientId);
      assert.equal(answer.Mailbox, "alex.wilber");
      assert.equal(answer.MailboxId, mailbox.Guid);
      const domainSid = (sid: unknown) => String(sid).split("-").slice(0, 7).join("-");
      assert.match(String(answer.MailboxSid), /^S-1-5-21-\d+-\d+-\d+-\d+$/);
      assert.equal(domainSid(answer.MailboxSid), domainSid(String(policy.ScopeIdentityRaw).split(";")[0]));
    });

    it("RestrictAccess → members of the scope Granted, others Denied, and DenyAccess wins for a member it also names", async () => {
      assert.equal((await test("henrietta.mueller@contoso.com", restrictedApp)).AccessCheckResult, "Granted");
      assert.equal((await test("alex.wilber@contoso.com", restrictedApp)).AccessCheckResult, "Denied");
      assert.equal((await test("megan.bowen@contoso.com", restrictedApp)).AccessCheckResult, "Denied");
    });

    it("an app without any policy → Granted everywhere", async () => {
      const answer = await test("pradeep.gupta@contoso.com", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
      assert.equal(answer.AccessCheckResult, "Granted");
    });

    it("several app ids, comma-separated → one answer per app", async () => {
      const answers = rows(
        await invoke("Test-ApplicationAccessPolicy", {
          Identity: "megan.bowen@contoso.com",
          AppId: `${demo.apiClientId}, ${restrictedApp}`,
        })
      );
      assert.deepEqual(
        answers.map((a) => [a.AppId, a.AccessCheckResult]),
        [
          [demo.apiClientId, "Granted"],
          [restrictedApp, "Denied"],
        ]
      );
    });

    it("every demo mailbox → the same verdict Graph enforces (200 when Granted, 403 'Access to OData is disabled.' when Denied)", async () => {
      for (const upn of mailboxUpns()) {
        const verdict = (await test(upn)).AccessCheckResult;
        const graph = await running.call(
          `/v1.0/users/${encodeURIComponent(upn)}/messages?$top=1&$select=id`,
          {
            token: graphToken,
          }
        );
        if (verdict === "Granted") assert.equal(graph.status, 200, upn);
        else {
          assert.equal(graph.status, 403, upn);
          assert.equal(
            (graph.body as { error: { message: string } }).error.message,
            "Access to OData is disabled."
          );
        }
      }
    });

    it("without Identity or AppId → 400 ParameterBindingException; an AppId that is no GUID → 400", async () => {
      for (const parameters of [
        { AppId: demo.apiClientId },
        { Identity: "alex.wilber@contoso.com" },
        { Identity: "alex.wilber@contoso.com", AppId: "not-a-guid" },
      ]) {
        const reply = await invoke("Test-ApplicationAccessPolicy", parameters);
        assert.equal(reply.status, 400, JSON.stringify(parameters));
        assert.match(String(reply.headers["x-exceptiontype"]), /ParameterBindingException/);
      }
    });

    it("an unknown mailbox → 404 ManagementObjectNotFoundException", async () => {
      const reply = await invoke("Test-ApplicationAccessPolicy", {
        Identity: "nobody@contoso.com",
        AppId: demo.apiClientId,
      });
      assert.equal(reply.status, 404);
      assert.match(String(reply.headers["x-exceptiontype"]), /ManagementObjectNotFoundException/);
    });
  });

  describe("Test-ServicePrincipalAuthorization", () => {
    it("the API app → 404 ManagementObjectNotFoundException: sim's tenants give no app an Exchange service principal", async () => {
      const reply = await invoke("Test-ServicePrincipalAuthorization", { Identity: demo.apiClientId });
      assert.equal(reply.status, 404);
      assert.match(String(reply.headers["x-exceptiontype"]), /ManagementObjectNotFoundException/);
    });

    it("without Identity → 400 ParameterBindingException", async () => {
      const reply = await invoke("Test-ServicePrincipalAuthorization", {});
      assert.equal(reply.status, 400);
      assert.match(String(reply.headers["x-exceptiontype"]), /ParameterBindingException/);
    });
  });
});
