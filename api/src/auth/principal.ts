// Who is calling: a user of the configured tenant, identified by tenant id + object id (never by email),
// with the API's app roles from their token.

export const appRoles = ["Retract.Run", "Retract.Approve", "Holds.Read", "Audit.Read"] as const;
export type AppRole = (typeof appRoles)[number];

export type Principal = {
  tenantId: string;
  objectId: string;
  /** For display and audit only; never used to decide access. */
  userPrincipalName: string;
  name: string;
  roles: ReadonlySet<AppRole>;
  /** The client app that obtained the token (`azp`). */
  clientId: string;
  /** The token's unique id (`uti`), to correlate with Microsoft's sign-in logs. */
  tokenId: string | undefined;
};

export function isAppRole(value: unknown): value is AppRole {
  return typeof value === "string" && (appRoles as readonly string[]).includes(value);
}
