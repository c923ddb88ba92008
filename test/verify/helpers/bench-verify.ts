/**
 * Throughput and memory of `validate` and `verify` on a large corpus (not a test; run by hand):
 *
 *   node --disable-warning=ExperimentalWarning test/verify/helpers/bench-verify.ts [docs] [work-dir] [steps]
 *
 * Generates `docs` corpus documents as NDJSON (once), migrates them into a SQLite file (once), then
 * runs the steps (default `validate,verify`, each best in its own process for a clean peak RSS) and
 * prints elapsed time, documents per second and the process's peak RSS.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeNdjsonParallel } from '../../../fixtures/corpus/index.ts';
import { migrate } from '../../../pipeline/run/migrate.ts';
import { validate } from '../../../pipeline/run/validate.ts';
import { verify } from '../../../pipeline/run/verify.ts';

const docs = Number(process.argv[2] ?? 1_000_000);
const dir = process.argv[3] ?? `/tmp/es2sql-bench-${docs}`;
const steps = (process.argv[4] ?? 'validate,verify').split(',');
const layout = { layout: 'B' as const, revision: '7a3b9c1d2e4f', label: '--layout b' };
mkdirSync(dir, { recursive: true });
const file = join(dir, 'freezer.ndjson');
const target = `sqlite:${join(dir, 'target.db')}`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

if (!existsSync(file)) {
  const started = performance.now();
  await writeNdjsonParallel({ docs, seed: 1 }, file);
  console.log(`corpus: ${docs} documents in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
if (steps.includes('migrate') || !existsSync(join(dir, 'target.db'))) {
  const result = await migrate({ source: { file }, target, layout });
  if (result.error) throw result.error;
  console.log(`migrate: ${result.stats.read} read, ${result.stats.migrated} migrated in ${(result.stats.elapsedMs / 1000).toFixed(0)} s (${result.stats.docsPerSecond.toFixed(0)} docs/s)`);
}
if (steps.includes('validate')) {
  const { report, error } = await validate({ source: { file }, target, reportPath: join(dir, 'validate.html') });
  if (error) throw error;
  console.log(`validate: ${report.totals.read} read in ${(report.elapsedMs / 1000).toFixed(0)} s (${report.docsPerSecond.toFixed(0)} docs/s), peak RSS ${mib(report.peakRssBytes)}`);
}
if (steps.includes('verify')) {
  const { report, error } = await verify({ source: { file }, target, reportPath: join(dir, 'verify.html') });
  if (error) throw error;
  console.log(`verify: ${report.totals.esRead} read, clean ${report.clean}, in ${(report.elapsedMs / 1000).toFixed(0)} s (${report.docsPerSecond.toFixed(0)} docs/s), peak RSS ${mib(report.peakRssBytes)}`);
}
