// Client authentication at the token endpoint: a client secret (post or basic), or a client assertion
// signed with the private key of a certificate registered on the app (what production uses).
import { X509Certificate, createHash } from "node:crypto";
import { decodeProtectedHeader, importX509, jwtVerify } from "jose";
import type { ApplicationFixture } from "../fixtures/schema.js";
import { OAuthError } from "./oauthError.js";

export type ClientProof = { secret?: string; assertion?: string; assertionType?: string };

const assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const clockSkewSeconds = 300;

function thumbprints(pem: string): string[] {
  const der = new X509Certificate(pem).raw;
  return ["sha1", "sha256"].map((alg) => createHash(alg).update(der).digest("base64url"));
}

async function verifyAssertion(app: ApplicationFixture, assertion: string, audiences: string[], now: number) {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw new OAuthError(401, "invalid_client", 50027, "JWT token is invalid or malformed.");
  }
  const thumbprint = (header["x5t#S256"] ?? header.x5t) as string | undefined;
  const candidates = app.certificates.filter((pem) => !thumbprint || thumbprints(pem).includes(thumbprint));
  if (candidates.length === 0)
    throw new OAuthError(
      401,
      "invalid_client",
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint ?? ""}'].`
    );
  let lastError: unknown;
  for (const pem of candidates) {
    try {
      const key = await importX509(pem, header.alg ?? "RS256");
      await jwtVerify(assertion, key, {
        algorithms: ["RS256", "PS256"],
        issuer: app.appId,
        subject: app.appId,
        audience: audiences,
        clockTolerance: clockSkewSeconds,
        currentDate: new Date(now),
      });
      return;
    } catch (err) {
      lastError = err;
    }
  }
  const code = (lastError as { code?: string }).code;
  if (code === "ERR_JWT_EXPIRED")
    throw new OAuthError(
      401,
      "invalid_client",
      700024,
      "Client assertion is not within its valid time range."
    );
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED")
    throw new OAuthError(
      401,
      "invalid_client",
      700021,
      `Client assertion application identifier doesn't match 'client_id' parameter or its audience is not this token endpoint.`
    );
  throw new OAuthError(401, "invalid_client", 700027, "Client assertion failed signature validation.");
}

/** Proves the caller is `app`; returns whether a certificate was used. */
export async function authenticateClient(
  app: ApplicationFixture,
  proof: ClientProof,
  tokenEndpoints: string[],
  now: number
): Promise<{ viaCertificate: boolean }> {
  if (proof.assertion !== undefined) {
    if (proof.assertionType !== assertionType)
      throw new OAuthError(400, "invalid_request", 50027, `client_assertion_type must be ${assertionType}.`);
    await verifyAssertion(app, proof.assertion, tokenEndpoints, now);
    return { viaCertificate: true };
  }
  if (proof.secret !== undefined) {
    if (!app.secrets.includes(proof.secret))
      throw new OAuthError(
        401,
        "invalid_client",
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`
      );
    return { viaCertificate: false };
  }
  throw new OAuthError(
    401,
    "invalid_client",
    7000218,
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
  );
}
