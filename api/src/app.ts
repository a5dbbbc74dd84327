// Assembles the companion API's Express application: security headers, request ids and logging, the
// routes, and the one error handler. It does not listen; main.ts and the tests do.
import { randomUUID } from "node:crypto";
import express, { type Express } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Logger } from "./logger.js";
import { errorHandler, notFoundHandler } from "./http/errorHandler.js";
import { healthDocs, healthRoutes } from "./http/healthRoutes.js";
import { buildOpenApiDocument } from "./http/openapi.js";

export type AppDeps = { logger: Logger; version: string };

export function createApp({ logger, version }: AppDeps): Express {
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
  app.use(express.json({ limit: "100kb" }));

  const openApi = buildOpenApiDocument([...healthDocs], version);
  app.use(healthRoutes(version, () => openApi));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
