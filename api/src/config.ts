// The companion API's settings, read once at start-up (see .env.example for each one). The identity
// defaults point at sim's demo tenant, so a fresh clone runs without any registration.
import { z } from "zod";
import { readConfig } from "../../lib/config.js";
import { port } from "../../lib/ports.js";

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  message: "expected a GUID such as 8a1f3c52-6b0e-4d7a-9c2e-5f4b3a2d1e0f",
});
const httpsUrl = z
  .url({ protocol: /^https$/, message: "expected an https:// URL" })
  .transform((u) => u.replace(/\/+$/, ""));

/** The demo tenant's registrations in sim (sim/src/fixtures/demo-tenant.json). */
export const demoIdentity = {
  tenantId: "4d3c2b1a-6f5e-4a7b-9c8d-0e1f2a3b4c5d",
  apiClientId: "5b2a7c8d-1e3f-4a5b-8c6d-7e8f9a0b1c2d",
  apiClientSecret: "local-development-secret-not-for-production",
  addinClientId: "8e1d2c3b-4a5f-4e6d-9b8a-1c2d3e4f5a6b",
};

const apiConfigSchema = z.object({
  API_PORT: port(4000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The Entra tenant (directory) id. */
  TENANT_ID: guid.default(demoIdentity.tenantId),
  /** Where the authority lives: https://login.microsoftonline.com in Microsoft 365, sim locally. */
  AUTHORITY_HOST: httpsUrl,
  /** The API's app registration: the audience of its tokens and the app holding Graph permissions. */
  API_CLIENT_ID: guid.default(demoIdentity.apiClientId),
  /** Development only; production uses a certificate. */
  API_CLIENT_SECRET: z.string().min(1).default(demoIdentity.apiClientSecret),
  /** The add-in's app registration (the client that signs users in). */
  ADDIN_CLIENT_ID: guid.default(demoIdentity.addinClientId),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;

/** Reads and validates the API's configuration; throws a ConfigError naming any bad setting. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const simHost = `https://localhost:${env.SIM_PORT || 4010}`;
  return readConfig(apiConfigSchema, { ...env, AUTHORITY_HOST: env.AUTHORITY_HOST || simHost });
}

/** The delegated scope the add-in asks for: the API's App ID URI plus its one scope. */
export function apiScope(config: ApiConfig): string {
  return `api://${config.API_CLIENT_ID}/access_as_user`;
}
