// Compares the application permissions the API holds with the ones its code needs: from the `roles` of
// its own tokens (Entra ID grants) and, for mailbox access, from its Exchange RBAC for Applications grants.
import type { RbacGrantFact, ReadinessFacts } from "./readinessFacts.js";
import type { PermissionReadiness } from "./readinessSchema.js";
import { heldAs, rbacCovers, requiredPermissions, type RequiredPermission } from "./requiredPermissions.js";

/**
 * The RBAC for Applications grant that gives the permission, if any (only mailbox permissions can be).
 * @example rbacGrantFor(mailReadWrite, [{ roleName: "Application Mail.ReadWrite", grantedPermissions: ["Mail.ReadWrite"], ... }])?.roleName // → "Application Mail.ReadWrite"
 */
export function rbacGrantFor(
  permission: RequiredPermission,
  grants: readonly RbacGrantFact[]
): RbacGrantFact | undefined {
  return permission.grantableByRbac ? grants.find((g) => rbacCovers(g, permission.name)) : undefined;
}

/**
 * Each required permission: held (through Entra ID, possibly as a broader permission named in
 * `heldAs`, or through Exchange RBAC for Applications), missing, or unknown when what would show it
 * could not be read.
 * @example assessPermissions({ graphRoles: { ok: true, value: ["Directory.Read.All"] }, exchangeRoles, rbacGrants })
 *          .find((p) => p.name === "User.Read.All") // → { status: "held", via: "Entra ID", heldAs: "Directory.Read.All", ... }
 */
export function assessPermissions(
  facts: Pick<ReadinessFacts, "graphRoles" | "exchangeRoles" | "rbacGrants">
): PermissionReadiness[] {
  return requiredPermissions.map((permission) => {
    const roles = permission.resource === "graph" ? facts.graphRoles : facts.exchangeRoles;
    const base = {
      api: permission.api,
      name: permission.name,
      usedFor: permission.usedFor,
      neededForRetraction: permission.neededForRetraction,
    };
    const granted = roles.ok ? heldAs(permission, roles.value) : undefined;
    if (granted)
      return {
        ...base,
        status: "held" as const,
        via: "Entra ID" as const,
        ...(granted === permission.name ? {} : { heldAs: granted }),
      };
    const rbac = facts.rbacGrants.ok ? rbacGrantFor(permission, facts.rbacGrants.value) : undefined;
    if (rbac)
      return {
        ...base,
        status: "held" as const,
        via: "Exchange RBAC for Applications" as const,
        heldAs: rbac.roleName,
      };
    // Not in the token: missing, unless a source that could still grant it was unreadable.
    const unreadable = !roles.ok || (permission.grantableByRbac === true && !facts.rbacGrants.ok);
    return { ...base, status: unreadable ? ("unknown" as const) : ("missing" as const) };
  });
}
