// What the API needs from Microsoft 365, one application permission at a time: the least privileged one
// that covers what the code calls, the broader ones a tenant may have granted instead, and what stops
// working without it. Readiness compares this list with the `roles` of the API's own tokens.

export type PermissionResource = "graph" | "exchange";

export type RequiredPermission = {
  /** The token (resource) whose `roles` claim carries the permission. */
  resource: PermissionResource;
  /** The API as the Entra admin center names it under "API permissions". */
  api: "Microsoft Graph" | "Office 365 Exchange Online";
  name: string;
  /** Broader application permissions that include this one. */
  coveredBy: readonly string[];
  /** What the API does with it, in words an admin recognises. */
  usedFor: string;
  /** Retraction cannot work without it; the others only take away hold reporting. */
  neededForRetraction: boolean;
  /** Exchange RBAC for Applications can grant it instead of Entra ID (mailbox permissions only). */
  grantableByRbac?: boolean;
};

const directory = ["Directory.Read.All", "Directory.ReadWrite.All"];

/**
 * Every application permission the API's code relies on. Graph calls: messages (find, move, permanent
 * delete), users and groups by address, transitive group members, domains. Exchange: the admin API's
 * cmdlets (Get-Mailbox and the hold and retention cmdlets), which need Exchange.ManageAsApp.
 */
export const requiredPermissions: readonly RequiredPermission[] = [
  {
    resource: "graph",
    api: "Microsoft Graph",
    name: "Mail.ReadWrite",
    coveredBy: [],
    usedFor: "find every recipient's copy of a message and move or delete it",
    neededForRetraction: true,
    grantableByRbac: true,
  },
  {
    resource: "graph",
    api: "Microsoft Graph",
    name: "User.Read.All",
    // User.ReadBasic.All does not return proxyAddresses, which recipient matching reads.
    coveredBy: ["User.ReadWrite.All", ...directory],
    usedFor: "resolve recipients' addresses to their mailboxes",
    neededForRetraction: true,
  },
  {
    resource: "graph",
    api: "Microsoft Graph",
    name: "GroupMember.Read.All",
    coveredBy: ["Group.Read.All", "Group.ReadWrite.All", ...directory],
    usedFor: "expand distribution lists and groups to the members who received a copy",
    neededForRetraction: true,
  },
  {
    resource: "graph",
    api: "Microsoft Graph",
    name: "Domain.Read.All",
    coveredBy: ["Domain.ReadWrite.All", ...directory],
    usedFor: "tell internal recipients (the tenant's verified domains) from external ones",
    neededForRetraction: true,
  },
  {
    resource: "exchange",
    api: "Office 365 Exchange Online",
    name: "Exchange.ManageAsApp",
    coveredBy: [],
    usedFor:
      "read holds and retention settings, to show a mailbox's holds and predict what a retraction leaves behind",
    neededForRetraction: false,
  },
];

/**
 * The granted role that covers a required permission: the permission itself, else a broader one.
 * @example heldAs(requiredPermissions[1]!, ["Directory.Read.All"]) // → "Directory.Read.All"
 */
export function heldAs(permission: RequiredPermission, roles: readonly string[]): string | undefined {
  const granted = new Set(roles.map((role) => role.toLowerCase()));
  return [permission.name, ...permission.coveredBy].find((name) => granted.has(name.toLowerCase()));
}

/**
 * Whether an RBAC for Applications grant gives the permission: it lists it among its granted
 * permissions, or is the "Application <permission>" role itself.
 * @example rbacCovers({ roleName: "Application Mail.ReadWrite", grantedPermissions: ["Mail.ReadWrite"], ... }, "Mail.ReadWrite") // → true
 */
export function rbacCovers(
  grant: { roleName: string; grantedPermissions: readonly string[] },
  permission: string
): boolean {
  const wanted = permission.toLowerCase();
  return (
    grant.grantedPermissions.some((p) => p.toLowerCase() === wanted) ||
    grant.roleName.toLowerCase() === `application ${wanted}`
  );
}
