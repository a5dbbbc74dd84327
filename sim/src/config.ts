// sim's settings, read once at start-up.
import { z } from "zod";
import { readConfig } from "../../lib/config.js";
import { port } from "../../lib/ports.js";

const simConfigSchema = z.object({
  SIM_PORT: port(4010),
});

export type SimConfig = z.infer<typeof simConfigSchema>;

export function loadSimConfig(env: NodeJS.ProcessEnv = process.env): SimConfig {
  return readConfig(simConfigSchema, env);
}
