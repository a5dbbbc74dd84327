// Exchange's limit on which mailboxes an app may open (ApplicationAccessPolicy; RBAC for Applications
// scopes behave the same way for sim's purpose). Evaluated in Exchange's documented order.
import type { Tenant, User } from "./tenant.js";

function covers(tenant: Tenant, scope: string, user: User): boolean {
  const object = tenant.resolveAddress(scope);
  if (!object) return false;
  if (object.kind === "user") return object.id === user.id;
  return tenant.memberIds(object).has(user.id);
}

/** Whether the app may reach the mailbox: DenyAccess wins, then RestrictAccess, else granted. */
export function mailboxInScope(tenant: Tenant, appId: string, user: User): boolean {
  const policies = tenant.fixture.applicationAccessPolicies.filter(
    (p) => p.appId.toLowerCase() === appId.toLowerCase()
  );
  if (policies.some((p) => p.accessRight === "DenyAccess" && covers(tenant, p.policyScopeGroupId, user)))
    return false;
  const restricting = policies.filter((p) => p.accessRight === "RestrictAccess");
  if (restricting.length === 0) return true;
  return restricting.some((p) => covers(tenant, p.policyScopeGroupId, user));
}
