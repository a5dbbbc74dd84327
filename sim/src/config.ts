// sim's settings, read once at start-up from the environment (docs/sim.md lists them).
import { z } from "zod";
import { readConfig } from "../../lib/config.js";
import { port } from "../../lib/ports.js";
import { defaultSettings, faultKinds, simSettingsSchema, type SimSettings } from "./settings.js";

type NumericSetting = {
  [K in keyof SimSettings]: SimSettings[K] extends number ? K : never;
}[keyof SimSettings];

/** A numeric setting as text, held to the same bounds as PUT /_sim/settings (an empty value is an error). */
const number = (setting: NumericSetting) =>
  z
    .string()
    .trim()
    .min(1, { message: "expected a number, got an empty value" })
    .pipe(z.coerce.number())
    .pipe(simSettingsSchema.shape[setting])
    .default(defaultSettings[setting]);

const simConfigSchema = z.object({
  SIM_PORT: port(4010),
  /** A tenant fixture file; the demo tenant when unset. */
  TENANT_FIXTURE: z.string().min(1).optional(),
  SIM_LATENCY_MS: number("latencyMs"),
  SIM_LATENCY_JITTER: number("latencyJitter"),
  SIM_MAILBOX_CONCURRENCY: number("mailboxConcurrency"),
  SIM_MAILBOX_REQUESTS_PER_10_MIN: number("mailboxRequestsPer10Minutes"),
  SIM_APP_REQUESTS_PER_SECOND: number("appRequestsPerSecond"),
  SIM_CONCURRENCY_RETRY_AFTER: number("concurrencyRetryAfterSeconds"),
  SIM_FAULT_RATE: number("faultRate"),
  SIM_FAULT_KINDS: z
    .string()
    .default(defaultSettings.faultKinds.join(","))
    .transform((text) => text.split(",").map((k) => k.trim()))
    .pipe(z.array(z.enum(faultKinds)).min(1)),
  SIM_FAULT_RETRY_AFTER: number("faultRetryAfterSeconds"),
  SIM_DELETE_DESTINATION: z
    .enum(["recoverableitemsdeletions", "deleteditems"])
    .default(defaultSettings.deleteDestination),
  SIM_UNDOCUMENTED_FOLDERS: z.enum(["allow", "deny"]).default(defaultSettings.undocumentedFolders),
});

export type SimConfig = { port: number; tenantFixture: string | undefined; settings: SimSettings };

export function loadSimConfig(env: NodeJS.ProcessEnv = process.env): SimConfig {
  const c = readConfig(simConfigSchema, env);
  return {
    port: c.SIM_PORT,
    tenantFixture: c.TENANT_FIXTURE,
    settings: {
      latencyMs: c.SIM_LATENCY_MS,
      latencyJitter: c.SIM_LATENCY_JITTER,
      mailboxConcurrency: c.SIM_MAILBOX_CONCURRENCY,
      mailboxRequestsPer10Minutes: c.SIM_MAILBOX_REQUESTS_PER_10_MIN,
      appRequestsPerSecond: c.SIM_APP_REQUESTS_PER_SECOND,
      concurrencyRetryAfterSeconds: c.SIM_CONCURRENCY_RETRY_AFTER,
      faultRate: c.SIM_FAULT_RATE,
      faultKinds: c.SIM_FAULT_KINDS,
      faultRetryAfterSeconds: c.SIM_FAULT_RETRY_AFTER,
      deleteDestination: c.SIM_DELETE_DESTINATION,
      undocumentedFolders: c.SIM_UNDOCUMENTED_FOLDERS,
    },
  };
}
