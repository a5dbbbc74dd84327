// Assembles the companion API's Express application: security headers, request ids and logging, the
// routes, and the one error handler. It does not listen; main.ts and the tests do.
import { randomUUID } from "node:crypto";
import express, { type Express, type Router } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Logger } from "./logger.js";
import { errorHandler, notFoundHandler } from "./http/errorHandler.js";
import { healthDocs, healthRoutes } from "./http/healthRoutes.js";
import { buildOpenApiDocument, type RouteDoc } from "./http/openapi.js";
import { authenticate } from "./auth/authorize.js";
import type { TokenValidator } from "./auth/tokenValidator.js";
import { rateLimitPerUser } from "./auth/rateLimit.js";
import { corsFor } from "./http/cors.js";
import { meDocs, meRoutes } from "./http/meRoutes.js";

/**
 * A retraction's submit names every target mailbox, up to 100,000 addresses (a few MB of JSON); every
 * other body is small. The large allowance is only parsed for signed-in callers.
 */
const submitPath = "/api/retractions";
const submitBodyLimit = "10mb";
const isSubmit = (req: express.Request) => req.method === "POST" && req.path === submitPath;

/** A feature's router and the description of each of its routes. */
export type FeatureRoutes = { router: Router; docs: RouteDoc[] };

/** The signed-in part of the API: token validation, limits and the feature routes with their docs. */
export type SignedInApi = {
  validateToken: TokenValidator;
  corsOrigins: readonly string[];
  rateLimitPerMinute: number;
  routes: FeatureRoutes[];
};

export type AppDeps = { logger: Logger; version: string; signedIn?: SignedInApi };

export function createApp({ logger, version, signedIn }: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(helmet());
  app.use(
    pinoHttp({
      logger,
      // Honour a caller's request id (the add-in sends one) so a report can be traced end to end.
      // Log what identifies a request, not its headers (they carry bearer tokens).
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      genReqId: (req, res) => {
        const given = req.headers["x-request-id"];
        const id = typeof given === "string" && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
    })
  );
  if (signedIn) app.use(corsFor(signedIn.corsOrigins));
  const smallJson = express.json({ limit: "100kb" });
  app.use((req, res, next) => (isSubmit(req) ? next() : smallJson(req, res, next)));

  const features = signedIn ? [{ router: meRoutes(), docs: meDocs }, ...signedIn.routes] : [];
  const openApi = buildOpenApiDocument([...healthDocs, ...features.flatMap((f) => f.docs)], version);
  app.use(healthRoutes(version, () => openApi));
  if (signedIn) {
    app.use("/api", authenticate(signedIn.validateToken), rateLimitPerUser(signedIn.rateLimitPerMinute));
    app.post(submitPath, express.json({ limit: submitBodyLimit }));
    for (const feature of features) app.use(feature.router);
  }

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
