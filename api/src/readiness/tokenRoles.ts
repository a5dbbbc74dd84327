// Reads the application permissions out of the API's own app-only access token. The token comes from
// the authority for ourselves, so it is decoded, not verified: the answer is informational, and the
// services the token is for decide what it may do.
import { decodeJwt } from "jose";

/**
 * The `roles` claim of an access token: the application permissions consented for the token's
 * resource. A token without the claim holds none.
 * @example tokenRoles(graphToken) // → ["Mail.ReadWrite", "User.Read.All", ...]
 * @throws when the text is not a JWT
 */
export function tokenRoles(accessToken: string): string[] {
  const { roles } = decodeJwt(accessToken);
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === "string") : [];
}
