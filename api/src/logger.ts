// The API's structured logger (JSON lines); the level comes from configuration.
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "api" } });
}
