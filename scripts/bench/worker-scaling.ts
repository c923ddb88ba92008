import { existsSync, mkdirSync } from 'node:fs';
import { generateCorpus, writeNdjson } from '../../fixtures/corpus/index.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { createBenchDatabase } from './bench-database.ts';
import { runMigrate } from './spawn-migrate.ts';

/** One migrate from the corpus file with a given number of batch workers. */
export interface WorkerRun {
  dialect: Dialect;
  workers: number;
  docs: number;
  seconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
}

/** The corpus as an elasticdump file (reused when present): the source that needs no server. */
export async function benchCorpusFile(docs: number, seed: number): Promise<string> {
  const file = `.cache/bench/corpus-${docs}-s${seed}.ndjson`;
  if (!existsSync(file)) {
    mkdirSync('.cache/bench', { recursive: true });
    await writeNdjson(generateCorpus({ docs, seed }), file);
  }
  return file;
}

/**
 * How es2sql scales with worker threads when the source costs it nothing but reading a file: the
 * corpus file into each dialect with 0 (everything on one thread), 1 and 2 workers. In production
 * Elasticsearch and the database run elsewhere and es2sql's own cores decide its speed; here the
 * database shares the two cores.
 */
export async function measureWorkerScaling(file: string, dialects: readonly Dialect[], workerCounts: readonly number[], log: (line: string) => void): Promise<WorkerRun[]> {
  const runs: WorkerRun[] = [];
  for (const dialect of dialects) {
    for (const workers of workerCounts) {
      const target = await createBenchDatabase(dialect, `w${workers}`);
      try {
        const report = await runMigrate({ migrate: { source: { file }, target: target.url, workers } });
        runs.push({ dialect, workers, docs: report.stats.read, seconds: report.wallMs / 1000, cpuSeconds: report.cpuMs / 1000, maxRssBytes: report.maxRssBytes });
        log(`${dialect}, ${workers} workers, from the file: ${Math.round(report.stats.read / (report.wallMs / 1000))} docs/s, ${((report.cpuMs * 1000) / report.stats.read).toFixed(0)} µs CPU/doc`);
      } finally {
        await target.drop();
      }
    }
  }
  return runs;
}
