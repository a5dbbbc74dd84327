// A cap on the Graph requests in flight per mailbox. Graph lets one app have 4 concurrent requests
// against one Outlook mailbox and refuses a 5th with 429 and a Retry-After of seconds; waiting here for
// one of our own requests to finish takes milliseconds, so requests queue before they go out instead.

export interface MailboxGate {
  /**
   * Runs `work` once `key` has a free slot, holding it until the work settles (returns or throws).
   * Works waiting for the same key start in the order they arrived; an undefined key starts at once.
   */
  run<T>(key: string | undefined, work: () => Promise<T>): Promise<T>;
  /** How many works hold a slot of `key` now. */
  inFlight(key: string): number;
  /** How many keys have works running or waiting; a key is forgotten once its last work settles. */
  keys(): number;
}

/** One key's slots in use and the works waiting for one; kept only while either is non-zero. */
type Lane = { active: number; waiting: (() => void)[] };

/**
 * The mailbox a Graph request addresses: the segment after `/users/`, decoded and lower-cased.
 * Undefined for requests that address no single mailbox (`/users` itself, `/$batch`, `/domains`...).
 * @example mailboxOfGraphUrl("https://graph.microsoft.com/v1.0/users/Adele%40contoso.com/messages") // "adele@contoso.com"
 */
export function mailboxOfGraphUrl(url: string): string | undefined {
  let segments: string[];
  try {
    segments = new URL(url).pathname.split("/");
  } catch {
    return undefined;
  }
  const at = segments.findIndex((s) => s.toLowerCase() === "users");
  const segment = at < 0 ? undefined : segments[at + 1];
  // `/users/$count` and the like are about the list, not one mailbox.
  if (!segment || segment.startsWith("$")) return undefined;
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/**
 * A keyed semaphore: at most `limit` works run at once per key, the rest wait first come, first served.
 * A `limit` of 0 or less means no limit.
 * @example const gate = createMailboxGate(4); await gate.run(mailboxOfGraphUrl(url), () => fetch(url))
 */
export function createMailboxGate(limit: number): MailboxGate {
  const slots = limit > 0 ? Math.max(1, Math.floor(limit)) : 0;
  const lanes = new Map<string, Lane>();

  /** Takes a free slot of `key` at once, or queues and resolves when one is handed over. */
  function acquire(key: string): Promise<void> | undefined {
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { active: 0, waiting: [] }));
    if (lane.active < slots) {
      lane.active++;
      return undefined;
    }
    const queue = lane.waiting;
    return new Promise<void>((resolve) => queue.push(resolve));
  }

  /** Hands the slot straight to the longest waiting work, so a newcomer cannot take it first. */
  function release(key: string): void {
    const lane = lanes.get(key)!;
    const next = lane.waiting.shift();
    if (next) next();
    else if (--lane.active === 0) lanes.delete(key);
  }

  return {
    async run(key, work) {
      if (key === undefined || slots === 0) return work();
      await acquire(key);
      try {
        return await work();
      } finally {
        release(key);
      }
    },
    inFlight: (key) => lanes.get(key)?.active ?? 0,
    keys: () => lanes.size,
  };
}
