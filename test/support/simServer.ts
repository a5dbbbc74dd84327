// Starts sim in the test process over real HTTPS (port 0, the project's development CA) and gives
// tests an HTTP client that trusts only that CA, plus tokens from sim's own authority.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { Agent, request } from "undici";
import { demoIdentity } from "../../lib/demoIdentity.js";
import { ensureDevCerts, readServerTls } from "../../lib/devCerts.js";
import { boundPort, close, listen } from "../../lib/listen.js";
import { createSim, type Sim } from "../../sim/src/app.js";
import { buildTenant } from "../../sim/src/fixtures/buildTenant.js";
import { demoTenantPath, parseFixture } from "../../sim/src/fixtures/loadFixture.js";
import { testSettings, type SimSettings } from "../../sim/src/settings.js";

/** The demo tenant's ids (the API's defaults point at them) and its headline message. */
export const demo = { ...demoIdentity, phishId: "<demo-phish-0001@fabrikam.com>" };

export type Reply = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string;
};

export type CallOptions = {
  method?: string;
  token?: string;
  body?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
};

export type RunningSim = {
  sim: Sim;
  origin: string;
  /** Any request to sim; `path` starts with "/". JSON bodies are parsed when the reply is JSON. */
  call(path: string, options?: CallOptions): Promise<Reply>;
  /** An app-only token from sim's authority (the demo API app by default). */
  appToken(resource?: string, client?: { id: string; secret: string }): Promise<string>;
  close(): Promise<void>;
};

export function demoFixtureJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(demoTenantPath, "utf8")) as Record<string, unknown>;
}

export async function startSim(
  options: { fixture?: unknown; settings?: Partial<SimSettings>; clock?: () => number } = {}
): Promise<RunningSim> {
  const certs = await ensureDevCerts();
  const clock = options.clock ?? Date.now;
  const tenant = buildTenant(parseFixture(options.fixture ?? demoFixtureJson()), clock());
  const sim = await createSim({ tenant, settings: { ...testSettings, ...options.settings }, clock });
  const server: Server = await listen(createServer(readServerTls(certs), sim.app), 0);
  const origin = `https://localhost:${boundPort(server)}`;
  const dispatcher = new Agent({ connect: { ca: readFileSync(certs.caCert) }, pipelining: 0 });

  const call = async (path: string, o: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...o.headers };
    let body: string | undefined;
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(o.form).toString();
    } else if (o.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
    }
    const response = await request(`${origin}${path}`, {
      method: (o.method ?? (body ? "POST" : "GET")) as "GET",
      headers,
      body,
      dispatcher,
    });
    const text = await response.body.text();
    const json =
      /json/.test(String(response.headers["content-type"] ?? "")) && text
        ? (JSON.parse(text) as unknown)
        : undefined;
    return { status: response.statusCode, headers: response.headers, body: json, text };
  };

  const appToken = async (
    resource = "https://graph.microsoft.com",
    client = { id: demo.apiClientId, secret: demo.apiClientSecret }
  ) => {
    const reply = await call(`/${demo.tenantId}/oauth2/v2.0/token`, {
      form: {
        grant_type: "client_credentials",
        client_id: client.id,
        client_secret: client.secret,
        scope: `${resource}/.default`,
      },
    });
    const token = (reply.body as { access_token?: string }).access_token;
    if (!token) throw new Error(`no token: ${reply.text}`);
    return token;
  };

  return {
    sim,
    origin,
    call,
    appToken,
    close: async () => {
      await dispatcher.close();
      await close(server);
    },
  };
}
