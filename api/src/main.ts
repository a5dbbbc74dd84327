// Starts the companion API: reads configuration (stopping with a clear message if it is bad), listens,
// and shuts down cleanly on SIGINT/SIGTERM.
import { loadApiConfig } from "./config.js";
import { createApp } from "./app.js";
import { createLogger } from "./logger.js";
import { createServer } from "node:http";
import { runMain } from "../../lib/runMain.js";
import { close, listen } from "../../lib/listen.js";
import { packageVersion } from "../../lib/packageVersion.js";

runMain(async () => {
  const config = loadApiConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const app = createApp({ logger, version: packageVersion() });
  const server = await listen(createServer(app), config.API_PORT);
  logger.info({ port: config.API_PORT }, `API listening on http://localhost:${config.API_PORT}/`);
  return () => close(server);
});
