// The companion API's settings, read once at start-up (.env.example lists each one). The defaults
// point at sim's demo tenant, so a fresh clone runs without any registration; in Microsoft 365 the
// authority, Graph and Exchange URLs and the app registrations are set instead.
import { z } from "zod";
import { ConfigError, readConfig } from "../../lib/config.js";
import { demoIdentity } from "../../lib/demoIdentity.js";
import { port } from "../../lib/ports.js";

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  message: "expected a GUID such as 8a1f3c52-6b0e-4d7a-9c2e-5f4b3a2d1e0f",
});
const httpsUrl = z
  .url({ protocol: /^https$/, message: "expected an https:// URL" })
  .transform((u) => u.replace(/\/+$/, ""));
const commaList = z.string().transform((text) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
);

const apiConfigSchema = z
  .object({
    API_PORT: port(4000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** The Entra tenant (directory) id. */
    TENANT_ID: guid.default(demoIdentity.tenantId),
    /** Where the authority lives: https://login.microsoftonline.com in Microsoft 365, sim locally. */
    AUTHORITY_HOST: httpsUrl,
    /** The API's app registration: the audience of user tokens and the app holding the Graph permissions. */
    API_CLIENT_ID: guid.default(demoIdentity.apiClientId),
    /** The delegated scope the add-in must have been granted. */
    API_SCOPE: z.string().min(1).default("access_as_user"),
    /** Production: a PEM file holding the app's certificate and its private key. */
    API_CLIENT_CERTIFICATE_PATH: z.string().min(1).optional(),
    /** Development only: a client secret (ignored when a certificate is configured). */
    API_CLIENT_SECRET: z.string().min(1).optional(),
    /** The add-in's app registration (the client that signs users in). */
    ADDIN_CLIENT_ID: guid.default(demoIdentity.addinClientId),
    /** Client app ids (`azp`) whose tokens the API accepts; the add-in's by default. */
    ALLOWED_CLIENT_IDS: commaList.pipe(z.array(guid).min(1)).optional(),
    GRAPH_BASE_URL: httpsUrl,
    GRAPH_SCOPE: z.string().min(1).default("https://graph.microsoft.com/.default"),
    EXCHANGE_ADMIN_BASE_URL: httpsUrl,
    EXCHANGE_SCOPE: z.string().min(1).default("https://outlook.office365.com/.default"),
    /** Where the Security & Compliance cmdlets run (case holds, retention policies, labels); Exchange's by default. */
    COMPLIANCE_ADMIN_BASE_URL: httpsUrl,
    /** The token scope for COMPLIANCE_ADMIN_BASE_URL; EXCHANGE_SCOPE by default. */
    COMPLIANCE_SCOPE: z.string().min(1).optional(),
    /** postgres://... for PostgreSQL; unset: the embedded database in DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: "expected a postgres:// connection URL" })
      .optional(),
    DATA_DIR: z.string().min(1).default(".data/pglite"),
    /** Browser origins allowed to call the API (the add-in's). */
    CORS_ORIGINS: commaList.pipe(
      z.array(z.url({ message: "expected origins such as https://localhost:3000" })).min(1)
    ),
    /** Connections this instance keeps to PostgreSQL at most (each retraction worker uses one at a time). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Retractions with more targets than this wait for a second person's approval. */
    APPROVAL_THRESHOLD: z.coerce.number().int().min(0).default(50),
    /** How long a retraction waits for approval before it expires. */
    APPROVAL_EXPIRY_HOURS: z.coerce.number().positive().max(720).default(24),
    /** Mailboxes this instance retracts from at once; 0: this instance runs no retractions (API only). */
    RETRACTION_WORKERS: z.coerce.number().int().min(0).max(512).default(4),
    /** How long a worker holds a mailbox it works on without renewing; another instance takes over after. */
    RETRACTION_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(60),
    /** Attempts on a mailbox (throttled, unavailable) before its unsettled copies are reported failed. */
    RETRACTION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
    /** How often an idle worker looks for work submitted to other instances, in milliseconds. */
    RETRACTION_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    /**
     * The app's Graph requests per second, across mailboxes (0: unpaced). Set it to the share of the
     * tenant's Graph budget this app may use, so that large jobs queue here rather than draw 429s.
     */
    GRAPH_REQUESTS_PER_SECOND: z.coerce.number().min(0).default(0),
    /** Mailboxes a preview or a submit reads side by side (Graph's per-mailbox limits still apply). */
    MAILBOXES_AT_ONCE: z.coerce.number().int().min(1).max(512).default(32),
    /** Requests per user per minute before 429. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  })
  .refine((c) => c.API_CLIENT_CERTIFICATE_PATH || c.API_CLIENT_SECRET, {
    path: ["API_CLIENT_CERTIFICATE_PATH"],
    message:
      "the API needs a credential: set API_CLIENT_CERTIFICATE_PATH (or API_CLIENT_SECRET for development)",
  })
  .transform((c) => ({
    ...c,
    ALLOWED_CLIENT_IDS: c.ALLOWED_CLIENT_IDS ?? [c.ADDIN_CLIENT_ID],
    COMPLIANCE_SCOPE: c.COMPLIANCE_SCOPE ?? c.EXCHANGE_SCOPE,
  }));

export type ApiConfig = z.infer<typeof apiConfigSchema>;

/**
 * Settings whose defaults describe sim's demo tenant: against a real authority each must be given, so the
 * API never quietly mixes a real tenant with demo ids or sim's URLs.
 */
export const realTenantSettings = [
  "TENANT_ID",
  "API_CLIENT_ID",
  "ADDIN_CLIENT_ID",
  "GRAPH_BASE_URL",
  "EXCHANGE_ADMIN_BASE_URL",
  "CORS_ORIGINS",
] as const;

/** Reads and validates the API's configuration; throws a ConfigError naming any bad setting. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const sim = `https://localhost:${env.SIM_PORT || 4010}`;
  const usesSim = !env.AUTHORITY_HOST;
  const missing = usesSim ? [] : realTenantSettings.filter((name) => !env[name]);
  if (missing.length)
    throw new ConfigError(
      `Invalid configuration: ${missing.join(", ")} must be set when AUTHORITY_HOST points at a real authority (their defaults are the local demo tenant's).`
    );
  return readConfig(apiConfigSchema, {
    ...env,
    AUTHORITY_HOST: env.AUTHORITY_HOST || sim,
    GRAPH_BASE_URL: env.GRAPH_BASE_URL || `${sim}/v1.0`,
    EXCHANGE_ADMIN_BASE_URL: env.EXCHANGE_ADMIN_BASE_URL || `${sim}/adminapi/beta`,
    COMPLIANCE_ADMIN_BASE_URL:
      env.COMPLIANCE_ADMIN_BASE_URL || env.EXCHANGE_ADMIN_BASE_URL || `${sim}/adminapi/beta`,
    CORS_ORIGINS: env.CORS_ORIGINS || `https://localhost:${env.ADDIN_PORT || 3000}`,
    // The demo secret only ever applies to sim's demo tenant.
    API_CLIENT_SECRET: env.API_CLIENT_SECRET || (usesSim ? demoIdentity.apiClientSecret : undefined),
  });
}

/** The delegated scope the add-in asks for: the API's App ID URI plus its scope. */
export function apiScope(config: ApiConfig): string {
  return `api://${config.API_CLIENT_ID}/${config.API_SCOPE}`;
}

/** The issuer of the tenant's v2.0 tokens. */
export function tokenIssuer(config: ApiConfig): string {
  return `${config.AUTHORITY_HOST}/${config.TENANT_ID}/v2.0`;
}
