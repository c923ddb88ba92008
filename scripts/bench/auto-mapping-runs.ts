import { existsSync, mkdirSync } from 'node:fs';
import { writeOrdersNdjson } from '../../fixtures/orders/write-orders.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { createBenchDatabase } from './bench-database.ts';
import { runMigrate } from './spawn-migrate.ts';

/** One migrate of the orders corpus with `--mapping auto`. */
export interface AutoMappingRun {
  dialect: Dialect;
  docs: number;
  rows: number;
  seconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
}

/** The generated orders corpus (a non-Freezer index: nested lines, objects, arrays, geo, dates) as an NDJSON file, reused when present. */
export async function ordersCorpusFile(docs: number): Promise<string> {
  const file = `.cache/bench/orders-${docs}.ndjson`;
  if (!existsSync(file)) {
    mkdirSync('.cache/bench', { recursive: true });
    await writeOrdersNdjson(file, docs);
  }
  return file;
}

/**
 * The second corpus: the orders file migrated with `--mapping auto` (the schema compiled from the
 * data, one page sampled) into each dialect, on the same hot path and with the same defaults as
 * the Freezer corpus file runs beside it (0 workers), so the CPU per document compares.
 */
export async function measureAutoMapping(file: string, dialects: readonly Dialect[], log: (line: string) => void): Promise<AutoMappingRun[]> {
  const runs: AutoMappingRun[] = [];
  for (const dialect of dialects) {
    const target = await createBenchDatabase(dialect, 'auto');
    try {
      const report = await runMigrate({ migrate: { source: { file }, target: target.url, workers: 0 }, mapping: 'auto' });
      runs.push({ dialect, docs: report.stats.read, rows: report.stats.rows, seconds: report.wallMs / 1000, cpuSeconds: report.cpuMs / 1000, maxRssBytes: report.maxRssBytes });
      log(`${dialect}, --mapping auto, orders file: ${Math.round(report.stats.read / (report.wallMs / 1000))} docs/s, ${((report.cpuMs * 1000) / report.stats.read).toFixed(0)} µs CPU/doc`);
    } finally {
      await target.drop();
    }
  }
  return runs;
}
