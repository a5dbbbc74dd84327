// The readiness report's sentences: what is wrong and what an admin does about it, naming the app
// registration, the permission, the domain or the group concerned.
import type { RequiredPermission } from "./requiredPermissions.js";

/**
 * A list as a sentence would say it.
 * @example listInWords(["A", "B", "C"]) // → "A, B and C"
 */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * Which mailboxes application access policies let the app open.
 * @example scopeInWords([], ["Retraction exempt"]) // → "every mailbox except members of Retraction exempt"
 */
export function scopeInWords(restrictedTo: readonly string[], excluded: readonly string[]): string {
  const except = excluded.length > 0 ? ` except members of ${listInWords(excluded)}` : "";
  if (restrictedTo.length > 0) return `only members of ${listInWords(restrictedTo)}${except}`;
  return `every mailbox${except}`;
}

export const readinessText = {
  signIn: (problem: string) => `Fix the API's own sign-in to Microsoft 365 first: ${problem}`,

  token: (api: string, problem: string) => `Could not get the API's access token for ${api}: ${problem}`,

  permission: (permission: RequiredPermission, clientId: string, consentUrl: string) => {
    const registration = `the API's app registration (client id ${clientId})`;
    const consent = `In the Microsoft Entra admin center, add it under App registrations > API permissions if it is not listed, then grant admin consent: ${consentUrl}`;
    if (permission.grantableByRbac)
      return `Give the API access to mailboxes so it can ${permission.usedFor}: assign its service principal the Exchange RBAC for Applications role "Application ${permission.name}" with a management scope (recommended: only the mailboxes you choose), or grant ${registration} the ${permission.api} application permission ${permission.name} (every mailbox, unless an application access policy narrows it). ${consent}`;
    if (permission.resource === "exchange")
      return `Grant ${registration} the ${permission.api} application permission ${permission.name} and assign its service principal a role that may read mailboxes, such as Global Reader: the API needs it to ${permission.usedFor}. ${consent}`;
    return `Grant ${registration} the ${permission.api} application permission ${permission.name}: the API needs it to ${permission.usedFor}. ${consent}`;
  },

  mailAccessUnknown: (problem: string) =>
    `Could not tell whether the API may open mailboxes: its Microsoft Graph token holds no Mail.ReadWrite, and its Exchange RBAC for Applications grants could not be read. ${problem}`,

  grantsAddUp: (clientId: string) =>
    `Remove the tenant-wide Microsoft Graph permission Mail.ReadWrite from the API's app registration (client id ${clientId}): the API also holds an Exchange RBAC for Applications mail role, and grants add up, so its RBAC scope does not limit which mailboxes it can open. Revoke admin consent for Mail.ReadWrite under App registrations > API permissions, then remove the permission.`,

  unverifiedReason: (domain: string) =>
    `${domain} is not verified in the tenant: mail to it counts as external, so its copies cannot be retracted.`,
  unverified: (domain: string) =>
    `Verify ${domain} in the Microsoft 365 admin center (Settings > Domains), or remove it if it is not in use: until it is verified, its recipients count as external and their copies cannot be retracted.`,

  noEmailReason: (domain: string) => `${domain} is not set up for email in the tenant.`,
  noEmail: (domain: string) =>
    `Set up ${domain} for Exchange Online email in the Microsoft 365 admin center (Settings > Domains) if mail is delivered to it: until then its recipients' copies cannot be retracted.`,

  permissionsLackReason: (names: readonly string[]) => `The API lacks ${listInWords(names)}.`,
  permissionsUnknownReason: (names: readonly string[]) =>
    `Whether the API holds ${listInWords(names)} could not be checked.`,

  outOfScopeReason: (scope: string) => `No mailbox of this domain is in the app's scope (${scope}).`,
  outOfScope: (domain: string, groups: readonly string[]) =>
    `No mailbox of ${domain} is in the app's scope: an application access policy restricts the app to members of ${listInWords(groups)}. Add the mailboxes retraction must reach to that group, or retraction cannot reach ${domain}.`,

  deniedReason: (mailbox: string) =>
    `Exchange denies the app access to ${mailbox}, the mailbox of this domain tested.`,
  denied: (domain: string, mailbox: string) =>
    `Exchange denies the app access to ${mailbox}, a member of its RestrictAccess scope in ${domain}: check the app's DenyAccess policies with Test-ApplicationAccessPolicy.`,

  scopeTestFailedReason: (problem: string) =>
    `Could not test a mailbox of this domain against the app's scope: ${problem}`,
  scopeTestFailed: (domain: string, problem: string) =>
    `Could not test whether the app may open mailboxes of ${domain}: ${problem}`,

  domainsFailed: (problem: string) => `Could not list the tenant's domains: ${problem}`,
  rbacFailed: (problem: string) =>
    `Could not read the app's Exchange RBAC for Applications grants (Test-ServicePrincipalAuthorization): ${problem}`,
  scopeFailed: (problem: string) =>
    `Could not read the app's mailbox scope from Exchange Online (Get-ApplicationAccessPolicy): ${problem}`,
  labelsFailed: (problem: string) =>
    `Could not read the tenant's retention labels (Get-ComplianceTag, Security & Compliance): ${problem}`,

  notChecked: "Not checked: the API could not sign in.",
};
