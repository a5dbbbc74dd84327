// Per-user rate limiting: a fixed one-minute window per user (tenant + object id) in this instance.
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../errors.js";
import { principalOf } from "./authorize.js";

export function rateLimitPerUser(perMinute: number, clock: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return (_req: Request, res: Response, next: NextFunction) => {
    const { tenantId, objectId } = principalOf(res);
    const key = `${tenantId}/${objectId}`;
    const now = clock();
    let window = windows.get(key);
    if (!window || now - window.start >= 60_000) {
      window = { start: now, count: 0 };
      windows.set(key, window);
      if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= 60_000) windows.delete(k);
    }
    if (++window.count <= perMinute) return next();
    res.setHeader("Retry-After", String(Math.ceil((window.start + 60_000 - now) / 1000)));
    next(new AppError(429, "RATE_LIMITED", `Too many requests: at most ${perMinute} a minute per user.`));
  };
}
