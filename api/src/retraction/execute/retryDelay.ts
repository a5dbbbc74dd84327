// When a target that could not be finished may be tried again: never before Graph's Retry-After, and
// otherwise after an exponential backoff with jitter, so many workers retrying at once spread out
// instead of hitting Graph together.

export type RetryTiming = {
  /** The first backoff (before jitter), in milliseconds. */
  baseMs: number;
  /** The longest backoff, in milliseconds. */
  maxMs: number;
};

export const defaultRetryTiming: RetryTiming = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Milliseconds to wait before the next attempt, given the attempts made so far (≥ 1) and the longest
 * Retry-After Graph gave in the last one. Graph's Retry-After is what it asked for and is followed as
 * it is; without one, "equal jitter": half the exponential backoff fixed, half random.
 * @example retryDelayMs(3, undefined, defaultRetryTiming, () => 0.5) // → 6000 (8 s backoff: 4 s + 2 s jitter)
 * @example retryDelayMs(5, 1_500, defaultRetryTiming, Math.random) // → 1500
 */
export function retryDelayMs(
  attempts: number,
  retryAfterMs: number | undefined,
  timing: RetryTiming,
  random: () => number
): number {
  if (retryAfterMs !== undefined) return Math.ceil(retryAfterMs);
  const exponent = Math.max(0, attempts - 1);
  const backoff = Math.min(timing.maxMs, timing.baseMs * 2 ** Math.min(exponent, 30));
  const jittered = backoff / 2 + (backoff / 2) * random();
  return Math.ceil(jittered);
}
