// What the add-in needs to sign users in and reach the API, fixed when it is built: webpack writes these
// values into the bundle (none of them is a secret). The defaults are sim's demo tenant; a build for a
// real tenant names its authority and registrations, like the API's settings.
import { z } from "zod";
import { ConfigError, readConfig } from "./config.js";
import { demoIdentity } from "./demoIdentity.js";

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  message: "expected a GUID such as 8a1f3c52-6b0e-4d7a-9c2e-5f4b3a2d1e0f",
});
const httpsOrigin = z
  .url({ protocol: /^https$/, message: "expected an https:// URL" })
  .transform((u) => u.replace(/\/+$/, ""));

const identitySchema = z.object({
  AUTHORITY_HOST: httpsOrigin,
  TENANT_ID: guid.default(demoIdentity.tenantId),
  ADDIN_CLIENT_ID: guid.default(demoIdentity.addinClientId),
  API_CLIENT_ID: guid.default(demoIdentity.apiClientId),
  API_SCOPE: z.string().min(1).default("access_as_user"),
});

export type AddinBuildSettings = {
  /** The add-in's app registration (the client that signs users in). */
  clientId: string;
  /** The tenant's authority, e.g. https://login.microsoftonline.com/{tenant id}. */
  authority: string;
  /** The delegated scope of the API's registration the add-in asks for. */
  apiScope: string;
  /** Where the API is: "" for the page's own origin (the dev server forwards /api), else an https:// origin. */
  apiBaseUrl: string;
  /** sim's origin, for the harness page; null in a production build. */
  simOrigin: string | null;
};

/**
 * Reads the add-in's settings from the environment; throws a ConfigError naming a bad or missing one.
 * @example addinBuildSettings({ SIM_PORT: "4010" }, { apiPublicUrl: null }).authority // → "https://localhost:4010/4d3c…"
 */
export function addinBuildSettings(
  env: NodeJS.ProcessEnv,
  deployment: { apiPublicUrl: string | null }
): AddinBuildSettings {
  const sim = `https://localhost:${env.SIM_PORT || 4010}`;
  const usesSim = !env.AUTHORITY_HOST;
  const missing = usesSim
    ? []
    : ["TENANT_ID", "ADDIN_CLIENT_ID", "API_CLIENT_ID"].filter((name) => !env[name]);
  if (missing.length)
    throw new ConfigError(
      `Invalid configuration: ${missing.join(", ")} must be set when AUTHORITY_HOST points at a real authority (their defaults are the local demo tenant's).`
    );
  const settings = readConfig(identitySchema, { ...env, AUTHORITY_HOST: env.AUTHORITY_HOST || sim });
  return {
    clientId: settings.ADDIN_CLIENT_ID,
    authority: `${settings.AUTHORITY_HOST}/${settings.TENANT_ID}`,
    apiScope: `api://${settings.API_CLIENT_ID}/${settings.API_SCOPE}`,
    apiBaseUrl: deployment.apiPublicUrl?.replace(/\/+$/, "") ?? "",
    simOrigin: usesSim && !deployment.apiPublicUrl ? sim : null,
  };
}
