// Turns a store function that handles many inputs in one transaction into a function of one input:
// calls made while a group is being written wait and go in the next group, so under load each
// transaction carries many inputs (a few statements for all of them) and when quiet one goes at once.
// The workers claim and finish targets through it.
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

type Waiting<I, O> = { input: I; resolve: (value: O) => void; reject: (error: unknown) => void };

/**
 * One call of `writeGroup` per group of at most `maxGroup` waiting calls, one group at a time; each
 * caller gets its own input's result. When the group's transaction itself fails (the database went
 * away), every caller in it gets that error.
 * @example const finish = groupCalls((inputs) => finishTargets(db, inputs), 50); await finish(input);
 */
export function groupCalls<I, O>(
  writeGroup: (inputs: I[]) => Promise<Settled<O>[]>,
  maxGroup: number
): (input: I) => Promise<O> {
  if (!(maxGroup >= 1)) throw new RangeError(`maxGroup must be at least 1, not ${maxGroup}`);
  const queue: Waiting<I, O>[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const group = queue.splice(0, maxGroup);
        try {
          const settled = await writeGroup(group.map((w) => w.input));
          settled.forEach((result, i) =>
            result.ok ? group[i]!.resolve(result.value) : group[i]!.reject(result.error)
          );
        } catch (err) {
          for (const waiting of group) waiting.reject(err);
        }
      }
    } finally {
      writing = false;
    }
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (writing) return;
      writing = true;
      // After the current turn of the event loop: calls arriving together go in one group.
      queueMicrotask(() => void drain());
    });
}
