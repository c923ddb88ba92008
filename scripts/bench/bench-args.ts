import { parseArgs } from 'node:util';
import type { Dialect } from '../../schema/dialect.ts';

/** What `npm run bench -- …` was asked to do. */
export interface BenchArgs {
  docs: number;
  seed: number;
  dialects: Dialect[];
  /** Elasticsearch 8 base URL (default: the node `scripts/es-server` runs). */
  es: string | undefined;
  skipPeer: boolean;
  skipRss1m: boolean;
  skipResume: boolean;
  /** Write CPU profiles of the end-to-end runs and put their summary into BENCHMARKS.md. */
  profile: boolean;
  /** Only the stage budget (no servers). */
  stagesOnly: boolean;
  skipWorkers: boolean;
  /** No orders corpus with `--mapping auto`. */
  skipAuto: boolean;
  /** Where the report goes; `-` prints it only. */
  out: string;
}

export const BENCH_USAGE = `npm run bench [-- options]

  --docs <n>        corpus size (100000, 100k, 1M; default 100k)
  --seed <n>        corpus seed (default 1); the index is reused when it already holds this corpus
  --target <t>      pg | mysql | sqlite | all (default all); repeatable
  --es <url>        Elasticsearch 8 (default: scripts/es-server url 8)
  --skip-peer       no elasticdump measurement
  --skip-rss-1m     no 1M-document run for the RSS ratio
  --skip-resume     no kill -9 / resume measurement
  --stages          only the stage budget: the hot path on in-memory pages, no servers
  --skip-workers    no worker-thread scaling runs (corpus file into each dialect, 0/1/2 workers)
  --skip-auto       no second corpus (orders file with --mapping auto into each dialect)
  --profile         CPU-profile the end-to-end runs (node --cpu-prof) and summarise them
  --out <file>      report file (default BENCHMARKS.md; - for none)`;

const TARGETS: Record<string, Dialect[]> = { pg: ['postgres'], postgres: ['postgres'], mysql: ['mysql'], mariadb: ['mysql'], sqlite: ['sqlite'], all: ['postgres', 'mysql', 'sqlite'] };

/** `100000`, `100k`, `1M`. */
export function parseCount(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  const value = match ? Number(match[1]) * (match[2] === '' ? 1 : /k/i.test(match[2]!) ? 1e3 : 1e6) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--docs must be a whole number like 100000, 100k or 1M, got "${text}"`);
  return value;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      docs: { type: 'string', default: '100k' },
      seed: { type: 'string', default: '1' },
      target: { type: 'string', multiple: true, default: ['all'] },
      es: { type: 'string' },
      'skip-peer': { type: 'boolean', default: false },
      'skip-rss-1m': { type: 'boolean', default: false },
      'skip-resume': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      stages: { type: 'boolean', default: false },
      'skip-workers': { type: 'boolean', default: false },
      'skip-auto': { type: 'boolean', default: false },
      out: { type: 'string', default: 'BENCHMARKS.md' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(BENCH_USAGE);
  const dialects = new Set<Dialect>();
  for (const target of values.target) {
    const found = TARGETS[target.toLowerCase()];
    if (!found) throw new Error(`--target must be pg, mysql, sqlite or all, got "${target}"`);
    for (const dialect of found) dialects.add(dialect);
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);
  return {
    docs: parseCount(values.docs),
    seed,
    dialects: (['postgres', 'mysql', 'sqlite'] as const).filter((d) => dialects.has(d)),
    es: values.es,
    skipPeer: values['skip-peer'],
    skipRss1m: values['skip-rss-1m'],
    skipResume: values['skip-resume'],
    profile: values.profile,
    stagesOnly: values.stages,
    skipWorkers: values['skip-workers'],
    skipAuto: values['skip-auto'],
    out: values.out,
  };
}
