// Reads an async iterable to its end (Node 20 has no Array.fromAsync).

/** Every item `source` yields, in order; rejects as the source does. */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}
