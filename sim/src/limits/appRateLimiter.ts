// An app-wide request rate (Graph's global limit, and the bench's R): a token bucket per app holding
// one second's worth of requests.

type Bucket = { tokens: number; at: number };

export class AppRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly rate: () => number) {}

  /** Takes one request's worth; returns undefined when admitted, else the seconds until it would be. */
  take(appId: string, now: number): number | undefined {
    const rate = this.rate();
    if (rate <= 0) return undefined;
    const bucket = this.buckets.get(appId) ?? { tokens: rate, at: now };
    // A clock that steps back refills nothing (and never drains the bucket).
    bucket.tokens = Math.min(rate, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * rate);
    bucket.at = Math.max(bucket.at, now);
    this.buckets.set(appId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(0.001, (1 - bucket.tokens) / rate);
  }
}
