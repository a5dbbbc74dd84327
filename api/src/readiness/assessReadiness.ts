// The readiness verdict: turns the gathered facts into the report of GET /api/readiness. Pure: the
// facts carry everything, including the time they were gathered.
import { assessDomains } from "./assessDomains.js";
import { assessPermissions } from "./assessPermissions.js";
import { assessScope, grantsAddUp } from "./assessScope.js";
import type { Probe, ReadinessFacts } from "./readinessFacts.js";
import type { PermissionReadiness, Readiness } from "./readinessSchema.js";
import { readinessText } from "./readinessText.js";
import { requiredPermissions } from "./requiredPermissions.js";

const check = (probe: Probe<unknown>) => (probe.ok ? { ok: true } : { ok: false, problem: probe.problem });

/** A probe's failure, unless the missing permission it depends on already explains it. */
function unexplained(probe: Probe<unknown>, permission: PermissionReadiness | undefined): string | undefined {
  return probe.ok || permission?.status === "missing" ? undefined : probe.problem;
}

function permissionSentences(facts: ReadinessFacts, permissions: readonly PermissionReadiness[]): string[] {
  return requiredPermissions
    .filter((required) => permissions.find((p) => p.name === required.name)?.status === "missing")
    .map((required) => readinessText.permission(required, facts.clientId, facts.adminConsentUrl));
}

/**
 * The readiness report: permissions held against those required, the tenant's domains each with its
 * retraction verdict, the app's mailbox scope, and `missing`: what an admin must do, in words, most
 * fundamental first (sign-in, then permissions, then domains and scope).
 * @example assessReadiness(facts).domains.find((d) => d.id === "contoso.com")?.retraction.status // → "Granted"
 */
export function assessReadiness(facts: ReadinessFacts): Readiness {
  const permissions = assessPermissions(facts);
  const scope = assessScope(facts);
  const { domains, missing: domainSentences } = assessDomains(facts, permissions, scope);
  const byName = (name: string) => permissions.find((p) => p.name === name);
  const exchangeAccess = byName("Exchange.ManageAsApp");

  const missing: string[] = [];
  if (!facts.signIn.ok) missing.push(readinessText.signIn(facts.signIn.problem));
  else {
    if (!facts.graphRoles.ok) missing.push(readinessText.token("Microsoft Graph", facts.graphRoles.problem));
    if (!facts.exchangeRoles.ok)
      missing.push(readinessText.token("the Exchange admin API", facts.exchangeRoles.problem));
    missing.push(...permissionSentences(facts, permissions));
    const mail = byName("Mail.ReadWrite");
    // Mail access is unknown only when the token was read and RBAC for Applications was not.
    if (mail?.status === "unknown" && facts.graphRoles.ok && !facts.rbacGrants.ok)
      missing.push(readinessText.mailAccessUnknown(facts.rbacGrants.problem));
    if (grantsAddUp(facts)) missing.push(readinessText.grantsAddUp(facts.clientId));
    const domainsProblem = unexplained(facts.domains, byName("Domain.Read.All"));
    if (domainsProblem) missing.push(readinessText.domainsFailed(domainsProblem));
    missing.push(...domainSentences);
    const rbacProblem =
      mail?.status === "unknown" ? undefined : unexplained(facts.rbacGrants, exchangeAccess);
    if (rbacProblem) missing.push(readinessText.rbacFailed(rbacProblem));
    // Application access policies do not matter once RBAC for Applications decides.
    const scopeProblem =
      scope.mechanism === "ApplicationAccessPolicy"
        ? unexplained(facts.accessPolicies, exchangeAccess)
        : undefined;
    if (scopeProblem) missing.push(readinessText.scopeFailed(scopeProblem));
    const labelsProblem = unexplained(facts.retentionLabels, exchangeAccess);
    if (labelsProblem) missing.push(readinessText.labelsFailed(labelsProblem));
  }

  const retractionPermissionsHeld = permissions.every((p) => !p.neededForRetraction || p.status === "held");
  return {
    ready: facts.signIn.ok && retractionPermissionsHeld && domains.some((d) => d.retraction.ready),
    checkedAt: facts.checkedAt,
    application: {
      tenantId: facts.tenantId,
      clientId: facts.clientId,
      adminConsentUrl: facts.adminConsentUrl,
    },
    checks: {
      signIn: check(facts.signIn),
      graphToken: check(facts.graphRoles),
      exchangeToken: check(facts.exchangeRoles),
      domains: check(facts.domains),
      mailboxScope: check(facts.accessPolicies),
      rbacForApplications: check(facts.rbacGrants),
      retentionLabels: check(facts.retentionLabels),
    },
    tokenRoles: {
      graph: facts.graphRoles.ok ? facts.graphRoles.value : null,
      exchange: facts.exchangeRoles.ok ? facts.exchangeRoles.value : null,
    },
    permissions,
    domains,
    mailboxScope: scope,
    retentionLabels: facts.retentionLabels.ok ? facts.retentionLabels.value : null,
    missing,
  };
}
