// Starts the companion API: reads configuration (stopping with a clear message if it is bad), opens the
// database and applies its migrations, builds the outside clients, listens, and shuts down cleanly on
// SIGINT/SIGTERM.
import { createServer } from "node:http";
import { close, listen } from "../../lib/listen.js";
import { packageVersion } from "../../lib/packageVersion.js";
import { runMain } from "../../lib/runMain.js";
import { createApp } from "./app.js";
import { validatorFor } from "./auth/createValidator.js";
import { loadApiConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { createOutboundDispatcher, createOutboundFetch } from "./outbound/outboundHttp.js";
import { featureRoutes } from "./routes.js";
import { openServices } from "./services.js";

runMain(async () => {
  const config = loadApiConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const dispatcher = createOutboundDispatcher();
  const services = await openServices(config, { logger, dispatcher });
  logger.info({ database: services.db.kind }, "database ready");
  const app = createApp({
    logger,
    version: packageVersion(),
    signedIn: {
      validateToken: validatorFor(config, createOutboundFetch(dispatcher) as unknown as typeof fetch),
      corsOrigins: config.CORS_ORIGINS,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      routes: featureRoutes(services),
    },
  });
  const server = await listen(createServer(app), config.API_PORT);
  logger.info({ port: config.API_PORT }, `API listening on http://localhost:${config.API_PORT}/`);
  return async () => {
    await close(server);
    await services.close();
    await dispatcher.close();
  };
});
