// Validates the add-in's bearer tokens with jose against the authority's published keys: RS256 only,
// the tenant's v2.0 issuer, this API as audience, lifetime with a small skew, an allowed client (`azp`)
// and the API's delegated scope. Keys are cached; an unknown `kid` refetches them at most once per
// cooldown, so key rollover works and a flood of made-up kids cannot hammer the authority.
import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from "jose";
import { AppError } from "../errors.js";
import { isAppRole, type Principal } from "./principal.js";

export type TokenRules = {
  issuer: string;
  jwksUrl: string;
  tenantId: string;
  /** The API's client id and App ID URI. */
  audiences: string[];
  allowedClientIds: string[];
  requiredScope: string;
  /** The outbound fetch (it trusts the configured certificate authorities). */
  fetch?: typeof globalThis.fetch;
};

const clockSkewSeconds = 60;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (reason: string) =>
  new AppError(401, "INVALID_TOKEN", `The access token was refused: ${reason}.`);

function reasonFor(err: unknown): AppError {
  if (err instanceof errors.JWTExpired) return invalid("it has expired");
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "nbf") return invalid("it is not valid yet");
    return invalid(`its ${err.claim} claim is wrong`);
  }
  if (err instanceof errors.JWKSNoMatchingKey)
    return invalid("it is signed with a key the authority does not publish");
  if (err instanceof errors.JOSEAlgNotAllowed) return invalid("it is not signed with RS256");
  if (err instanceof errors.JWSSignatureVerificationFailed) return invalid("its signature does not verify");
  // jose reports a JWKS answer that is not 200 or not JSON with its generic JOSEError (every token
  // problem has a more specific class): that is the authority failing, not the caller's token.
  const jwksFailed = err instanceof errors.JOSEError && err.code === errors.JOSEError.code;
  if (
    jwksFailed ||
    err instanceof errors.JWKSTimeout ||
    err instanceof errors.JWKSInvalid ||
    err instanceof TypeError
  )
    return new AppError(
      503,
      "AUTH_UNAVAILABLE",
      "The authority's signing keys cannot be fetched right now; try again shortly.",
      { cause: err }
    );
  if (err instanceof errors.JOSEError) return invalid("it is malformed");
  return new AppError(503, "AUTH_UNAVAILABLE", "Tokens cannot be validated right now; try again shortly.", {
    cause: err,
  });
}

export type TokenValidator = (authorization: string | undefined) => Promise<Principal>;

export function createTokenValidator(rules: TokenRules): TokenValidator {
  const jwks = createRemoteJWKSet(new URL(rules.jwksUrl), {
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: 5000,
    ...(rules.fetch ? { [customFetch]: rules.fetch } : {}),
  });
  return async (authorization) => {
    const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization ?? "");
    if (!bearer)
      throw new AppError(401, "AUTHENTICATION_REQUIRED", "Sign in: the request has no bearer token.");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(bearer[1]!, jwks, {
        algorithms: ["RS256"],
        issuer: rules.issuer,
        audience: rules.audiences,
        clockTolerance: clockSkewSeconds,
        requiredClaims: ["exp", "iat", "tid", "oid"],
      }));
    } catch (err) {
      throw reasonFor(err);
    }
    if (payload.ver !== "2.0") throw invalid("it is not a v2.0 token");
    if (payload.tid !== rules.tenantId) throw invalid("it was issued for another tenant");
    if (typeof payload.oid !== "string" || !guid.test(payload.oid))
      throw invalid("it names no user object id");
    if (payload.idtyp === "app" || typeof payload.scp !== "string")
      throw invalid("it is not a user's delegated token");
    const clientId = String(payload.azp ?? "");
    if (!rules.allowedClientIds.some((id) => id.toLowerCase() === clientId.toLowerCase()))
      throw invalid("it was obtained by a client app this API does not accept");
    if (!payload.scp.split(" ").includes(rules.requiredScope))
      throw invalid(`it lacks the ${rules.requiredScope} scope`);
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isAppRole) : [];
    return {
      tenantId: payload.tid,
      objectId: payload.oid.toLowerCase(),
      userPrincipalName: String(payload.preferred_username ?? ""),
      name: String(payload.name ?? ""),
      roles: new Set(roles),
      clientId,
      tokenId: typeof payload.uti === "string" ? payload.uti : undefined,
    };
  };
}
