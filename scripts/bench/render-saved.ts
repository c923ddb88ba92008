/**
 * `node scripts/bench/render-saved.ts .cache/bench/results-<date>.json [BENCHMARKS.md]`: renders a
 * saved benchmark run again (after a change to the wording) without measuring anything.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults } from './bench-results.ts';
import { mergeBenchmarks, renderBenchmarks } from './render-benchmarks.ts';

const [resultsFile, out = 'BENCHMARKS.md'] = process.argv.slice(2);
if (resultsFile === undefined) {
  process.stderr.write('usage: node scripts/bench/render-saved.ts <results.json> [BENCHMARKS.md]\n');
  process.exit(64);
}
const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResults;
writeFileSync(out, mergeBenchmarks(existsSync(out) ? readFileSync(out, 'utf8') : undefined, renderBenchmarks(results)));
process.stderr.write(`wrote ${out}\n`);
