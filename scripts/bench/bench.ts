/**
 * `npm run bench [-- --docs 1M --target pg|mysql|sqlite|all --skip-peer --skip-rss-1m …]`: the read
 * bound, write bounds, es2sql end to end, elasticdump, peak RSS at two corpus sizes and the cost of
 * a kill -9, all in one run against the real Elasticsearch 8 and databases; prints the table and
 * rewrites the generated part of BENCHMARKS.md. Never part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CLASSIFICATION_RULES } from '../../core/classify.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { parseBenchArgs, type BenchArgs } from './bench-args.ts';
import { dropBenchCorpus, ensureBenchCorpus, type BenchCorpus } from './bench-corpus.ts';
import { cpuPerDocUs, END_TO_END_RUNS, medianRssBytes, medianRun, rate, type BenchResults, type DialectResult, type EndToEnd, type ReadRun, type RssScaling } from './bench-results.ts';
import { withCpuAccounting } from './cpu-accounting.ts';
import { measureEndToEnd } from './end-to-end.ts';
import { LoadSampler, machineFacts } from './machine-facts.ts';
import { measureElasticdump } from './peer-elasticdump.ts';
import { measureClassifiedRead, measureRawRead, measureReaderRead } from './read-bound.ts';
import { mergeBenchmarks, renderBenchmarks, renderStages, STAGES_BEGIN_MARK, STAGES_END_MARK } from './render-benchmarks.ts';
import { measureStageBudget, type StageBudget } from './stage-budget.ts';
import { benchCorpusFile, measureWorkerScaling } from './worker-scaling.ts';
import { measureAutoMapping, ordersCorpusFile } from './auto-mapping-runs.ts';

/** Orders in the second corpus (each with a few nested lines, so some 3–4 rows per order). */
const AUTO_MAPPING_DOCS = 50_000;
import { measureResumeCost } from './resume-cost.ts';
import { compileMigrateProcess } from './spawn-migrate.ts';
import { measureSyncNoChange } from './sync-no-change.ts';
import { measureWriteBound } from './write-bound.ts';

/** Slices × page sizes the read bound tries; the fastest is the bound. */
const READ_SETTINGS = [
  { slices: 2, pageSize: 2000 },
  { slices: 4, pageSize: 2000 },
  { slices: 4, pageSize: 5000 },
];
/** es2sql's reader alone, at migrate's defaults (4 slices, 1,000-document pages). */
const READER_SETTINGS = { slices: 4, pageSize: 1000 };
const RSS_SIZES = { small: 100_000, large: 1_000_000 };

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

