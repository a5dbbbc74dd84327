// Reads how Exchange limits the API app's mailbox access: its application access policies
// (Get-ApplicationAccessPolicy) and its RBAC for Applications grants (Test-ServicePrincipalAuthorization).
import { AppError } from "../errors.js";
import type { ExchangeClient } from "../exchange/exchangeClient.js";
import type { AccessPolicyFact, RbacGrantFact } from "./readinessFacts.js";

function policyFact(row: Record<string, unknown>): AccessPolicyFact & { appId: string } {
  // ScopeIdentityRaw is "<SID>;<object id>"; the object id is the group's (or mailbox's) Entra id.
  const objectId = String(row.ScopeIdentityRaw ?? "")
    .split(";")[1]
    ?.trim();
  return {
    appId: String(row.AppId ?? ""),
    accessRight: String(row.AccessRight ?? ""),
    scopeName: String(row.ScopeName ?? row.ScopeIdentity ?? ""),
    scopeIdentity: String(row.ScopeIdentity ?? ""),
    scopeObjectId: objectId && /^[0-9a-f-]{36}$/i.test(objectId) ? objectId : null,
    description: String(row.Description ?? ""),
  };
}

/**
 * The API app's own application access policies (the tenant's others are left out).
 * @example await readPolicies(services.exchange, config.API_CLIENT_ID) // → [{ accessRight: "DenyAccess", scopeName: "Retraction exempt", ... }]
 */
export async function readPolicies(exchange: ExchangeClient, clientId: string): Promise<AccessPolicyFact[]> {
  const { value } = await exchange.invokeCommand("Get-ApplicationAccessPolicy");
  return value
    .map(policyFact)
    .filter((p) => p.appId.toLowerCase() === clientId.toLowerCase())
    .map(({ appId: _appId, ...policy }) => policy);
}

/** Exchange lists a grant's permissions as text ("Mail.Read") or, for roles with several, a list. */
function permissionList(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(String) : String(value ?? "").split(/[,;\s]+/);
  return items.map((item) => item.trim()).filter(Boolean);
}

/**
 * The app's RBAC for Applications grants: Test-ServicePrincipalAuthorization without -Resource lists
 * each role with its permissions and scope. Exchange knows no service principal for an app that never
 * got one (New-ServicePrincipal), which means it has no such grants.
 * @example await readRbacGrants(services.exchange, config.API_CLIENT_ID) // → [{ roleName: "Application Mail.ReadWrite", scopeType: "CustomRecipientScope", ... }]
 */
export async function readRbacGrants(exchange: ExchangeClient, clientId: string): Promise<RbacGrantFact[]> {
  try {
    const { value } = await exchange.invokeCommand(
      "Test-ServicePrincipalAuthorization",
      { Identity: clientId },
      { idempotent: true }
    );
    return value.map((row) => ({
      roleName: String(row.RoleName ?? ""),
      grantedPermissions: permissionList(row.GrantedPermissions),
      allowedResourceScope: String(row.AllowedResourceScope ?? ""),
      scopeType: String(row.ScopeType ?? ""),
    }));
  } catch (err) {
    if (err instanceof AppError && err.code === "EXCHANGE_OBJECT_NOT_FOUND") return [];
    throw err;
  }
}
