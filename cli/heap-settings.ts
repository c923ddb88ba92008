import { setFlagsFromString } from 'node:v8';

/**
 * V8's garbage-collector settings es2sql runs with. By default V8 lets the old generation grow to
 * about four times what survives a full collection and the young generation to 64 MiB per
 * semi-space, which a migrate run — pages of documents and their rows, all garbage a batch later —
 * turns into 500+ MB of RSS for a live heap of about 60 MB. Growing by half instead, with the young
 * generation kept at its starting size, holds a run near 250 MB at 100k and at 1M documents for
 * some 10–15% more CPU in the collector (BENCHMARKS.md). Measured again with the encoded-batch hot
 * path (100k documents from Elasticsearch 8 into PostgreSQL): a young generation left to grow cut
 * the CPU by 8% (10.6 → 9.8 s) but raised the peak RSS from 203 to 340 MB, so it stays pinned; the
 * size cannot be set from inside the process (V8 reads it when the heap is created), only for
 * worker threads (batch-worker-pool.ts). Both flags are read at every collection,
 * so setting them at start-up works.
 */
export const HEAP_FLAGS = ['--heap-growing-percent=50', '--semi-space-growth-factor=1'] as const;

/** Applies {@link HEAP_FLAGS} to this process, unless `ES2SQL_V8_DEFAULTS=1` asks for V8's own. */
export function applyHeapSettings(env: NodeJS.ProcessEnv = process.env): void {
  if (env.ES2SQL_V8_DEFAULTS === '1') return;
  setFlagsFromString(HEAP_FLAGS.join(' '));
}
