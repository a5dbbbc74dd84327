// Hands items to a writer in groups as they are produced, so that many small results (findings,
// planned targets) cost one database round trip per group and only one group is held in memory.

export type GroupedWriter<T> = {
  /** Adds items; writes a group once `size` are held (the caller waits for that write). */
  add(items: readonly T[]): Promise<void>;
  /** Writes whatever is held. */
  flush(): Promise<void>;
};

/**
 * @example const staged = groupedWriter((entries) => stagePlanEntries(db, planId, entries, now), 250);
 *          await staged.add([entry]); ...; await staged.flush();
 */
export function groupedWriter<T>(write: (items: T[]) => Promise<void>, size: number): GroupedWriter<T> {
  let held: T[] = [];
  const writeHeld = async (atLeast: number) => {
    if (held.length === 0 || held.length < atLeast) return;
    const items = held;
    held = [];
    await write(items);
  };
  return {
    add: async (items) => {
      held.push(...items);
      await writeHeld(size);
    },
    flush: () => writeHeld(1),
  };
}
