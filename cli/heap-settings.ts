import { setFlagsFromString } from 'node:v8';

/**
 * V8's garbage-collector settings es2sql runs with: launch flags ({@link LAUNCH_FLAGS}) and flags set from inside the process ({@link HEAP_FLAGS}).
 *
 * A migrate run makes pages of documents and their rows, all garbage a batch or two later. V8's
 * default young generation starts at 1 MiB per semi-space and may grow to 64 MiB: pinned at 1 MiB,
 * every page in flight survives a scavenge and is promoted, and the collector took 16–22% of the
 * CPU; left to grow, the peak RSS went from 203 to 340 MB at 100k documents. A fixed 8 MiB holds a
 * page's working set: 100k documents from Elasticsearch 8 into PostgreSQL took 7.5 s of CPU instead
 * of 10.0 s, at 235 MB peak RSS instead of 226 MB (BENCHMARKS.md). V8 reads the young
 * generation's size only when the heap is created, so it is a launch flag ({@link LAUNCH_FLAGS}: the
 * bin's `#!` line, `npm run es2sql`, the benchmark's child processes); worker threads get theirs
 * from `resourceLimits` (batch-worker-pool.ts).
 *
 * The old generation grows by 100% (V8's default is up to four times) over what survives a full
 * collection ({@link HEAP_FLAGS}); V8 reads that flag at every collection, so it is set at start-up
 * from inside the process. Page texts and COPY batches are large strings that go straight to the
 * old generation, so its limit decides how often a full collection runs. Growing by 50% kept the
 * peak RSS lowest but ran a full collection every 15-20 MB: from Elasticsearch 8 into PostgreSQL,
 * 100k documents took a median 7.4 s of CPU at 180-205 MB against 6.3 s at 198-220 MB (four
 * interleaved runs each), and 1M documents 52.8 s at 211 MB against 44.6 s at 227 MB (BENCHMARKS.md).
 *
 * V8 also watches where objects are made: when nearly every object from one object or array
 * literal is still alive at a scavenge, it makes that literal allocate in the old generation from
 * then on. A page's rows, outcomes and records all live until the page is encoded, so their
 * literals looked long-lived and were moved there; the strings they point at (JSON column texts)
 * then survived every scavenge until a full collection. `--no-allocation-site-pretenuring` keeps
 * them young: bytes promoted per 100k documents from Elasticsearch 8 into PostgreSQL fell from
 * 207–218 to 151–158 MB, es2sql's CPU by 2.9% (six alternating pairs, all six faster), the stage
 * budget's transform stage by a sixth, at the same peak RSS (BENCHMARKS.md). It is read from the
 * start, so it is a launch flag too.
 *
 * The only WebAssembly es2sql runs is the HTTP parser of undici, the client's transport (llhttp).
 * V8 compiled it a second time with its optimising tier at every start: 7–11% of the CPU of a
 * 300-document migrate on the helper threads (perf). `--liftoff-only` keeps V8's baseline
 * WebAssembly code, which parses a few headers per response just as well (bodies pass through by
 * length). Alternating runs, every one lower with it: a 300-document migrate 1.28 → 1.22 s of CPU
 * (6 pairs), a no-change sync after 100k documents 1.52 → 1.43 s (6 pairs), a 100k migrate 5.36 →
 * 5.19 s (3 pairs) (BENCHMARKS.md). Set from inside the process it has no effect, so it is a launch
 * flag; V8 lists it among its testing flags, and the package tests start the bin with it.
 */
export const LAUNCH_FLAGS = ['--min-semi-space-size=8', '--max-semi-space-size=8', '--no-allocation-site-pretenuring', '--liftoff-only'] as const;

/**
 * Environment the bin starts Node with (its `#!` line, the npm scripts, the benchmark's children).
 * glibc gives each thread that allocates its own malloc arena; Node's threads (V8's collector and
 * compiler helpers, libuv's pool) made several, each keeping freed memory: with two arenas the peak
 * RSS of 100k documents from Elasticsearch 8 into PostgreSQL was 209–231 MB against 223–246 MB, at
 * the same CPU (BENCHMARKS.md). Other C libraries ignore the variable.
 */
export const LAUNCH_ENV = { MALLOC_ARENA_MAX: '2' } as const;

/** {@link LAUNCH_ENV} as `NAME=value` words, for a `#!` line or a shell command. */
export function launchEnvWords(): string[] {
  return Object.entries(LAUNCH_ENV).map(([name, value]) => `${name}=${value}`);
}

/** The flags {@link applyHeapSettings} sets from inside the process (read at every collection). */
export const HEAP_FLAGS = ['--heap-growing-percent=100', '--semi-space-growth-factor=1'] as const;

/** Set to `1` to run with V8's own heap sizing instead of {@link HEAP_FLAGS}. */
export const V8_DEFAULTS_ENV = 'ES2SQL_V8_DEFAULTS';

/** Applies {@link HEAP_FLAGS} to this process, unless `ES2SQL_V8_DEFAULTS=1` asks for V8's own. */
export function applyHeapSettings(env: NodeJS.ProcessEnv = process.env): void {
  if (env[V8_DEFAULTS_ENV] === '1') return;
  setFlagsFromString(HEAP_FLAGS.join(' '));
}
