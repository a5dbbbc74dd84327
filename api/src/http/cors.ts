// CORS for the add-in: only the configured origins may call the API from a browser.
import type { NextFunction, Request, Response } from "express";

export function corsFor(origins: readonly string[]) {
  const allowed = new Set(origins.map((o) => new URL(o).origin));
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader("Access-Control-Allow-Origin", origin);
      res.setHeader("Vary", "Origin");
      res.setHeader("Access-Control-Expose-Headers", "x-request-id, Retry-After");
      if (req.method === "OPTIONS") {
        res.setHeader("Access-Control-Allow-Methods", "GET, POST");
        res.setHeader(
          "Access-Control-Allow-Headers",
          "Authorization, Content-Type, Idempotency-Key, X-Request-Id"
        );
        res.setHeader("Access-Control-Max-Age", "600");
        return void res.sendStatus(204);
      }
    }
    next();
  };
}
