// How sim behaves beyond the tenant's data: throttling, latency, injected faults and the Exchange
// behaviours Microsoft does not document. Read from the environment at start-up; tests and benchmarks
// can change them at run time (PUT /_sim/settings).
import { z } from "zod";

export const faultKinds = ["503", "504", "reset", "429"] as const;

export const simSettingsSchema = z.object({
  /** Median added latency per request, in milliseconds. */
  latencyMs: z.number().min(0).max(60_000),
  /** Spread of the latency: the sigma of a log-normal around the median (0: none). */
  latencyJitter: z.number().min(0).max(3),
  /** Graph: at most this many requests in flight per app and mailbox (0: no limit). */
  mailboxConcurrency: z.number().int().min(0),
  /** Graph: at most this many requests per app and mailbox in any 10 minutes (0: no limit). */
  mailboxRequestsPer10Minutes: z.number().int().min(0),
  /** Graph: requests per second per app across mailboxes and the directory (0: no limit). */
  appRequestsPerSecond: z.number().min(0),
  /** Retry-After (seconds) sent with a refused fifth concurrent request. */
  concurrencyRetryAfterSeconds: z.number().min(0),
  /** Share of Graph and Exchange requests that get an injected fault (0–1). */
  faultRate: z.number().min(0).max(1),
  faultKinds: z.array(z.enum(faultKinds)).min(1),
  /** Retry-After (seconds) sent with injected 503 and 429 answers. */
  faultRetryAfterSeconds: z.number().min(0),
  /** Where Graph's DELETE on a message puts it (undocumented by Microsoft). */
  deleteDestination: z.enum(["recoverableitemsdeletions", "deleteditems"]),
  /** Whether Recoverable Items names Graph does not document (purges, discoveryholds...) are accepted. */
  undocumentedFolders: z.enum(["allow", "deny"]),
});

export type SimSettings = z.infer<typeof simSettingsSchema>;

/** Graph's published limits; latency modest so `npm start` feels like a real tenant without dragging. */
export const defaultSettings: SimSettings = {
  latencyMs: 40,
  latencyJitter: 0.3,
  mailboxConcurrency: 4,
  mailboxRequestsPer10Minutes: 10_000,
  appRequestsPerSecond: 13_000,
  concurrencyRetryAfterSeconds: 10,
  faultRate: 0,
  faultKinds: ["503", "504", "reset"],
  faultRetryAfterSeconds: 1,
  deleteDestination: "recoverableitemsdeletions",
  undocumentedFolders: "allow",
};

/** Settings for tests: no latency, no faults, Graph's limits kept. */
export const testSettings: SimSettings = { ...defaultSettings, latencyMs: 0, latencyJitter: 0 };
