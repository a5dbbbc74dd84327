// A cap on the Graph requests in flight per mailbox. Graph lets one app have 4 concurrent requests
// against one Outlook mailbox and refuses a 5th with 429 and a Retry-After of seconds; waiting here for
// one of our own requests to finish takes milliseconds, so requests queue before they go out instead.

export interface MailboxGate {
  /**
   * Runs `work` once `key` has a free slot, holding it until the work settles (returns or throws).
   * Works waiting for the same key start in the order they arrived; an undefined key starts at once.
   */
  run<T>(key: string | undefined, work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` holding several slots, e.g. for a $batch whose requests Graph runs side by side: for each
   * mailbox, how many of its slots (at most the limit). Mailboxes are taken in name order, each with all
   * its slots at once, so two batches can never each hold part of what the other waits for.
   */
  runHolding<T>(claims: ReadonlyMap<string, number>, work: () => Promise<T>): Promise<T>;
  /** How many works hold a slot of `key` now. */
  inFlight(key: string): number;
  /** How many keys have works running or waiting; a key is forgotten once its last work settles. */
  keys(): number;
}

/** One key's slots in use and the works waiting, with how many slots each needs; kept while either is non-zero. */
type Lane = { active: number; waiting: { need: number; start: () => void }[] };

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
 * The slots a Graph request takes: one of the mailbox it addresses; for a `$batch`, one per request it
 * carries, by mailbox, because Graph runs a batch's requests side by side and counts each against its
 * mailbox's limit.
 * @example mailboxClaims(".../v1.0/$batch", '{"requests":[{"url":"/users/a@x/mailFolders/inbox"},{"url":"/users/a@x/mailFolders/drafts"}]}') // Map { "a@x" => 2 }
 */
export function mailboxClaims(url: string, body: unknown): Map<string, number> {
  const claims = new Map<string, number>();
  const single = mailboxOfGraphUrl(url);
  if (single) return claims.set(single, 1);
  for (const inner of batchedUrls(url, body) ?? []) {
    const mailbox = mailboxOfGraphUrl(new URL(inner.replace(/^\/?/, "/"), "https://graph.invalid").href);
    if (mailbox) claims.set(mailbox, (claims.get(mailbox) ?? 0) + 1);
  }
  return claims;
}

/**
 * How many requests Graph counts for one HTTP request: one, or for a `$batch` each request it carries.
 * @example requestsCounted(".../v1.0/$batch", '{"requests":[{"url":"/domains"},{"url":"/users"}]}') // 2
 */
export function requestsCounted(url: string, body: unknown): number {
  return Math.max(1, batchedUrls(url, body)?.length ?? 1);
}

/** The URLs of the requests a `$batch` carries; undefined for any other request (or a malformed batch). */
function batchedUrls(url: string, body: unknown): string[] | undefined {
  if (!/\/\$batch$/.test(url.split("?")[0]!)) return undefined;
  let parsed: unknown = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const requests = (parsed as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) return undefined;
  return (requests as { url?: unknown }[]).flatMap((r) => (typeof r?.url === "string" ? [r.url] : []));
}

/**
 * A keyed semaphore: at most `limit` works run at once per key, the rest wait first come, first served.
 * A `limit` of 0 or less means no limit.
 * @example const gate = createMailboxGate(4); await gate.run(mailboxOfGraphUrl(url), () => fetch(url))
 */
export function createMailboxGate(limit: number): MailboxGate {
  const slots = limit > 0 ? Math.max(1, Math.floor(limit)) : 0;
  const lanes = new Map<string, Lane>();

  /** Takes `need` free slots of `key` at once, or queues and resolves when they are handed over. */
  function acquire(key: string, need: number): Promise<void> | undefined {
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { active: 0, waiting: [] }));
    if (lane.waiting.length === 0 && lane.active + need <= slots) {
      lane.active += need;
      return undefined;
    }
    const queue = lane.waiting;
    return new Promise<void>((start) => queue.push({ need, start }));
  }

  /** Hands freed slots to the longest waiting works in turn, so a newcomer cannot take them first. */
  function release(key: string, freed: number): void {
    const lane = lanes.get(key)!;
    lane.active -= freed;
    while (lane.waiting.length > 0 && lane.active + lane.waiting[0]!.need <= slots) {
      const next = lane.waiting.shift()!;
      lane.active += next.need;
      next.start();
    }
    if (lane.active === 0 && lane.waiting.length === 0) lanes.delete(key);
  }

  async function runHolding<T>(claims: ReadonlyMap<string, number>, work: () => Promise<T>): Promise<T> {
    if (slots === 0) return work();
    const held: [string, number][] = [];
    try {
      for (const key of [...claims.keys()].sort()) {
        const need = Math.min(slots, Math.max(1, Math.floor(claims.get(key)!)));
        await acquire(key, need);
        held.push([key, need]);
      }
      return await work();
    } finally {
      for (const [key, need] of held) release(key, need);
    }
  }

  return {
    run: (key, work) => runHolding(key === undefined ? new Map() : new Map([[key, 1]]), work),
    runHolding,
    inFlight: (key) => lanes.get(key)?.active ?? 0,
    keys: () => lanes.size,
  };
}
