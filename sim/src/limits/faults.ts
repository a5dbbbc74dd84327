// Injected failures, at a chosen rate: 503 and 429 refuse the request before it runs; 504 and a
// connection reset happen after the service may have done the work (a gateway timing out on a backend
// that finished, a response lost on the wire), which is what makes retries dangerous in real life.
import type { SimSettings } from "../settings.js";

export type Fault =
  | { kind: "503" | "429"; phase: "before" }
  | { kind: "504"; phase: "before" | "after" }
  | { kind: "reset"; phase: "after" };

export function pickFault(settings: SimSettings, random: () => number = Math.random): Fault | undefined {
  if (settings.faultRate <= 0 || random() >= settings.faultRate) return undefined;
  const kind = settings.faultKinds[Math.floor(random() * settings.faultKinds.length)]!;
  if (kind === "504") return { kind, phase: random() < 0.5 ? "before" : "after" };
  if (kind === "reset") return { kind, phase: "after" };
  return { kind, phase: "before" };
}

/**
 * Retry-After as Graph sends it: whole seconds when whole, otherwise up to three decimals, rounded up
 * to the millisecond so a client never retries early (and a real wait never reads "0").
 * @example formatRetryAfter(2.9996) // → "3"
 */
export function formatRetryAfter(seconds: number): string {
  if (Number.isInteger(seconds)) return String(seconds);
  const ms = Math.max(1, Math.ceil(Math.round(seconds * 1e6) / 1e3));
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(3).replace(/0+$/, "");
}
