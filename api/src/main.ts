// Starts the companion API: reads configuration (stopping with a clear message if it is bad), listens,
// and shuts down cleanly on SIGINT/SIGTERM.
import { createServer } from "node:http";
import { fetch as undiciFetch } from "undici";
import { devCaAgent } from "../../lib/devCaAgent.js";
import { close, listen } from "../../lib/listen.js";
import { packageVersion } from "../../lib/packageVersion.js";
import { runMain } from "../../lib/runMain.js";
import { createApp } from "./app.js";
import { validatorFor } from "./auth/createValidator.js";
import { loadApiConfig } from "./config.js";
import { createLogger } from "./logger.js";

runMain(async () => {
  const config = loadApiConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const dispatcher = devCaAgent();
  const fetch = ((url: string | URL, init?: RequestInit) =>
    undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof globalThis.fetch;
  const app = createApp({
    logger,
    version: packageVersion(),
    signedIn: {
      validateToken: validatorFor(config, fetch),
      corsOrigins: config.CORS_ORIGINS,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      routes: [],
    },
  });
  const server = await listen(createServer(app), config.API_PORT);
  logger.info({ port: config.API_PORT }, `API listening on http://localhost:${config.API_PORT}/`);
  return async () => {
    await close(server);
    await dispatcher.close();
  };
});
