// The local Entra ID: per-tenant OIDC metadata, client credentials, authorization code with PKCE and
// refresh tokens, issuing tokens signed by the key ring. HTTP lives in routes.ts; this is the logic.
import { createHash, randomBytes } from "node:crypto";
import type { ApplicationFixture } from "../fixtures/schema.js";
import type { Tenant, User } from "../tenant/tenant.js";
import { authenticateClient, type ClientProof } from "./clientCredentials.js";
import type { KeyRing } from "./keyRing.js";
import { missingParameter, OAuthError } from "./oauthError.js";
import { redirectPlatform, type Platform } from "./redirectUris.js";
import { findResource, oidcScopes, splitScope, type Resource } from "./resources.js";
import { TokenMinter, tokenLifetimeSeconds, v2Issuer } from "./tokens.js";

export type AuthorizeRequest = {
  client: ApplicationFixture;
  redirectUri: string;
  platform: Platform;
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  responseMode: "query" | "fragment" | "form_post";
  prompt: string | undefined;
  loginHint: string | undefined;
  clientInfo: boolean;
};

type IssuedCode = { request: AuthorizeRequest; userId: string; expiresAt: number; redeemed: boolean };
type RefreshGrant = { clientId: string; userId: string; platform: Platform; expiresAt: number };

const codeLifetimeMs = 10 * 60 * 1000;
const refreshLifetimeMs = 24 * 60 * 60 * 1000;

export type TokenResponse = Record<string, string | number>;

/** Codes and refresh tokens of SPA redirect URIs are redeemed by browsers (cross-origin), all others never. */
function checkRedemptionOrigin(platform: Platform, requestOrigin: string | undefined): void {
  if (platform === "spa" && !requestOrigin)
    throw new OAuthError(
      400,
      "invalid_request",
      9002327,
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests."
    );
  if (platform !== "spa" && requestOrigin)
    throw new OAuthError(
      400,
      "invalid_request",
      9002326,
      `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${requestOrigin}'.`
    );
}

export class Authority {
  private readonly minter: TokenMinter;
  private readonly codes = new Map<string, IssuedCode>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();

  constructor(
    readonly tenant: Tenant,
    readonly keys: KeyRing,
    private readonly clock: () => number
  ) {
    this.minter = new TokenMinter(keys, tenant);
  }

  /** Whether a tenant path segment (id, verified domain, "common", "organizations") names this tenant. */
  knowsTenant(segment: string): boolean {
    const key = segment.toLowerCase();
    return (
      key === this.tenant.id ||
      key === "common" ||
      key === "organizations" ||
      this.tenant.fixture.domains.some((d) => d.isVerified && d.id.toLowerCase() === key)
    );
  }

