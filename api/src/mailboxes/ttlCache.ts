// A small in-memory cache of promises with a time to live: concurrent callers share one load, a failed
// load is forgotten at once (the next caller retries), and the oldest entries go when it is full.

export type TtlCache<V> = {
  get(key: string, load: () => Promise<V>): Promise<V>;
  clear(): void;
};

/**
 * @example const tags = createTtlCache<Tag[]>({ ttlMs: 600_000, now: Date.now });
 *          await tags.get("all", () => exchange.getRetentionPolicyTags());
 */
export function createTtlCache<V>(options: {
  ttlMs: number;
  now: () => number;
  maxEntries?: number;
}): TtlCache<V> {
  const entries = new Map<string, { value: Promise<V>; expiresAt: number }>();
  const maxEntries = options.maxEntries ?? 1000;
  return {
    get(key, load) {
      const now = options.now();
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now) return hit.value;
      entries.delete(key);
      const value = load();
      entries.set(key, { value, expiresAt: now + options.ttlMs });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return value;
    },
    clear: () => entries.clear(),
  };
}
