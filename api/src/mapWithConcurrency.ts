// Runs an async function over a list with a cap on how many calls are in flight, so discovery and the
// retraction plan can fan out over hundreds of mailboxes without flooding Graph (4 requests per mailbox).

/**
 * `Promise.all(items.map(work))` with at most `limit` calls of `work` running at once; the results keep
 * the items' order. After the first failure no further call starts, and that failure is thrown once the
 * calls already running have settled, so none is left running unobserved.
 * @example await mapWithConcurrency(mailboxes, 8, (mailbox) => graph.findCopies(mailbox, id))
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`The concurrency limit must be a whole number of at least 1, not ${limit}.`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

/**
 * Runs `work` on each item `source` yields, at most `limit` at once, each item taken when a call ends:
 * a source that reads pages is asked for the next page only when its items are needed. Fails as
 * mapWithConcurrency does.
 * @example await forEachWithConcurrency(groupsInPages(db, planId), 160, (group) => planGroup(group))
 */
export async function forEachWithConcurrency<T>(
  source: AsyncIterable<T>,
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`The concurrency limit must be a whole number of at least 1, not ${limit}.`);
  const items = source[Symbol.asyncIterator]();
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined) {
      try {
        // An async generator queues calls of next(), so workers never take the same item.
        const next = await items.next();
        if (next.done) return;
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  if (failure) throw failure.error;
}
