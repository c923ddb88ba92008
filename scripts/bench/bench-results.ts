import type { Dialect } from '../../schema/dialect.ts';
import type { BenchCorpus } from './bench-corpus.ts';
import type { CpuShares } from './cpu-accounting.ts';
import type { MachineFacts } from './machine-facts.ts';
import type { PeerRun } from './peer-elasticdump.ts';
import type { ProfileSummary } from './profile-summary.ts';
import type { ResumeCost } from './resume-cost.ts';
import type { SyncNoChange } from './sync-no-change.ts';
import type { StageBudget } from './stage-budget.ts';
import type { AutoMappingRun } from './auto-mapping-runs.ts';
import type { WorkerRun } from './worker-scaling.ts';
import type { WriteBound } from './write-bound.ts';

/** Documents and the seconds they took. */
export interface Rate {
  docs: number;
  seconds: number;
}

/** One read of the whole index and its settings. */
export interface ReadRun extends Rate {
  slices: number;
  pageSize: number;
  /** CPU seconds the Elasticsearch JVM spent while the read ran (absent in runs recorded before it was measured). */
  elasticsearchCpu?: number;
}

/** One es2sql migrate process, as the benchmark ran it. */
export interface EndToEnd extends Rate {
  maxRssBytes: number;
  cpuSeconds: number;
  batchSize: number;
  slices: number;
  rows: number;
  rejected: number;
  /** The machine's CPU while the process ran, and the Elasticsearch JVM's share of it. */
  cpu: CpuShares;
}

/** Everything measured for one target dialect. */
export interface DialectResult {
  dialect: Dialect;
  /** The run of {@link runs} with the median wall clock, so its rate is their median rate. */
  endToEnd: EndToEnd;
  /** Every end-to-end run on this dialect, in the order run (absent in runs recorded before the repeats). */
  runs?: EndToEnd[];
  write: WriteBound;
  resume?: ResumeCost;
  /** A sync right after the migrate, with nothing changed. */
  sync?: SyncNoChange;
  profile?: ProfileSummary;
}

/** Peak RSS of migrate processes on two corpus sizes (same dialect, same settings). */
export interface RssScaling {
  dialect: Dialect;
  small: { docs: number; maxRssBytes: number };
  large: { docs: number; maxRssBytes: number; extrapolated: boolean; endToEnd?: EndToEnd };
}

/** One whole `npm run bench`. */
export interface BenchResults {
  facts: MachineFacts;
  load: { mean: number; max: number };
  corpus: BenchCorpus;
  /**
   * The read bound (best raw read) and what was tried; `reader` is es2sql's own reader alone, for
   * context; `classified` is one read of the whole index with the partitions' fields as named
   * clauses (absent in runs recorded before it was measured).
   */
  read: ReadRun & { tried: ReadRun[]; reader: ReadRun; classified?: ReadRun & { unclassified: number } };
  peer?: { best: PeerRun; runs: PeerRun[] };
  rss?: RssScaling;
  dialects: DialectResult[];
  /** The hot path's stages on in-memory pages, per dialect. */
  stages?: StageBudget[];
  /** The corpus file into each dialect with 0, 1 and 2 batch workers. */
  workers?: WorkerRun[];
  /** The second corpus: orders (a non-Freezer index) with `--mapping auto`, file into each dialect. */
  autoMapping?: AutoMappingRun[];
  totalSeconds: number;
}

export const TARGETS = {
  endToEndVsBound: 0.7,
  vsElasticdump: 1,
  /** es2sql's own CPU (user + system, all its threads) per document, end to end from Elasticsearch. */
  cpuPerDocUs: { postgres: 25, mysql: 40, sqlite: 35 },
  rssRatio: 1.2,
  rssPeakBytes: 250e6,
  syncNoChangeVsMigrate: 0.2,
} as const;

export const rate = (r: Rate) => r.docs / r.seconds;

/** End-to-end migrates per dialect: the machine is shared and noisy, so each figure is a median of three. */
export const END_TO_END_RUNS = 3;

/** The middle value (the lower middle of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The run with the median wall clock. */
export function medianRun(runs: readonly EndToEnd[]): EndToEnd {
  const seconds = median(runs.map((run) => run.seconds));
  return runs.find((run) => run.seconds === seconds)!;
}

/** es2sql's own CPU µs per document of one run. */
export const cpuPerDocUs = (e: EndToEnd) => (e.cpuSeconds * 1e6) / e.docs;

/** The dialect's end-to-end runs (one in results recorded before the repeats). */
export const runsOf = (d: DialectResult): EndToEnd[] => d.runs ?? [d.endToEnd];

/** Median CPU µs per document over the dialect's runs. */
export const medianCpuPerDocUs = (d: DialectResult) => median(runsOf(d).map(cpuPerDocUs));

/** Median peak RSS over the dialect's runs. */
export const medianRssBytes = (d: DialectResult) => median(runsOf(d).map((e) => e.maxRssBytes));

/** The write bound as documents per second (source documents over the seconds to load their rows). */
export const writeRate = (docs: number, write: WriteBound) => docs / write.seconds;

/** es2sql's rate over the slower of the two bounds. */
export function boundRatio(results: BenchResults, d: DialectResult): number {
  return rate(d.endToEnd) / Math.min(rate(results.read), writeRate(results.corpus.docs, d.write));
}
