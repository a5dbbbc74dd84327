// The companion API's settings, read once at start-up (see .env.example for each one).
import { z } from "zod";
import { readConfig } from "../../lib/config.js";
import { port } from "../../lib/ports.js";

const apiConfigSchema = z.object({
  API_PORT: port(4000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;

/** Reads and validates the API's configuration; throws a ConfigError naming any bad setting. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return readConfig(apiConfigSchema, env);
}
