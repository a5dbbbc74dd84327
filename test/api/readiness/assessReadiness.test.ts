import assert from "node:assert/strict";
import { assessReadiness } from "../../../api/src/readiness/assessReadiness.js";
import type {
  AccessPolicyFact,
  DomainFact,
  Probe,
  RbacGrantFact,
  ReadinessFacts,
  ScopeTestFact,
} from "../../../api/src/readiness/readinessFacts.js";
import {
  readinessSchema,
  type DomainReadiness,
  type Readiness,
} from "../../../api/src/readiness/readinessSchema.js";

const consentUrl = "https://login.microsoftonline.com/4d3c2b1a/adminconsent?client_id=5b2a7c8d";
const allGraph = ["Mail.ReadWrite", "User.Read.All", "GroupMember.Read.All", "Domain.Read.All"];

const ok = <T>(value: T): Probe<T> => ({ ok: true, value });
const failed = (code: string, problem: string): Probe<never> => ({ ok: false, code, problem });

const domain = (id: string, extra: Partial<DomainFact> = {}): DomainFact => ({
  id,
  isVerified: true,
  isDefault: false,
  isInitial: false,
  supportedServices: ["Email", "OfficeCommunicationsOnline"],
  ...extra,
});

const policy = (accessRight: string, scopeName: string, scopeIdentity: string): AccessPolicyFact => ({
  accessRight,
  scopeName,
  scopeIdentity,
  scopeObjectId: "0f1e2d3c-4b5a-4968-8776-655443322110",
  description: "",
});

const exemptPolicy = policy("DenyAccess", "Retraction exempt", "retraction-exempt");
const forbidden = failed(
  "EXCHANGE_FORBIDDEN",
  "Exchange Online refused Get-ApplicationAccessPolicy: the API app needs the Exchange.ManageAsApp application permission (admin-consented) and an admin role that may run it, such as Global Reader."
);

/** The demo tenant as the gatherer sees it: everything granted, one unverified domain, one DenyAccess policy. */
function facts(overrides: Partial<ReadinessFacts> = {}): ReadinessFacts {
  return {
    checkedAt: "2026-03-02T09:30:00.000Z",
    tenantId: "4d3c2b1a-6f5e-4a7b-9c8d-0e1f2a3b4c5d",
    clientId: "5b2a7c8d-1e3f-4a5b-8c6d-7e8f9a0b1c2d",
    adminConsentUrl: consentUrl,
    signIn: ok(true),
    graphRoles: ok(allGraph),
    exchangeRoles: ok(["Exchange.ManageAsApp"]),
    domains: ok([
      domain("contoso.com", { isDefault: true }),
      domain("contoso.onmicrosoft.com", { isInitial: true }),
      domain("contoso-europe.com", { isVerified: false, supportedServices: [] }),
    ]),
    accessPolicies: ok([exemptPolicy]),
    rbacGrants: ok([]),
    scopeTests: [],
    retentionLabels: ok(2),
    ...overrides,
  };
}

/** Assesses and checks the report against the route's response schema. */
function assess(input: ReadinessFacts): Readiness {
  const report = assessReadiness(input);
  assert.deepEqual(readinessSchema.parse(report), report);
  return report;
}

const domainOf = (report: Readiness, id: string): DomainReadiness => {
  const found = report.domains.find((d) => d.id === id);
  assert.ok(found, `no domain ${id}`);
  return found;
};

