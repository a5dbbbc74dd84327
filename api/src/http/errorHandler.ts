// The central error handler: expected errors keep their status and code; unexpected ones are logged
// with the request id and answered with a 500 that carries that id and nothing else.
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, type ErrorBody } from "../errors.js";

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError(404, "NOT_FOUND", `No route for ${req.method} ${req.path}`));
};

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const requestId = String(req.id ?? "");
  const expected = toExpectedError(err);
  if (!expected) req.log.error({ err, requestId }, "unexpected error");
  // An answer already being streamed cannot become an error answer: cutting the connection short tells
  // the client that what it received is incomplete.
  if (res.headersSent) {
    if (expected) req.log.warn({ err, requestId }, "answer cut short");
    res.destroy();
    return;
  }
  const status = expected?.status ?? 500;
  // Throttling passed on from Microsoft keeps its advice on when to come back.
  const retryAfter = (expected as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof retryAfter === "number" && retryAfter > 0)
    res.setHeader("Retry-After", String(Math.ceil(retryAfter)));
  const body: ErrorBody = {
    error: {
      code: expected?.code ?? "INTERNAL_ERROR",
      message:
        expected?.message ?? "Something went wrong on our side. Quote the request id when reporting it.",
      requestId,
    },
  };
  res.status(status).json(body);
};

/** Body-parser and similar middleware signal client mistakes with `status`/`type`; keep them 4xx. */
function toExpectedError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const candidate = err as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof candidate?.status === "number" && candidate.status >= 400 && candidate.status < 500) {
    const code = candidate.type === "entity.too.large" ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST";
    return new AppError(candidate.status, code, String(candidate.message ?? "Bad request"));
  }
  return undefined;
}
