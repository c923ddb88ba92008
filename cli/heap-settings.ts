import { setFlagsFromString } from 'node:v8';

/**
 * V8's garbage-collector settings es2sql runs with. By default V8 lets the old generation grow to
 * about four times what survives a full collection and the young generation to 64 MiB per
 * semi-space, which a migrate run — pages of documents and their rows, all garbage a batch later —
 * turns into 500+ MB of RSS for a live heap of about 60 MB. Growing by half instead, with the young
 * generation kept at its starting size, holds a run near 250 MB at 100k and at 1M documents for
 * some 10–15% more CPU in the collector (BENCHMARKS.md). Both flags are read at every collection,
 * so setting them at start-up works.
 */
export const HEAP_FLAGS = ['--heap-growing-percent=50'] as const;

/** Applies {@link HEAP_FLAGS} to this process, unless `ES2SQL_V8_DEFAULTS=1` asks for V8's own. */
export function applyHeapSettings(env: NodeJS.ProcessEnv = process.env): void {
  if (env.ES2SQL_V8_DEFAULTS === '1') return;
  setFlagsFromString(HEAP_FLAGS.join(' '));
}