describe("assessReadiness", () => {
  describe("the demo tenant (everything granted, one unverified domain, a DenyAccess policy)", () => {
    it("→ ready; contoso.com and the initial domain Granted", () => {
      const report = assess(facts());
      assert.equal(report.ready, true);
      assert.equal(domainOf(report, "contoso.com").retraction.status, "Granted");
      assert.deepEqual(domainOf(report, "contoso.com").retraction.reasons, []);
      assert.equal(domainOf(report, "contoso.onmicrosoft.com").retraction.ready, true);
    });

    it("→ contoso-europe.com Not ready because it is not verified, and one sentence telling the admin to verify or remove it", () => {
      const report = assess(facts());
      const europe = domainOf(report, "contoso-europe.com");
      assert.equal(europe.retraction.status, "Not ready");
      assert.equal(europe.supportsEmail, false);
      assert.match(europe.retraction.reasons.join(" "), /contoso-europe\.com is not verified/);
      assert.equal(report.missing.length, 1);
      assert.match(report.missing[0]!, /^Verify contoso-europe\.com .*or remove it if it is not in use/);
    });

    it("→ scope restricted by DenyAccess: the group excluded, every other mailbox open", () => {
      const { mailboxScope, domains } = assess(facts());
      assert.equal(mailboxScope.checked, true);
      assert.equal(mailboxScope.restricted, true);
      assert.deepEqual(mailboxScope.excluded, ["Retraction exempt (retraction-exempt)"]);
      assert.deepEqual(mailboxScope.restrictedTo, []);
      assert.equal(
        mailboxScope.summary,
        "The app may open every mailbox except members of Retraction exempt (retraction-exempt) (application access policies)."
      );
      assert.equal(
        domains[0]!.retraction.mailboxes,
        "every mailbox except members of Retraction exempt (retraction-exempt)"
      );
    });

    it("→ every required permission held, the token roles and the label count reported", () => {
      const report = assess(facts());
      assert.deepEqual(
        report.permissions.map((p) => [p.name, p.status]),
        [
          ["Mail.ReadWrite", "held"],
          ["User.Read.All", "held"],
          ["GroupMember.Read.All", "held"],
          ["Domain.Read.All", "held"],
          ["Exchange.ManageAsApp", "held"],
        ]
      );
      assert.ok(report.permissions.every((p) => p.via === "Entra ID"));
      assert.deepEqual(report.tokenRoles, { graph: allGraph, exchange: ["Exchange.ManageAsApp"] });
      assert.equal(report.retentionLabels, 2);
      assert.ok(Object.values(report.checks).every((c) => c.ok));
      assert.equal(report.application.adminConsentUrl, consentUrl);
    });
  });

  describe("permissions", () => {
    it("Mail.ReadWrite not granted → not ready, every domain Not ready, one sentence naming it with the consent link", () => {
      const report = assess(facts({ graphRoles: ok(allGraph.filter((r) => r !== "Mail.ReadWrite")) }));
      assert.equal(report.ready, false);
      assert.equal(report.permissions.find((p) => p.name === "Mail.ReadWrite")!.status, "missing");
      for (const d of report.domains) assert.equal(d.retraction.status, "Not ready", d.id);
      assert.ok(domainOf(report, "contoso.com").retraction.reasons.includes("The API lacks Mail.ReadWrite."));
      const sentences = report.missing.filter((m) => m.includes("Mail.ReadWrite"));
      assert.equal(sentences.length, 1);
      assert.match(
        sentences[0]!,
        /^Give the API access to mailboxes .*"Application Mail\.ReadWrite" with a management scope .*or grant the API's app registration \(client id 5b2a7c8d-[^)]*\) the Microsoft Graph application permission Mail\.ReadWrite/
      );
      assert.ok(sentences[0]!.includes(`grant admin consent: ${consentUrl}`));
    });

    it("Directory.Read.All granted instead of the narrower directory permissions → held, with heldAs naming it", () => {
      const report = assess(facts({ graphRoles: ok(["Mail.ReadWrite", "Directory.Read.All"]) }));
      assert.equal(report.ready, true);
      for (const name of ["User.Read.All", "GroupMember.Read.All", "Domain.Read.All"]) {
        const permission = report.permissions.find((p) => p.name === name)!;
        assert.deepEqual([permission.status, permission.heldAs], ["held", "Directory.Read.All"], name);
      }
      assert.equal(report.permissions.find((p) => p.name === "Mail.ReadWrite")!.heldAs, undefined);
    });

    it("User.ReadBasic.All only → User.Read.All still missing (basic profiles lack proxyAddresses)", () => {
      const report = assess(
        facts({
          graphRoles: ok(["Mail.ReadWrite", "User.ReadBasic.All", "GroupMember.Read.All", "Domain.Read.All"]),
        })
      );
      assert.equal(report.permissions.find((p) => p.name === "User.Read.All")!.status, "missing");
      assert.equal(report.ready, false);
    });

    it("Exchange.ManageAsApp missing and Exchange refusing → one sentence (with Global Reader), scope unknown, retraction still ready", () => {
      const report = assess(
        facts({
          exchangeRoles: ok([]),
          accessPolicies: forbidden,
          rbacGrants: forbidden,
          retentionLabels: forbidden,
        })
      );
      assert.equal(report.ready, true);
      assert.equal(report.permissions.find((p) => p.name === "Exchange.ManageAsApp")!.status, "missing");
      const exchangeSentences = report.missing.filter((m) => /Exchange/.test(m));
      assert.equal(exchangeSentences.length, 1, report.missing.join("\n"));
      assert.match(exchangeSentences[0]!, /Exchange\.ManageAsApp .* such as Global Reader/);
      assert.ok(exchangeSentences[0]!.includes(consentUrl));
      assert.equal(report.mailboxScope.checked, false);
      assert.equal(report.mailboxScope.restricted, null);
      assert.equal(report.checks.mailboxScope.ok, false);
      assert.equal(domainOf(report, "contoso.com").retraction.status, "Granted");
      assert.equal(
        domainOf(report, "contoso.com").retraction.mailboxes,
        "unknown: the app's mailbox scope could not be read"
      );
    });

    it("Exchange.ManageAsApp held but Exchange refusing the cmdlets → the refusal itself is a missing item", () => {
      const report = assess(facts({ accessPolicies: forbidden }));
      assert.ok(
        report.missing.some((m) =>
          m.startsWith(
            "Could not read the app's mailbox scope from Exchange Online (Get-ApplicationAccessPolicy): Exchange Online refused"
          )
        ),
        report.missing.join("\n")
      );
    });
  });

  describe("sign-in and tokens", () => {
    const refused = failed(
      "UPSTREAM_AUTH",
      "The sign-in authority refused the API's credentials for Microsoft Graph: AADSTS7000215: Invalid client secret provided. Check TENANT_ID, API_CLIENT_ID and API_CLIENT_CERTIFICATE_PATH (or API_CLIENT_SECRET)."
    );
    const notChecked = failed("NOT_CHECKED", "Not checked: the API could not sign in.");

    it("the API's credential refused → not ready, and the sign-in problem is the one and only missing item", () => {
      const report = assess(
        facts({
          signIn: refused,
          graphRoles: refused,
          exchangeRoles: refused,
          domains: notChecked,
          accessPolicies: notChecked,
          rbacGrants: notChecked,
          retentionLabels: notChecked,
        })
      );
      assert.equal(report.ready, false);
      assert.equal(report.checks.signIn.ok, false);
      assert.deepEqual(report.missing, [
        `Fix the API's own sign-in to Microsoft 365 first: ${refused.ok ? "" : refused.problem}`,
      ]);
      assert.ok(report.permissions.every((p) => p.status === "unknown"));
      assert.deepEqual(report.domains, []);
      assert.deepEqual(report.tokenRoles, { graph: null, exchange: null });
    });

    it("only the Exchange token unobtainable → Exchange.ManageAsApp unknown, a sentence about that token, retraction still ready", () => {
      const report = assess(
        facts({ exchangeRoles: failed("UPSTREAM_AUTH", "AADSTS500011: The resource was not found.") })
      );
      assert.equal(report.ready, true);
      assert.equal(report.permissions.find((p) => p.name === "Exchange.ManageAsApp")!.status, "unknown");
      assert.ok(
        report.missing.includes(
          "Could not get the API's access token for the Exchange admin API: AADSTS500011: The resource was not found."
        )
      );
    });

    it("the Graph token unobtainable → Graph permissions unknown, domains Not ready for that reason", () => {
      const report = assess(
        facts({ graphRoles: failed("UPSTREAM_AUTH", "AADSTS500011: The resource was not found.") })
      );
      assert.equal(report.ready, false);
      assert.ok(
        domainOf(report, "contoso.com").retraction.reasons.includes(
          "Whether the API holds Mail.ReadWrite, User.Read.All, GroupMember.Read.All and Domain.Read.All could not be checked."
        )
      );
    });
  });

  describe("domains", () => {
    it("a verified domain not set up for email → Not ready, with a sentence to set it up", () => {
      const report = assess(
        facts({
          domains: ok([
            domain("contoso.com"),
            domain("sharepoint-only.contoso.com", { supportedServices: ["SharePoint"] }),
          ]),
        })
      );
      const other = domainOf(report, "sharepoint-only.contoso.com");
      assert.equal(other.retraction.status, "Not ready");
      assert.deepEqual(other.retraction.reasons, [
        "sharepoint-only.contoso.com is not set up for email in the tenant.",
      ]);
      assert.ok(
        report.missing.some((m) =>
          m.startsWith("Set up sharepoint-only.contoso.com for Exchange Online email")
        )
      );
      assert.equal(report.ready, true);
    });

    it("the domain list unreadable while Domain.Read.All is held → not ready, the failure reported", () => {
      const report = assess(
        facts({
          domains: failed(
            "UPSTREAM_UNAVAILABLE",
            "Microsoft Graph could not list the tenant's domains (HTTP 503)."
          ),
        })
      );
      assert.equal(report.ready, false);
      assert.deepEqual(report.domains, []);
      assert.ok(
        report.missing.includes(
          "Could not list the tenant's domains: Microsoft Graph could not list the tenant's domains (HTTP 503)."
        )
      );
    });

    it("the domain list refused because Domain.Read.All is missing → only the permission's sentence, not a second one", () => {
      const report = assess(
        facts({
          graphRoles: ok(allGraph.filter((r) => r !== "Domain.Read.All")),
          domains: failed(
            "UPSTREAM_PERMISSION",
            "The API app lacks the Microsoft Graph application permission to list the tenant's domains."
          ),
        })
      );
      assert.equal(report.missing.length, 1, report.missing.join("\n"));
      assert.match(report.missing[0]!, /Domain\.Read\.All/);
    });
  });

  describe("mailbox scope", () => {
    it("no application access policy → not restricted, every mailbox", () => {
      const report = assess(facts({ accessPolicies: ok([]) }));
      assert.equal(report.mailboxScope.restricted, false);
      assert.equal(
        report.mailboxScope.summary,
        "The app may open every mailbox: no application access policy limits it."
      );
      assert.equal(domainOf(report, "contoso.com").retraction.mailboxes, "every mailbox");
    });

    describe("RestrictAccess to Finance Leads, with one tested mailbox per email domain", () => {
      const restricted = (tests: ScopeTestFact[]) =>
        assess(
          facts({
            domains: ok([
              domain("contoso.com"),
              domain("contoso.onmicrosoft.com"),
              domain("fabrikam-subsidiary.com"),
            ]),
            accessPolicies: ok([policy("RestrictAccess", "Finance Leads", "finance-leads"), exemptPolicy]),
            scopeTests: tests,
          })
        );

      it("a member of the domain Granted → Granted, the tested mailbox named", () => {
        const report = restricted([
          { domain: "contoso.com", test: ok({ mailbox: "emily.braun@contoso.com", granted: true }) },
        ]);
        const contoso = domainOf(report, "contoso.com");
        assert.equal(contoso.retraction.status, "Granted");
        assert.equal(
          contoso.retraction.mailboxes,
          "only members of Finance Leads (finance-leads) except members of Retraction exempt (retraction-exempt); emily.braun@contoso.com tested: Granted"
        );
        assert.deepEqual(report.mailboxScope.restrictedTo, ["Finance Leads (finance-leads)"]);
      });

      it("no member in the domain → Not ready, and a sentence to add its mailboxes to the group", () => {
        const report = restricted([
          { domain: "contoso.com", test: ok({ mailbox: "emily.braun@contoso.com", granted: true }) },
          { domain: "contoso.onmicrosoft.com", test: ok(null) },
        ]);
        const initial = domainOf(report, "contoso.onmicrosoft.com");
        assert.equal(initial.retraction.status, "Not ready");
        assert.match(initial.retraction.reasons[0]!, /^No mailbox of this domain is in the app's scope/);
        assert.ok(
          report.missing.some((m) =>
            m.startsWith(
              "No mailbox of contoso.onmicrosoft.com is in the app's scope: an application access policy restricts the app to members of Finance Leads (finance-leads)."
            )
          )
        );
        assert.equal(report.ready, true);
      });

      it("the tested member Denied by Exchange → Not ready, naming the mailbox", () => {
        const report = restricted([
          {
            domain: "fabrikam-subsidiary.com",
            test: ok({ mailbox: "kim@fabrikam-subsidiary.com", granted: false }),
          },
        ]);
        const domainReport = domainOf(report, "fabrikam-subsidiary.com");
        assert.deepEqual(domainReport.retraction.reasons, [
          "Exchange denies the app access to kim@fabrikam-subsidiary.com, the mailbox of this domain tested.",
        ]);
        assert.match(domainReport.retraction.mailboxes, /kim@fabrikam-subsidiary\.com tested: Denied$/);
      });

      it("the test failing → Not ready with the failure, and the failure among the missing items", () => {
        const report = restricted([
          {
            domain: "contoso.com",
            test: failed(
              "UPSTREAM_THROTTLED",
              "Exchange Online is throttling the API's requests (Test-ApplicationAccessPolicy)."
            ),
          },
        ]);
        assert.match(
          domainOf(report, "contoso.com").retraction.reasons[0]!,
          /^Could not test a mailbox of this domain .*throttling/
        );
        assert.ok(
          report.missing.some((m) =>
            m.startsWith("Could not test whether the app may open mailboxes of contoso.com:")
          )
        );
      });
    });
  });

  describe("RBAC for Applications (the deployment guide's way to scope mailbox access)", () => {
    const scopedMail: RbacGrantFact = {
      roleName: "Application Mail.ReadWrite",
      grantedPermissions: ["Mail.ReadWrite"],
      allowedResourceScope: "Retention Lens mailboxes",
      scopeType: "CustomRecipientScope",
    };
    const directoryOnly = ok(allGraph.filter((r) => r !== "Mail.ReadWrite"));

    it("mail granted only by a scoped RBAC role → Mail.ReadWrite held through Exchange, ready, scope restricted to the management scope", () => {
      const report = assess(facts({ graphRoles: directoryOnly, rbacGrants: ok([scopedMail]) }));
      assert.equal(report.ready, true);
      const mail = report.permissions.find((p) => p.name === "Mail.ReadWrite")!;
      assert.deepEqual(
        [mail.status, mail.via, mail.heldAs],
        ["held", "Exchange RBAC for Applications", "Application Mail.ReadWrite"]
      );
      assert.equal(report.permissions.find((p) => p.name === "User.Read.All")!.via, "Entra ID");
      const scope = report.mailboxScope;
      assert.deepEqual([scope.mechanism, scope.restricted], ["RBAC for Applications", true]);
      assert.deepEqual(scope.restrictedTo, ["Retention Lens mailboxes (CustomRecipientScope)"]);
      assert.deepEqual(scope.rbacGrants, [scopedMail]);
      assert.equal(
        domainOf(report, "contoso.com").retraction.mailboxes,
        "only mailboxes in Retention Lens mailboxes (CustomRecipientScope)"
      );
      assert.equal(report.missing.length, 1, report.missing.join("\n"));
    });

    it("an organization-wide RBAC mail role → not restricted", () => {
      const organization = { ...scopedMail, allowedResourceScope: "Organization", scopeType: "Organization" };
      const report = assess(facts({ graphRoles: directoryOnly, rbacGrants: ok([organization]) }));
      assert.equal(report.mailboxScope.restricted, false);
      assert.equal(domainOf(report, "contoso.com").retraction.mailboxes, "every mailbox");
    });

    it("an RBAC role that grants only Mail.Read → Mail.ReadWrite still missing", () => {
      const readOnly = {
        ...scopedMail,
        roleName: "Application Mail.Read",
        grantedPermissions: ["Mail.Read"],
      };
      const report = assess(facts({ graphRoles: directoryOnly, rbacGrants: ok([readOnly]) }));
      assert.equal(report.permissions.find((p) => p.name === "Mail.ReadWrite")!.status, "missing");
      assert.equal(report.ready, false);
    });

    it("the tenant-wide Entra Mail.ReadWrite as well as the RBAC role → a sentence to remove the Entra grant (grants add up)", () => {
      const report = assess(facts({ rbacGrants: ok([scopedMail]) }));
      assert.equal(report.ready, true);
      assert.equal(report.mailboxScope.mechanism, "ApplicationAccessPolicy");
      assert.match(report.mailboxScope.summary, /does not narrow this/);
      assert.ok(
        report.missing.some((m) =>
          m.startsWith(
            "Remove the tenant-wide Microsoft Graph permission Mail.ReadWrite from the API's app registration"
          )
        ),
        report.missing.join("\n")
      );
    });

    it("no Mail.ReadWrite in the token and RBAC unreadable → mail access unknown, not ready, said so once", () => {
      const unavailable = failed(
        "UPSTREAM_UNAVAILABLE",
        "Exchange Online could not run Test-ServicePrincipalAuthorization (HTTP 503)."
      );
      const report = assess(facts({ graphRoles: directoryOnly, rbacGrants: unavailable }));
      assert.equal(report.ready, false);
      assert.equal(report.permissions.find((p) => p.name === "Mail.ReadWrite")!.status, "unknown");
      assert.equal(report.mailboxScope.checked, false);
      assert.ok(
        domainOf(report, "contoso.com").retraction.reasons.includes(
          "Whether the API holds Mail.ReadWrite could not be checked."
        )
      );
      const about = report.missing.filter((m) => m.includes("Test-ServicePrincipalAuthorization"));
      assert.equal(about.length, 1, report.missing.join("\n"));
      assert.match(about[0]!, /^Could not tell whether the API may open mailboxes/);
    });

    it("Entra Mail.ReadWrite held but RBAC unreadable → ready, the RBAC failure reported", () => {
      const report = assess(facts({ rbacGrants: forbidden }));
      assert.equal(report.ready, true);
      assert.ok(
        report.missing.some((m) =>
          m.startsWith("Could not read the app's Exchange RBAC for Applications grants")
        )
      );
    });
  });

  it("retention labels unreadable → reported, without changing whether retraction is ready", () => {
    const report = assess(
      facts({
        retentionLabels: failed(
          "UPSTREAM_UNAVAILABLE",
          "Exchange Online could not run Get-ComplianceTag (HTTP 503)."
        ),
      })
    );
    assert.equal(report.ready, true);
    assert.equal(report.retentionLabels, null);
    assert.ok(
      report.missing.includes(
        "Could not read the tenant's retention labels (Get-ComplianceTag, Security & Compliance): Exchange Online could not run Get-ComplianceTag (HTTP 503)."
      )
    );
  });
});
