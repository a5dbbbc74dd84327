// The link an admin opens to grant the API's app registration the permissions it is configured with.
import type { ApiConfig } from "../config.js";

/**
 * Entra's tenant-wide admin consent URL for the API's app registration. This is the form Entra's own
 * "Grant admin consent" button opens (learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent):
 * it consents to every permission listed on the registration, application permissions included, and
 * needs no redirect URI. The v2.0 endpoint would need a registered redirect URI and a `/.default` scope
 * per resource, and consents to the same list.
 * @example adminConsentUrl({ AUTHORITY_HOST: "https://login.microsoftonline.com", TENANT_ID: "4d3c...", API_CLIENT_ID: "5b2a..." })
 *          // → "https://login.microsoftonline.com/4d3c.../adminconsent?client_id=5b2a..."
 */
export function adminConsentUrl(
  config: Pick<ApiConfig, "AUTHORITY_HOST" | "TENANT_ID" | "API_CLIENT_ID">
): string {
  const authority = config.AUTHORITY_HOST.replace(/\/+$/, "");
  return `${authority}/${encodeURIComponent(config.TENANT_ID)}/adminconsent?client_id=${encodeURIComponent(config.API_CLIENT_ID)}`;
}