function esUrl(args: BenchArgs): string {
  if (args.es) return args.es;
  try {
    return execFileSync('scripts/es-server', ['url', '8'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('no Elasticsearch 8: start one with "scripts/es-server start 8" or pass --es <url>');
  }
}

async function readBound(corpus: BenchCorpus): Promise<BenchResults['read']> {
  const at = (settings: (typeof READ_SETTINGS)[number]) => ({ url: corpus.url, index: corpus.index, ...settings });
  // A node started minutes ago serves the first es2sql runs far slower than later ones (its JIT has
  // not seen PIT searches with partition queries and a `_seq_no` sort yet): one plain read and one
  // read by es2sql's own reader, both untimed, come first.
  log('warm-up reads (not timed)');
  await measureRawRead(at(READ_SETTINGS[1]!));
  await measureReaderRead(at(READER_SETTINGS));
  const tried: ReadRun[] = [];
  for (const settings of READ_SETTINGS) {
    const { result: timed, cpu } = await withCpuAccounting(() => measureRawRead(at(settings)));
    log(`read bound ${settings.slices} × ${settings.pageSize}: ${Math.round(rate(timed))} docs/s, Elasticsearch ${cpu.elasticsearch.toFixed(1)} s CPU`);
    tried.push({ ...timed, ...settings, elasticsearchCpu: cpu.elasticsearch });
  }
  const best = tried.reduce((a, b) => (rate(b) > rate(a) ? b : a));
  const { result: readerRun, cpu: readerCpu } = await withCpuAccounting(() => measureReaderRead(at(READER_SETTINGS)));
  const reader: ReadRun = { ...readerRun, ...READER_SETTINGS, elasticsearchCpu: readerCpu.elasticsearch };
  log(`es2sql's reader ${READER_SETTINGS.slices} × ${READER_SETTINGS.pageSize}: ${Math.round(rate(reader))} docs/s, Elasticsearch ${readerCpu.elasticsearch.toFixed(1)} s CPU`);
  const named = CLASSIFICATION_RULES.flatMap((rule) => rule.fields);
  const { result: classifiedRun, cpu: classifiedCpu } = await withCpuAccounting(() => measureClassifiedRead(at(READER_SETTINGS), named));
  const classified = { ...classifiedRun, ...READER_SETTINGS, elasticsearchCpu: classifiedCpu.elasticsearch };
  log(`one read classified by named clauses ${READER_SETTINGS.slices} × ${READER_SETTINGS.pageSize}: ${Math.round(rate(classified))} docs/s, Elasticsearch ${classifiedCpu.elasticsearch.toFixed(1)} s CPU`);
  return { ...best, tried, reader, classified };
}

async function dialectResult(dialect: Dialect, corpus: BenchCorpus, args: BenchArgs): Promise<DialectResult> {
  // Each run into a fresh database; the last one's rows serve the sync and the write bound.
  const runs: EndToEnd[] = [];
  let run: Awaited<ReturnType<typeof measureEndToEnd>> | undefined;
  let profile;
  for (let i = 1; i <= END_TO_END_RUNS; i++) {
    if (run !== undefined) await run.target.drop();
    log(`${dialect}: end to end, run ${i} of ${END_TO_END_RUNS}`);
    run = await measureEndToEnd(dialect, corpus.url, corpus.index, { profile: args.profile && i === 1 });
    profile ??= run.profile;
    runs.push(run.result);
    log(`${dialect}: ${Math.round(rate(run.result))} docs/s, ${Math.round(cpuPerDocUs(run.result))} µs CPU per document, peak RSS ${Math.round(run.result.maxRssBytes / 1e6)} MB${run.profileFile ? `, profile ${run.profileFile}` : ''}`);
  }
  if (run === undefined) throw new Error('no end-to-end run');
  let write;
  let sync;
  try {
    log(`${dialect}: sync with nothing changed`);
    sync = await measureSyncNoChange(corpus.url, corpus.index, run.target.url);
    log(`${dialect}: sync ${sync.seconds.toFixed(1)} s (sweep ${sync.sweepSeconds?.toFixed(1)} s) for ${sync.swept} ids, ${sync.found} changes, ${sync.rows} rows written`);
    log(`${dialect}: write bound`);
    write = await measureWriteBound(dialect, run.target.url);
    log(`${dialect}: write bound ${Math.round(corpus.docs / write.seconds)} docs/s (${write.method})`);
  } finally {
    await run.target.drop();
  }
  const endToEnd = medianRun(runs);
  const result: DialectResult = { dialect, endToEnd, runs, write, sync, profile };
  if (!args.skipResume) {
    log(`${dialect}: kill -9 at mid-run and resume`);
    result.resume = await measureResumeCost(dialect, corpus.url, corpus.index, corpus.docs, { slices: endToEnd.slices, batchSize: endToEnd.batchSize });
    log(`${dialect}: re-read ${result.resume.reReads} (allowed ${result.resume.allowed}), first passes ${result.resume.referencePassReads}`);
  }
  return result;
}

/** Peak RSS on PostgreSQL (or the first dialect) at 100k and 1M documents, reusing the main run's size. */
async function rssScaling(main: BenchCorpus, results: DialectResult[], args: BenchArgs, es: string): Promise<RssScaling> {
  const dialect = results[0]!.dialect;
  const runAt = async (docs: number): Promise<EndToEnd> => {
    if (docs === main.docs) return { ...results[0]!.endToEnd, maxRssBytes: medianRssBytes(results[0]!) };
    const corpus = await ensureBenchCorpus(es, docs, args.seed, log);
    log(`${dialect}: end to end on ${docs} documents for peak RSS`);
    const run = await measureEndToEnd(dialect, corpus.url, corpus.index);
    await run.target.drop();
    if (docs > main.docs) await dropBenchCorpus(es, corpus.index);
    return run.result;
  };
  const small = await runAt(RSS_SIZES.small);
  const large = await runAt(RSS_SIZES.large);
  return { dialect, small: { docs: RSS_SIZES.small, maxRssBytes: small.maxRssBytes }, large: { docs: RSS_SIZES.large, maxRssBytes: large.maxRssBytes, extrapolated: false, endToEnd: large } };
}

/** The stage budget (no servers), printed and written into its own part of the report. */
function stageBudget(args: BenchArgs): StageBudget[] {
  log('stage budget: the hot path on in-memory pages');
  const stages = measureStageBudget({ docs: args.docs, seed: args.seed, dialects: args.dialects });
  const section = renderStages(stages, args.docs, new Date().toISOString());
  process.stdout.write(`${section}\n`);
  if (args.out !== '-') {
    writeFileSync(args.out, mergeBenchmarks(existsSync(args.out) ? readFileSync(args.out, 'utf8') : undefined, section, [STAGES_BEGIN_MARK, STAGES_END_MARK]));
    log(`wrote the stage budget into ${args.out}`);
  }
  return stages;
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.stagesOnly) {
    stageBudget(args);
    return;
  }
  const started = performance.now();
  log('compiling the migrate process and the code it runs (tsconfig.bench.json)');
  compileMigrateProcess();
  const sampler = new LoadSampler();
  const es = esUrl(args);
  const corpus = await ensureBenchCorpus(es, args.docs, args.seed, log);
  const facts = await machineFacts(corpus.esVersion);
  log(`corpus ${corpus.index}; ${facts.cores} cores, load ${facts.loadAtStart.toFixed(1)}`);
  const read = await readBound(corpus);
  const peer = args.skipPeer ? undefined : await measureElasticdump(corpus.url, corpus.index, corpus.docs, log);
  const dialects: DialectResult[] = [];
  for (const dialect of args.dialects) dialects.push(await dialectResult(dialect, corpus, args));
  const rss = args.skipRss1m ? undefined : await rssScaling(corpus, dialects, args, es);
  const workers = args.skipWorkers ? undefined : await measureWorkerScaling(await benchCorpusFile(args.docs, args.seed), args.dialects.filter((d) => d !== 'mysql'), [0, 1, 2], log);
  const autoMapping = args.skipAuto ? undefined : await measureAutoMapping(await ordersCorpusFile(AUTO_MAPPING_DOCS), args.dialects, log);
  const stages = stageBudget(args);
  sampler.stop();
  const results: BenchResults = { facts, load: sampler.summary(), corpus, read, peer, rss, dialects, stages, workers, autoMapping, totalSeconds: (performance.now() - started) / 1000 };
  const generated = renderBenchmarks(results);
  process.stdout.write(`${generated}\n`);
  if (args.out !== '-') {
    writeFileSync(args.out, mergeBenchmarks(existsSync(args.out) ? readFileSync(args.out, 'utf8') : undefined, generated));
    log(`wrote ${args.out}`);
  }
  mkdirSync('.cache/bench', { recursive: true });
  writeFileSync(`.cache/bench/results-${facts.date.replace(/[:.]/g, '-')}.json`, JSON.stringify(results, null, 2));
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
