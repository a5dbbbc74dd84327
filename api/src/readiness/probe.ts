// Runs one readiness probe: its answer, or the API's error code and message when Microsoft 365 (or the
// API's own sign-in) failed it. Anything else is a bug and propagates to the central error handler.
import { AppError } from "../errors.js";
import type { Probe } from "./readinessFacts.js";

/**
 * @example await probe(() => services.graph.listDomains()) // → { ok: false, code: "UPSTREAM_PERMISSION", problem: "The API app lacks ..." }
 */
export async function probe<T>(work: () => Promise<T>): Promise<Probe<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code, problem: err.message };
    throw err;
  }
}
