/**
 * Wraps a page generator so the next page is fetched while the consumer works on the current one:
 * at most one page is held ahead, and nothing more is fetched until the consumer pulls again.
 *
 * The inner generator gets an abort signal that fires when the consumer stops early (break,
 * throw, return) or the caller's signal aborts, so an in-flight request does not delay cleanup;
 * the inner generator's own `finally` (clear scroll, close PIT) always runs before this one ends.
 * With `ahead` false nothing is fetched before the consumer pulls (same cleanup guarantees).
 */
export async function* prefetchOne<T>(open: (signal: AbortSignal) => AsyncGenerator<T>, signal?: AbortSignal, ahead = true): AsyncGenerator<T> {
  const stop = new AbortController();
  const combined = signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]);
  const inner = open(combined);
  let pending: Promise<IteratorResult<T>> | null = inner.next();
  let finished = false;
  try {
    for (;;) {
      const result: IteratorResult<T> = await pending;
      pending = null;
      if (result.done) {
        finished = true;
        return;
      }
      if (ahead) {
        pending = inner.next();
        // The consumer may never come back for it; its failure is seen on the next pull, if any.
        pending.catch(() => undefined);
      }
      yield result.value;
      pending ??= inner.next();
    }
  } finally {
    if (!finished) {
      stop.abort(new Error('read ended by the consumer'));
      if (pending !== null) await pending.catch(() => undefined);
      await inner.return(undefined).catch(() => undefined);
    }
  }
}
