// Starts the companion API in the test process against a sim started with startSim(): real HTTP, real
// token validation against sim's keys, the dev CA trusted explicitly. Also signs demo users in the way
// the add-in does (authorization code + PKCE) to get their tokens.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { pino } from "pino";
import { Agent, fetch as undiciFetch } from "undici";
import { createApp, type SignedInApi } from "../../api/src/app.js";
import { validatorFor } from "../../api/src/auth/createValidator.js";
import { apiScope, loadApiConfig, type ApiConfig } from "../../api/src/config.js";
import { devCertPaths } from "../../lib/devCerts.js";
import { boundPort, close, listen } from "../../lib/listen.js";
import type { RunningSim } from "./simServer.js";

export type RunningApi = { base: string; config: ApiConfig; close(): Promise<void> };

/** The API's configuration for a sim at `sim.origin`, with `overrides` as environment variables. */
export function configFor(sim: RunningSim, overrides: NodeJS.ProcessEnv = {}): ApiConfig {
  return loadApiConfig({ SIM_PORT: new URL(sim.origin).port, LOG_LEVEL: "silent", ...overrides });
}

export async function startApi(
  sim: RunningSim,
  options: { env?: NodeJS.ProcessEnv; routes?: SignedInApi["routes"] } = {}
): Promise<RunningApi> {
  const config = configFor(sim, options.env);
  const dispatcher = new Agent({ connect: { ca: readFileSync(devCertPaths().caCert) } });
  const fetch = ((url: string | URL, init?: RequestInit) =>
    undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof globalThis.fetch;
  const app = createApp({
    logger: pino({ level: "silent" }),
    version: "test",
    signedIn: {
      validateToken: validatorFor(config, fetch),
      corsOrigins: config.CORS_ORIGINS,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      routes: options.routes ?? [],
    },
  });
  const server: Server = await listen(createServer(app), 0);
  return {
    base: `http://127.0.0.1:${boundPort(server)}`,
    config,
    close: async () => {
      await close(server);
      await dispatcher.close();
    },
  };
}

/** Signs `upn` in through sim's authorize and token endpoints (code + PKCE) and returns the API token. */
export async function userToken(
  sim: RunningSim,
  upn: string,
  config: ApiConfig = configFor(sim)
): Promise<string> {
  const verifier = randomBytes(32).toString("base64url");
  const scope = `${apiScope(config)} openid profile offline_access`;
  const base = `/${config.TENANT_ID}/oauth2/v2.0`;
  const signIn = await sim.call(`${base}/authorize`, {
    form: {
      client_id: config.ADDIN_CLIENT_ID,
      response_type: "code",
      redirect_uri: "http://localhost",
      scope,
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
      login_hint: upn,
    },
  });
  const code = new URL(String(signIn.headers.location)).searchParams.get("code");
  if (!code) throw new Error(`sim did not sign ${upn} in (${signIn.status})`);
  const reply = await sim.call(`${base}/token`, {
    form: {
      grant_type: "authorization_code",
      client_id: config.ADDIN_CLIENT_ID,
      code,
      redirect_uri: "http://localhost",
      code_verifier: verifier,
      scope,
    },
  });
  const token = (reply.body as { access_token?: string }).access_token;
  if (!token) throw new Error(`no token for ${upn}: ${reply.text}`);
  return token;
}
