/**
 * Runs `fn` over the items with at most `limit` at once, in order of the items, while `more()`
 * holds (a time budget). Bounded so that a launch of 10,000 does not open 10,000 requests at once.
 * Answers how many items were begun.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
  more: () => boolean = () => true,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && more()) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return next;
}
