// The token validator for this API's configuration: the tenant's v2.0 issuer and keys, this API as
// audience (client id or App ID URI), the allowed client apps and the API's scope.
import { apiScope, tokenIssuer, type ApiConfig } from "../config.js";
import { createTokenValidator, type TokenValidator } from "./tokenValidator.js";

export function validatorFor(config: ApiConfig, fetch: typeof globalThis.fetch): TokenValidator {
  return createTokenValidator({
    issuer: tokenIssuer(config),
    jwksUrl: `${config.AUTHORITY_HOST}/${config.TENANT_ID}/discovery/v2.0/keys`,
    tenantId: config.TENANT_ID,
    audiences: [config.API_CLIENT_ID, apiScope(config).replace(/\/[^/]+$/, "")],
    allowedClientIds: config.ALLOWED_CLIENT_IDS,
    requiredScope: config.API_SCOPE,
    fetch,
  });
}
