// The API's own identity toward Microsoft 365: an app-only TokenCredential for its app registration
// (a certificate in production, a client secret for development), pointed at the configured authority
// and sending its sign-in traffic through the outbound HTTP layer.
import { existsSync, readFileSync } from "node:fs";
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  type TokenCredential,
  type TokenCredentialOptions,
} from "@azure/identity";
import { ConfigError } from "../../../lib/config.js";
import type { ApiConfig } from "../config.js";
import { createIdentityHttpClient } from "./identityHttpClient.js";
import { keepTokens } from "./tokenCache.js";
import { createOutboundFetch, type OutboundFetch } from "./outboundHttp.js";
import { redactSecrets, UpstreamError } from "./upstreamError.js";

export type CredentialConfig = Pick<
  ApiConfig,
  "AUTHORITY_HOST" | "TENANT_ID" | "API_CLIENT_ID" | "API_CLIENT_SECRET" | "API_CLIENT_CERTIFICATE_PATH"
>;

function checkCertificateFile(path: string): void {
  const problem = !existsSync(path)
    ? "the file does not exist"
    : !/-----BEGIN CERTIFICATE-----/.test(readFileSync(path, "utf8"))
      ? "the file holds no PEM certificate"
      : !/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(readFileSync(path, "utf8"))
        ? "the file holds no PEM private key (it needs the certificate and its key)"
        : undefined;
  if (problem)
    throw new ConfigError(`Invalid configuration: API_CLIENT_CERTIFICATE_PATH: ${problem} (${path})`);
}

/**
 * The API app's credential: ClientCertificateCredential when API_CLIENT_CERTIFICATE_PATH is set (a PEM
 * file with the certificate and its private key), else ClientSecretCredential. Instance discovery is
 * off because the authority is given explicitly (AUTHORITY_HOST), as in sovereign clouds. Tokens are
 * kept in memory until shortly before they expire (keepTokens).
 * @example const credential = createAppCredential(loadApiConfig());
 * @throws ConfigError when the certificate file is missing or incomplete, or no credential is set
 */
export function createAppCredential(
  config: CredentialConfig,
  options: { fetch?: OutboundFetch } = {}
): TokenCredential {
  const common: TokenCredentialOptions & { disableInstanceDiscovery: boolean } = {
    authorityHost: config.AUTHORITY_HOST,
    disableInstanceDiscovery: true,
    httpClient: createIdentityHttpClient(options.fetch ?? createOutboundFetch()),
  };
  if (config.API_CLIENT_CERTIFICATE_PATH) {
    checkCertificateFile(config.API_CLIENT_CERTIFICATE_PATH);
    return keepTokens(
      new ClientCertificateCredential(
        config.TENANT_ID,
        config.API_CLIENT_ID,
        { certificatePath: config.API_CLIENT_CERTIFICATE_PATH },
        common
      )
    );
  }
  if (config.API_CLIENT_SECRET)
    return keepTokens(
      new ClientSecretCredential(config.TENANT_ID, config.API_CLIENT_ID, config.API_CLIENT_SECRET, common)
    );
  throw new ConfigError(
    "Invalid configuration: API_CLIENT_CERTIFICATE_PATH: the API needs a credential (or API_CLIENT_SECRET for development)"
  );
}

type AuthenticationFailure = {
  name?: string;
  message?: string;
  errorResponse?: { error?: string; errorDescription?: string };
};

/** The readable part of an Entra error: "AADSTS7000215: Invalid client secret provided." */
function authorityReason(err: AuthenticationFailure): string {
  const description = err.errorResponse?.errorDescription ?? err.message ?? String(err);
  const firstSentence = /^(AADSTS\d+: [^.\r\n]*\.?)/m.exec(
    description.replace(/^[\s\S]*?(?=AADSTS\d+:)/, "")
  );
  return redactSecrets((firstSentence?.[1] ?? description.split(/\r?\n/)[0] ?? "").trim());
}

/** Entra's answers that mean the app's own registration or credential is wrong, not the network. */
const rejections = new Set([
  "invalid_client",
  "unauthorized_client",
  "invalid_request",
  "invalid_grant",
  "invalid_scope",
  "invalid_resource",
  "invalid_tenant",
]);

/**
 * Maps a credential failure to an UpstreamError: the authority refusing the app (502 UPSTREAM_AUTH,
 * naming the settings to check) or not being reachable (502 UPSTREAM_UNAVAILABLE).
 */
export function credentialFailure(err: unknown, service: string): UpstreamError {
  const failure = (err ?? {}) as AuthenticationFailure;
  const code = failure.errorResponse?.error;
  const reason = authorityReason(failure);
  if ((code && rejections.has(code)) || /AADSTS\d+/.test(reason))
    return new UpstreamError(
      502,
      "UPSTREAM_AUTH",
      `The sign-in authority refused the API's credentials for ${service}: ${reason} Check TENANT_ID, API_CLIENT_ID and API_CLIENT_CERTIFICATE_PATH (or API_CLIENT_SECRET).`,
      { service: "authority", upstreamCode: code, cause: err }
    );
  // MSAL reports an authority whose metadata it cannot read (unreachable, or an unknown tenant) so.
  const hint = /endpoints_resolution_error/.test(reason)
    ? "its OpenID metadata could not be read (check AUTHORITY_HOST and TENANT_ID, and that the authority is reachable)"
    : reason;
  return new UpstreamError(
    502,
    "UPSTREAM_UNAVAILABLE",
    `Could not get a token for ${service} from the sign-in authority: ${hint}`,
    { service: "authority", upstreamCode: code, cause: err }
  );
}

/**
 * An app-only access token for `scope` (e.g. "https://graph.microsoft.com/.default"); the credential
 * keeps tokens until shortly before they expire.
 * @throws UpstreamError (see credentialFailure)
 */
export async function appAccessToken(
  credential: TokenCredential,
  scope: string,
  service: string
): Promise<string> {
  let token;
  try {
    token = await credential.getToken(scope);
  } catch (err) {
    throw credentialFailure(err, service);
  }
  if (!token) throw credentialFailure(new Error("the credential returned no token"), service);
  return token.token;
}
