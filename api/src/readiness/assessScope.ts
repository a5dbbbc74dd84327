// Decides which mailboxes the app may open through Graph. Exchange RBAC for Applications decides when it
// alone grants the mail permission; otherwise the Entra grant applies, narrowed by the app's application
// access policies. (Grants add up: a tenant-wide Entra grant makes an RBAC scope meaningless.)
import type { AccessPolicyFact, RbacGrantFact, ReadinessFacts } from "./readinessFacts.js";
import type { MailboxScope } from "./readinessSchema.js";
import { listInWords, scopeInWords } from "./readinessText.js";
import { rbacCovers } from "./requiredPermissions.js";

/**
 * How a policy's scope is named to an admin: display name and Exchange identity.
 * @example scopeLabel({ scopeName: "Retraction exempt", scopeIdentity: "retraction-exempt", ... }) // → "Retraction exempt (retraction-exempt)"
 */
export function scopeLabel(policy: AccessPolicyFact): string {
  return policy.scopeIdentity && policy.scopeIdentity !== policy.scopeName
    ? `${policy.scopeName} (${policy.scopeIdentity})`
    : policy.scopeName;
}

const mailGrantsOf = (grants: readonly RbacGrantFact[]) =>
  grants.filter((g) => rbacCovers(g, "Mail.ReadWrite"));
const isOrganizationWide = (grant: RbacGrantFact) => grant.scopeType.toLowerCase() === "organization";

/**
 * Whether the API's Graph token carries the tenant-wide Mail.ReadWrite permission.
 * @example holdsTenantWideMail({ graphRoles: { ok: true, value: ["Mail.ReadWrite"] } }) // → true
 */
export function holdsTenantWideMail(facts: Pick<ReadinessFacts, "graphRoles">): boolean {
  return facts.graphRoles.ok && facts.graphRoles.value.some((r) => r.toLowerCase() === "mail.readwrite");
}

/**
 * Whether the app holds both the tenant-wide Entra grant and an RBAC for Applications mail grant.
 * @example grantsAddUp({ graphRoles: { ok: true, value: ["Mail.ReadWrite"] }, rbacGrants: { ok: true, value: [] } }) // → false
 */
export function grantsAddUp(facts: Pick<ReadinessFacts, "graphRoles" | "rbacGrants">): boolean {
  return holdsTenantWideMail(facts) && facts.rbacGrants.ok && mailGrantsOf(facts.rbacGrants.value).length > 0;
}

/**
 * Which mailboxes of a domain the app may open, in words: "every mailbox except members of X", "only
 * mailboxes in the scope Y (RBAC for Applications)".
 * @example scopeMailboxesInWords(assessScope(facts)) // → "every mailbox except members of Retraction exempt (retraction-exempt)"
 */
export function scopeMailboxesInWords(scope: MailboxScope): string {
  if (!scope.checked) return "unknown: the app's mailbox scope could not be read";
  if (scope.mechanism === "RBAC for Applications")
    return scope.restricted ? `only mailboxes in ${listInWords(scope.restrictedTo)}` : "every mailbox";
  return scopeInWords(scope.restrictedTo, scope.excluded);
}

function byRbac(grants: RbacGrantFact[], policies: MailboxScope["policies"]): MailboxScope {
  const mail = mailGrantsOf(grants);
  const organizationWide = mail.some(isOrganizationWide);
  const scopes = organizationWide ? [] : mail.map((g) => `${g.allowedResourceScope} (${g.scopeType})`);
  return {
    checked: true,
    restricted: !organizationWide,
    mechanism: "RBAC for Applications",
    rbacGrants: grants,
    policies,
    restrictedTo: scopes,
    excluded: [],
    summary: organizationWide
      ? "The app may open every mailbox: its RBAC for Applications mail role applies to the whole organization."
      : `The app may open only mailboxes in ${listInWords(scopes)} (RBAC for Applications).`,
  };
}

/**
 * The app's mailbox scope. With application access policies, DenyAccess excludes its groups and
 * RestrictAccess limits the app to its groups (Exchange applies DenyAccess first).
 * @example assessScope({ graphRoles, rbacGrants: { ok: true, value: [] }, accessPolicies: { ok: true, value: [{ accessRight: "DenyAccess", scopeName: "Retraction exempt", ... }] } })
 *          // → { restricted: true, mechanism: "ApplicationAccessPolicy", excluded: ["Retraction exempt (retraction-exempt)"], ... }
 */
export function assessScope(
  facts: Pick<ReadinessFacts, "accessPolicies" | "rbacGrants" | "graphRoles">
): MailboxScope {
  const grants = facts.rbacGrants.ok ? facts.rbacGrants.value : [];
  const policies = facts.accessPolicies.ok
    ? facts.accessPolicies.value.map(({ accessRight, scopeName, scopeIdentity, description }) => ({
        accessRight,
        scopeName,
        scopeIdentity,
        description,
      }))
    : [];
  const tenantWide = holdsTenantWideMail(facts);
  if (!tenantWide && mailGrantsOf(grants).length > 0) return byRbac(grants, policies);
  const unknown = (problem: string): MailboxScope => ({
    checked: false,
    restricted: null,
    mechanism: "ApplicationAccessPolicy",
    rbacGrants: grants,
    policies,
    restrictedTo: [],
    excluded: [],
    summary: `Unknown: ${problem}`,
  });
  // Without the Entra grant, only RBAC for Applications could give mail access: it must be readable.
  if (!tenantWide && !facts.rbacGrants.ok)
    return unknown(`the app's RBAC for Applications grants could not be read. ${facts.rbacGrants.problem}`);
  if (!facts.accessPolicies.ok)
    return unknown(
      `the app's application access policies could not be read. ${facts.accessPolicies.problem}`
    );
  const labels = (right: string) =>
    facts.accessPolicies.ok
      ? facts.accessPolicies.value
          .filter((p) => p.accessRight.toLowerCase() === right.toLowerCase())
          .map(scopeLabel)
      : [];
  const restrictedTo = labels("RestrictAccess");
  const excluded = labels("DenyAccess");
  const restricted = restrictedTo.length > 0 || excluded.length > 0;
  const addsUp = grantsAddUp(facts)
    ? " Its RBAC for Applications scope does not narrow this: the tenant-wide Mail.ReadWrite grant adds to it."
    : "";
  return {
    checked: true,
    restricted,
    mechanism: "ApplicationAccessPolicy",
    rbacGrants: grants,
    policies,
    restrictedTo,
    excluded,
    summary:
      (restricted
        ? `The app may open ${scopeInWords(restrictedTo, excluded)} (application access policies).`
        : "The app may open every mailbox: no application access policy limits it.") + addsUp,
  };
}
