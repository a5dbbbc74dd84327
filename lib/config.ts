// The one way the project's processes read settings: a zod schema over the environment, parsed once at
// start-up, failing with a message that names each bad or missing setting.
import type { z } from "zod";

/** A setting that is missing or invalid; its message names the setting and what was expected. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Parses `env` with `schema`, whose keys are environment variable names.
 * @example readConfig(z.object({ API_PORT: port(4000) }), { API_PORT: "80" }) // → { API_PORT: 80 }
 */
export function readConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
}
