// Graph's Outlook limits per app and mailbox: a number of requests in flight (a request over it is
// refused at once, not queued) and a number of requests in a sliding 10-minute window.

const windowMs = 10 * 60 * 1000;

export type Admission =
  | { admitted: true; release: () => void }
  | { admitted: false; limit: "MailboxConcurrency" | "MailboxRequests"; retryAfterSeconds: number };

type Window = { times: number[]; start: number };

export class MailboxLimiter {
  private readonly inFlight = new Map<string, number>();
  private readonly windows = new Map<string, Window>();
  private readonly peaks = new Map<string, number>();

  constructor(
    private readonly limits: () => {
      concurrency: number;
      perWindow: number;
      concurrencyRetryAfterSeconds: number;
    }
  ) {}

  admit(key: string, now: number): Admission {
    const { concurrency, perWindow, concurrencyRetryAfterSeconds } = this.limits();
    const current = this.inFlight.get(key) ?? 0;
    if (concurrency > 0 && current >= concurrency)
      return {
        admitted: false,
        limit: "MailboxConcurrency",
        retryAfterSeconds: concurrencyRetryAfterSeconds,
      };
    const window = this.windows.get(key) ?? { times: [], start: 0 };
    while (window.start < window.times.length && window.times[window.start]! <= now - windowMs)
      window.start++;
    if (window.start > 1024) {
      window.times = window.times.slice(window.start);
      window.start = 0;
    }
    if (perWindow > 0 && window.times.length - window.start >= perWindow) {
      const oldest = window.times[window.start]!;
      return {
        admitted: false,
        limit: "MailboxRequests",
        retryAfterSeconds: Math.max(0.001, (oldest + windowMs - now) / 1000),
      };
    }
    window.times.push(now);
    this.windows.set(key, window);
    this.inFlight.set(key, current + 1);
    this.peaks.set(key, Math.max(this.peaks.get(key) ?? 0, current + 1));
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.inFlight.get(key) ?? 1) - 1;
        if (left === 0) this.inFlight.delete(key);
        else this.inFlight.set(key, left);
      },
    };
  }

  /** The most requests that were ever in flight at once for one app and mailbox. */
  peakInFlight(): number {
    return Math.max(0, ...this.peaks.values());
  }
}
