// Keeps the app's Graph requests under a rate (GRAPH_REQUESTS_PER_SECOND): requests over it wait here
// for their turn instead of going out, being refused with 429 and each retrying on its own, which under
// load turns into a storm of refusals. Graph counts each request a $batch carries, so a batch takes one
// turn per request.

export interface AppPacer {
  /** Resolves when `requests` more requests may go out. */
  take(requests: number): Promise<void>;
}

/** How much of a second's worth may go out at once after a quiet spell. */
const burstShare = 0.05;

/**
 * A pacer spacing requests `1000 / ratePerSecond` ms apart, with a small burst allowance (one
 * twentieth of a second's worth); a rate of 0 lets everything through at once.
 * @example const pacer = createAppPacer(1000); await pacer.take(1); // then send
 */
export function createAppPacer(
  ratePerSecond: number,
  clock: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
): AppPacer {
  if (!(ratePerSecond > 0)) return { take: () => Promise.resolve() };
  const spacingMs = 1000 / ratePerSecond;
  const burstMs = Math.max(1, ratePerSecond * burstShare) * spacingMs;
  // The time at which the requests handed out so far would all have gone at the steady rate.
  let due = -Infinity;
  return {
    take(requests) {
      const now = clock();
      const start = Math.max(now, due - burstMs);
      due = Math.max(due, now) + requests * spacingMs;
      return start > now ? sleep(start - now) : Promise.resolve();
    },
  };
}