  openIdConfiguration(origin: string, segment: string): Record<string, unknown> {
    // Entra resolves a verified domain to the tenant: every endpoint then names the tenant id.
    const multiTenant = ["common", "organizations"].includes(segment.toLowerCase());
    const base = `${origin}/${multiTenant ? segment.toLowerCase() : this.tenant.id}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: v2Issuer(origin, multiTenant ? "{tenantid}" : this.tenant.id),
      request_uri_parameter_supported: false,
      userinfo_endpoint: "https://graph.microsoft.com/oidc/userinfo",
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        "sub",
        "iss",
        "cloud_instance_name",
        "cloud_instance_host_name",
        "cloud_graph_host_name",
        "msgraph_host",
        "aud",
        "exp",
        "iat",
        "auth_time",
        "acr",
        "nonce",
        "preferred_username",
        "name",
        "tid",
        "ver",
        "at_hash",
        "c_hash",
        "email",
      ],
      tenant_region_scope: "EU",
      cloud_instance_name: new URL(origin).host,
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net",
    };
  }

  jwks(origin: string): { keys: unknown[] } {
    return this.keys.jwks(v2Issuer(origin, this.tenant.id));
  }

  client(clientId: string | undefined): ApplicationFixture {
    if (!clientId) throw missingParameter("client_id");
    const app = this.tenant.applications.get(clientId.toLowerCase());
    if (!app)
      throw new OAuthError(
        400,
        "unauthorized_client",
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${this.tenant.fixture.tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`
      );
    return app;
  }

  /** Validates an authorization request; errors here are shown on a page, never sent to the redirect URI. */
  authorizeRequest(params: Record<string, string | undefined>): AuthorizeRequest {
    const client = this.client(params.client_id);
    const redirectUri = params.redirect_uri ?? "";
    const platform = redirectPlatform(client, redirectUri);
    if (!platform)
      throw new OAuthError(
        400,
        "invalid_request",
        50011,
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${client.appId}'.`
      );
    if (params.response_type !== "code")
      throw new OAuthError(
        400,
        "unsupported_response_type",
        70000,
        "The provided value for the input parameter 'response_type' is not allowed for this request. Expected value: code."
      );
    if (platform === "spa" && !params.code_challenge)
      throw new OAuthError(
        400,
        "invalid_request",
        9002325,
        "Proof Key for Code Exchange is required for cross-origin authorization code redemption."
      );
    if (params.code_challenge && (params.code_challenge_method ?? "plain") !== "S256")
      throw new OAuthError(
        400,
        "invalid_request",
        501491,
        "Invalid code_challenge_method: only S256 is supported."
      );
    const responseMode = (params.response_mode ?? "query") as AuthorizeRequest["responseMode"];
    if (!["query", "fragment", "form_post"].includes(responseMode))
      throw new OAuthError(
        400,
        "invalid_request",
        900144,
        `The response_mode '${responseMode}' is not supported.`
      );
    return {
      client,
      redirectUri,
      platform,
      scope: params.scope ?? "openid",
      state: params.state,
      nonce: params.nonce,
      codeChallenge: params.code_challenge,
      responseMode,
      prompt: params.prompt,
      loginHint: params.login_hint,
      clientInfo: params.client_info === "1",
    };
  }

  /** Issues an authorization code for a user who signed in; returns the parameters for the redirect. */
  issueCode(request: AuthorizeRequest, user: User): Record<string, string> {
    const code = randomBytes(32).toString("base64url");
    this.codes.set(code, {
      request,
      userId: user.id,
      expiresAt: this.clock() + codeLifetimeMs,
      redeemed: false,
    });
    return {
      code,
      ...(request.clientInfo ? { client_info: this.clientInfo(user) } : {}),
      ...(request.state !== undefined ? { state: request.state } : {}),
      session_state: user.id,
    };
  }

  async token(
    params: Record<string, string | undefined>,
    proof: ClientProof,
    origin: string,
    segment: string,
    requestOrigin: string | undefined
  ): Promise<TokenResponse> {
    const grant = params.grant_type;
    if (!grant) throw missingParameter("grant_type");
    const client = this.client(params.client_id);
    switch (grant) {
      case "client_credentials":
        return this.clientCredentials(client, params, proof, origin, segment);
      case "authorization_code":
        return this.redeemCode(client, params, origin, requestOrigin);
      case "refresh_token":
        return this.redeemRefreshToken(client, params, origin, requestOrigin);
      default:
        throw new OAuthError(
          400,
          "unsupported_grant_type",
          70003,
          `The app requested an unsupported grant type '${grant}'.`
        );
    }
  }

  private async clientCredentials(
    client: ApplicationFixture,
    params: Record<string, string | undefined>,
    proof: ClientProof,
    origin: string,
    segment: string
  ): Promise<TokenResponse> {
    const endpoints = [segment, this.tenant.id, ...this.tenant.fixture.domains.map((d) => d.id)].map(
      (t) => `${origin}/${t}/oauth2/v2.0/token`
    );
    const { viaCertificate } = await authenticateClient(client, proof, endpoints, this.clock());
    const scope = params.scope;
    if (!scope) throw missingParameter("scope");
    const scopes = scope.split(/\s+/).filter(Boolean);
    if (scopes.length !== 1 || !scopes[0]!.endsWith("/.default"))
      throw new OAuthError(
        400,
        "invalid_scope",
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`
      );
    const resource = this.resource(splitScope(scopes[0]!).resource);
    const accessToken = await this.minter.appToken(client, resource, viaCertificate, origin, this.clock());
    return {
      token_type: "Bearer",
      expires_in: tokenLifetimeSeconds,
      ext_expires_in: tokenLifetimeSeconds,
      access_token: accessToken,
    };
  }

  private async redeemCode(
    client: ApplicationFixture,
    params: Record<string, string | undefined>,
    origin: string,
    requestOrigin: string | undefined
  ): Promise<TokenResponse> {
    if (!params.code) throw missingParameter("code");
    const issued = this.codes.get(params.code);
    if (!issued || issued.request.client.appId !== client.appId)
      throw new OAuthError(
        400,
        "invalid_grant",
        9002313,
        "Invalid request. Request is malformed or invalid."
      );
    if (issued.redeemed)
      throw new OAuthError(
        400,
        "invalid_grant",
        54005,
        "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."
      );
    if (issued.expiresAt < this.clock())
      throw new OAuthError(
        400,
        "invalid_grant",
        70008,
        "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource."
      );
    if (params.redirect_uri !== issued.request.redirectUri)
      throw new OAuthError(
        400,
        "invalid_grant",
        500112,
        "The reply address does not match the reply address provided when requesting Authorization code."
      );
    checkRedemptionOrigin(issued.request.platform, requestOrigin);
    if (issued.request.codeChallenge !== undefined) {
      if (!params.code_verifier) throw missingParameter("code_verifier");
      const challenge = createHash("sha256").update(params.code_verifier).digest("base64url");
      if (challenge !== issued.request.codeChallenge)
        throw new OAuthError(
          400,
          "invalid_grant",
          501481,
          "The Code_Verifier does not match the code_challenge supplied in the authorization request."
        );
    }
    issued.redeemed = true;
    const user = this.tenant.usersById.get(issued.userId)!;
    // MSAL asks for client_info on the token request; asking at the authorize request counts too.
    const clientInfo = issued.request.clientInfo || params.client_info === "1";
    return this.userTokens(
      client,
      user,
      params.scope ?? issued.request.scope,
      issued.request.nonce,
      clientInfo,
      origin,
      issued.request.platform
    );
  }

  private async redeemRefreshToken(
    client: ApplicationFixture,
    params: Record<string, string | undefined>,
    origin: string,
    requestOrigin: string | undefined
  ): Promise<TokenResponse> {
    if (!params.refresh_token) throw missingParameter("refresh_token");
    const grant = this.refreshGrants.get(params.refresh_token);
    if (!grant || grant.clientId !== client.appId || grant.expiresAt < this.clock())
      throw new OAuthError(
        400,
        "invalid_grant",
        700082,
        "The refresh token has expired or is invalid. Sign in again."
      );
    checkRedemptionOrigin(grant.platform, requestOrigin);
    const user = this.tenant.usersById.get(grant.userId)!;
    return this.userTokens(
      client,
      user,
      params.scope ?? "openid",
      undefined,
      params.client_info === "1",
      origin,
      grant.platform
    );
  }

  private async userTokens(
    client: ApplicationFixture,
    user: User,
    scope: string,
    nonce: string | undefined,
    clientInfo: boolean,
    origin: string,
    platform: Platform
  ): Promise<TokenResponse> {
    const requested = scope.split(/\s+/).filter(Boolean);
    const { resource, granted } = this.delegatedScopes(requested);
    const now = this.clock();
    const response: TokenResponse = {
      token_type: "Bearer",
      scope: granted.join(" "),
      expires_in: tokenLifetimeSeconds,
      ext_expires_in: tokenLifetimeSeconds,
      access_token: await this.minter.userToken(
        user,
        client,
        resource,
        granted.map((g) => splitScope(g).name),
        origin,
        now
      ),
    };
    if (requested.includes("openid"))
      response.id_token = await this.minter.idToken(user, client, origin, nonce, now);
    if (requested.includes("offline_access")) {
      const refreshToken = randomBytes(48).toString("base64url");
      this.refreshGrants.set(refreshToken, {
        clientId: client.appId,
        userId: user.id,
        platform,
        expiresAt: now + refreshLifetimeMs,
      });
      response.refresh_token = refreshToken;
    }
    if (clientInfo) response.client_info = this.clientInfo(user);
    return response;
  }

  /** The one resource the delegated scopes name (Graph's User.Read when only OIDC scopes are asked). */
  private delegatedScopes(requested: string[]): { resource: Resource; granted: string[] } {
    const named = requested.filter((s) => !oidcScopes.has(s));
    if (named.length === 0)
      return { resource: this.resource("https://graph.microsoft.com"), granted: ["User.Read"] };
    const resources = new Set(named.map((s) => splitScope(s).resource));
    if (resources.size > 1)
      throw new OAuthError(
        400,
        "invalid_request",
        28000,
        "Provided value for the input parameter scope is not valid because it contains more than one resource."
      );
    const resource = this.resource([...resources][0]!);
    if (resource.kind !== "app") return { resource, granted: named.map((s) => splitScope(s).name) };
    const names = named.flatMap((s) => {
      const name = splitScope(s).name;
      if (name === ".default") return resource.app.scopes;
      if (!resource.app.scopes.includes(name))
        throw new OAuthError(
          400,
          "invalid_scope",
          65005,
          `The application '${resource.app.displayName}' asked for scope '${name}' that doesn't exist on the resource '${resource.app.appId}'.`
        );
      return [name];
    });
    return {
      resource,
      granted: names.map((n) => `${resource.app.identifierUri ?? resource.app.appId}/${n}`),
    };
  }

  private resource(identifier: string): Resource {
    const resource = findResource(this.tenant, identifier);
    if (!resource)
      throw new OAuthError(
        400,
        "invalid_resource",
        500011,
        `The resource principal named ${identifier} was not found in the tenant named ${this.tenant.fixture.tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`
      );
    return resource;
  }

  private clientInfo(user: User): string {
    return Buffer.from(JSON.stringify({ uid: user.id, utid: this.tenant.id })).toString("base64url");
  }
}
