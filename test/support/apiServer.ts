// Starts the companion API in the test process against a sim started with startSim(): real HTTP, real
// token validation against sim's keys, the dev CA trusted explicitly. Also signs demo users in the way
// the add-in does (authorization code + PKCE) to get their tokens.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { pino } from "pino";
import { Agent, fetch as undiciFetch } from "undici";
import { createApp, type FeatureRoutes } from "../../api/src/app.js";
import { validatorFor } from "../../api/src/auth/createValidator.js";
import { apiScope, loadApiConfig, type ApiConfig } from "../../api/src/config.js";
import type { Database } from "../../api/src/db/database.js";
import { featureRoutes } from "../../api/src/routes.js";
import { openServices, type ServiceOptions, type Services } from "../../api/src/services.js";
import { callApi } from "../../lib/callApi.js";
import { devCertPaths } from "../../lib/devCerts.js";
import { boundPort, close, listen } from "../../lib/listen.js";
import type { RunningSim } from "./simServer.js";
import { pgliteDatabase } from "./testDatabases.js";

export type RunningApi = {
  base: string;
  config: ApiConfig;
  services: Services;
  /** GET/POST against the API as the holder of `token`; the body is parsed when it is JSON. */
  call(
    path: string,
    token: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> }
  ): Promise<{ status: number; body: unknown; text: string; headers: Headers }>;
  close(): Promise<void>;
};

export type StartApiOptions = {
  env?: NodeJS.ProcessEnv;
  /** The feature routes to serve (all of them by default). */
  routes?: (services: Services) => FeatureRoutes[];
  /** The database to use (a throwaway PGlite by default, removed on close). */
  db?: Database;
  now?: () => number;
  graph?: ServiceOptions["graph"];
  exchange?: ServiceOptions["exchange"];
};

/** The API's configuration for a sim at `sim.origin`, with `overrides` as environment variables. */
export function configFor(sim: RunningSim, overrides: NodeJS.ProcessEnv = {}): ApiConfig {
  return loadApiConfig({ SIM_PORT: new URL(sim.origin).port, LOG_LEVEL: "silent", ...overrides });
}

/** The API with all its services in this process, on a free port, against `sim`. */
export async function startApi(sim: RunningSim, options: StartApiOptions = {}): Promise<RunningApi> {
  const config = configFor(sim, options.env);
  const logger = pino({ level: "silent" });
  const dispatcher = new Agent({ connect: { ca: readFileSync(devCertPaths().caCert) } });
  const fetch = ((url: string | URL, init?: RequestInit) =>
    undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof globalThis.fetch;
  const throwaway = options.db ? undefined : await pgliteDatabase();
  const services = await openServices(config, {
    logger,
    dispatcher,
    db: options.db ?? throwaway!.target.db,
    now: options.now,
    // Tests do not wait out long backoffs.
    graph: { retryDelaySeconds: 0, ...options.graph },
    exchange: { backoffSeconds: 0, ...options.exchange },
  });
  const app = createApp({
    logger,
    version: "test",
    signedIn: {
      validateToken: validatorFor(config, fetch),
      corsOrigins: config.CORS_ORIGINS,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      routes: (options.routes ?? featureRoutes)(services),
    },
  });
  const server: Server = await listen(createServer(app), 0);
  const base = `http://127.0.0.1:${boundPort(server)}`;
  return {
    base,
    config,
    services,
    call: (path, token, init) => callApi(base, path, token, init),
    close: async () => {
      await close(server);
      await services.close();
      if (throwaway) {
        await throwaway.target.db.close();
        await throwaway.dispose();
      }
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
