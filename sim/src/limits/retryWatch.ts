// Watches whether a client honours Retry-After: per app and mailbox, the last time sim told the client not
// to come back before, and a count of the requests that came back sooner anyway.

type Refusal = { answeredAt: number; until: number };

export class RetryWatch {
  private readonly refusals = new Map<string, Refusal>();
  private earlyCount = 0;

  /** Requests that started after a refusal was answered and before its Retry-After had passed. */
  get early(): number {
    return this.earlyCount;
  }

  /**
   * sim answered a request for `key` at `answeredAt` with a Retry-After of `seconds` (the value as sent).
   * The last refusal wins, as in Graph: the client is to wait for the latest Retry-After it was given.
   */
  refused(key: string, answeredAt: number, seconds: number): void {
    this.refusals.set(key, { answeredAt, until: answeredAt + seconds * 1000 });
  }

  /**
   * A request for `key` that the client started at `startedAt` (when it reached sim; a $batch's requests
   * when the batch did). Returns whether it came back early, and counts it if so. A request started
   * before the refusal was answered was already in flight: the client could not have known to wait.
   */
  arrived(key: string, startedAt: number): boolean {
    const refusal = this.refusals.get(key);
    // Refusals are kept once their time has passed (one per key ever refused): requests are not judged
    // in the order they started, since a $batch's later requests count from when the batch arrived.
    if (!refusal || startedAt < refusal.answeredAt || startedAt >= refusal.until) return false;
    this.earlyCount++;
    return true;
  }
}
