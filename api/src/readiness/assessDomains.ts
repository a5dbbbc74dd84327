// Per domain, whether retraction can work there (the product's answer to a "Granted" column): the domain
// is verified and takes email, the API holds the permissions retraction needs, and, when an application
// access policy restricts the app, Exchange grants it a mailbox of the domain.
import type { DomainFact, ReadinessFacts, ScopeTestFact } from "./readinessFacts.js";
import { scopeMailboxesInWords } from "./assessScope.js";
import type { DomainReadiness, MailboxScope, PermissionReadiness } from "./readinessSchema.js";
import { readinessText, scopeInWords } from "./readinessText.js";

type Verdict = { reasons: string[]; missing: string[]; tested?: string };

/** Retraction permissions not (known to be) held: domain readiness depends on them all. */
function permissionReasons(permissions: readonly PermissionReadiness[]): string[] {
  const gaps = permissions.filter((p) => p.neededForRetraction && p.status !== "held");
  const named = (status: string) => gaps.filter((p) => p.status === status).map((p) => p.name);
  const lacking = named("missing");
  const unknown = named("unknown");
  return [
    ...(lacking.length > 0 ? [readinessText.permissionsLackReason(lacking)] : []),
    ...(unknown.length > 0 ? [readinessText.permissionsUnknownReason(unknown)] : []),
  ];
}

/** What the RestrictAccess test of a representative mailbox says about the domain. */
function scopeVerdict(domain: string, test: ScopeTestFact["test"], scope: MailboxScope): Verdict {
  if (!test.ok)
    return {
      reasons: [readinessText.scopeTestFailedReason(test.problem)],
      missing: [readinessText.scopeTestFailed(domain, test.problem)],
    };
  if (test.value === null)
    return {
      reasons: [readinessText.outOfScopeReason(scopeInWords(scope.restrictedTo, scope.excluded))],
      missing: [readinessText.outOfScope(domain, scope.restrictedTo)],
    };
  const { mailbox, granted } = test.value;
  const tested = `${mailbox} tested: ${granted ? "Granted" : "Denied"}`;
  return granted
    ? { reasons: [], missing: [], tested }
    : {
        reasons: [readinessText.deniedReason(mailbox)],
        missing: [readinessText.denied(domain, mailbox)],
        tested,
      };
}

function mailboxesInWords(scope: MailboxScope, tested: string | undefined): string {
  const words = scopeMailboxesInWords(scope);
  return tested ? `${words}; ${tested}` : words;
}

function assessDomain(
  domain: DomainFact,
  permissions: readonly PermissionReadiness[],
  scope: MailboxScope,
  scopeTests: readonly ScopeTestFact[]
): { readiness: DomainReadiness; missing: string[] } {
  const supportsEmail = domain.supportedServices.some((s) => s.toLowerCase() === "email");
  const reasons: string[] = [];
  const missing: string[] = [];
  if (!domain.isVerified) {
    reasons.push(readinessText.unverifiedReason(domain.id));
    missing.push(readinessText.unverified(domain.id));
  } else if (!supportsEmail) {
    reasons.push(readinessText.noEmailReason(domain.id));
    missing.push(readinessText.noEmail(domain.id));
  }
  // The permissions' own sentences go in the report's missing list once, not once per domain.
  reasons.push(...permissionReasons(permissions));
  // The tests check application access policies; they say nothing when RBAC for Applications decides.
  const test =
    scope.mechanism === "ApplicationAccessPolicy"
      ? scopeTests.find((t) => t.domain.toLowerCase() === domain.id.toLowerCase())
      : undefined;
  const scoped = test ? scopeVerdict(domain.id, test.test, scope) : undefined;
  reasons.push(...(scoped?.reasons ?? []));
  missing.push(...(scoped?.missing ?? []));
  const ready = reasons.length === 0;
  return {
    readiness: {
      id: domain.id,
      isVerified: domain.isVerified,
      isDefault: domain.isDefault,
      isInitial: domain.isInitial,
      supportsEmail,
      retraction: {
        ready,
        status: ready ? "Granted" : "Not ready",
        mailboxes: mailboxesInWords(scope, scoped?.tested),
        reasons,
      },
    },
    missing,
  };
}

/**
 * Every domain of the tenant with its retraction verdict, and the domain sentences for the missing list.
 * @example assessDomains(facts, permissions, scope).domains.find((d) => d.id === "contoso-europe.com")?.retraction
 *          // → { ready: false, status: "Not ready", reasons: ["contoso-europe.com is not verified in the tenant: ..."], ... }
 */
export function assessDomains(
  facts: Pick<ReadinessFacts, "domains" | "scopeTests">,
  permissions: readonly PermissionReadiness[],
  scope: MailboxScope
): { domains: DomainReadiness[]; missing: string[] } {
  if (!facts.domains.ok) return { domains: [], missing: [] };
  const assessed = facts.domains.value.map((d) => assessDomain(d, permissions, scope, facts.scopeTests));
  return { domains: assessed.map((a) => a.readiness), missing: assessed.flatMap((a) => a.missing) };
}
