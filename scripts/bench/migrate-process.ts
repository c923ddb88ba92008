/**
 * One migrate run in its own process, for the benchmark (RSS, kill -9, CPU profiles):
 *   node scripts/bench/migrate-process.ts '<MigrateOptions as JSON>' [<--mapping value>]
 * Prints one JSON line on stdout: the run's stats, peak RSS (its own high-water mark, pipeline/report/peak-rss.ts), CPU time and the
 * batches committed; exits 2 when the run returned an error. With ES2SQL_BENCH_MEMORY=1 it also
 * prints the heap every second (every ES2SQL_BENCH_MEMORY_MS milliseconds) on stderr; ES2SQL_V8_DEFAULTS=1 runs it with V8's own heap sizing.
 */
import { binBundlePreload } from '../../cli/bin-bundle.ts';
import { enableModuleCompileCache } from '../../cli/compile-cache.ts';
import { applyHeapSettings } from '../../cli/heap-settings.ts';
import type { MigrateOptions, migrate as Migrate } from '../../pipeline/run/migrate.ts';

// As the bin starts (cli/es2sql.ts): the module compile cache on before the pipeline is loaded. The
// benchmark runs this file from the bin's bundle (spawn-migrate.ts), where `es2sql` resolves to the
// bundle's library as in the bin: the preload a worker thread gets does that in this thread too.
enableModuleCompileCache();
const workerPreload = binBundlePreload();
for (const url of workerPreload) await import(url);
const { defaultWorkers } = await import('../../cli/commands/default-workers.ts');
const { resolveMapping } = await import('../../mappings/index.ts');
const { migrate } = await import('../../pipeline/run/migrate.ts');
const { peakRssBytes } = await import('../../pipeline/report/peak-rss.ts');

/** What the child reports to the benchmark. */
export interface MigrateProcessReport {
  stats: Awaited<ReturnType<typeof Migrate>>['stats'];
  error: string | null;
  maxRssBytes: number;
  cpuMs: number;
  wallMs: number;
  batches: number;
  /** Documents in the batches this process committed (the stats count the whole run's). */
  committedHere: number;
}

// The same garbage-collector settings as `es2sql` (cli/es2sql.ts), so RSS is the command's.
applyHeapSettings();
const options = JSON.parse(process.argv[2] ?? '{}') as MigrateOptions & { migrationTime?: string };
const started = performance.now();
let batches = 0;
let committedHere = 0;
const mb = (n: number) => Math.round(n / 1e6);
const sampler = process.env.ES2SQL_BENCH_MEMORY
  ? setInterval(() => {
      const m = process.memoryUsage();
      process.stderr.write(`rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)} batches ${batches}\n`);
    }, Number(process.env.ES2SQL_BENCH_MEMORY_MS ?? 1000))
  : undefined;
const mappingSpec = process.argv[3];
const result = await migrate({
  ...options,
  ...(mappingSpec === undefined ? {} : { mapping: await resolveMapping(mappingSpec, { source: options.source }) }),
  // As the CLI does: batch workers from the core count unless the benchmark names a number.
  workers: options.workers ?? defaultWorkers(),
  workerPreload,
  migrationTime: options.migrationTime ? new Date(options.migrationTime) : undefined,
  onEvent: (event) => {
    if (event.type !== 'batch') return;
    batches++;
    committedHere += event.read;
  },
});
if (sampler) clearInterval(sampler);
const usage = process.resourceUsage();
const report: MigrateProcessReport = {
  stats: result.stats,
  error: result.error?.message ?? null,
  maxRssBytes: peakRssBytes(),
  cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
  wallMs: Math.round(performance.now() - started),
  batches,
  committedHere,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(result.error ? 2 : 0);
