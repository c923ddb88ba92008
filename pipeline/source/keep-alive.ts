/** Elasticsearch time units as used by `scroll` and `keep_alive`. */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Keep-alive for the request that opens a scroll or point in time. If that answer is lost (reset
 * after the server created the context), nobody knows the id to clear it; a short first keep-alive
 * bounds such a leak to seconds. The next request, sent as soon as the first page is handed over
 * (prefetch), extends the context to the full keep-alive.
 */
export const OPEN_KEEP_ALIVE = '30s';

/** Milliseconds of an Elasticsearch duration (`30s`, `5m`); NaN when it cannot be read. */
export function durationMs(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  return match === null ? Number.NaN : Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** The shorter of two durations (the first when either cannot be read). */
export function shorterDuration(a: string, b: string): string {
  const [msA, msB] = [durationMs(a), durationMs(b)];
  return Number.isNaN(msA) || Number.isNaN(msB) || msA <= msB ? a : b;
}
