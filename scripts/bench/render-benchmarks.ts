import { renderStageBudget, type StageBudget } from './stage-budget.ts';
import { boundRatio, cpuPerDocUs, medianCpuPerDocUs, medianRssBytes, rate, runsOf, TARGETS, writeRate, type BenchResults, type DialectResult, type EndToEnd } from './bench-results.ts';
import type { Dialect } from '../../schema/dialect.ts';

export const BEGIN_MARK = '<!-- bench:begin (written by npm run bench; edit outside these marks) -->';
export const END_MARK = '<!-- bench:end -->';

const NAMES = { postgres: 'PostgreSQL', mysql: 'MariaDB', sqlite: 'SQLite' } as const;
const perSecond = (value: number) => `${Math.round(value).toLocaleString('en')}/s`;
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
const ratio = (value: number) => value.toFixed(2);
const pct = (value: number) => `${(value * 100).toFixed(0)}%`;
const mark = (ok: boolean) => (ok ? '✓' : '✗');

function mainTable(r: BenchResults): string[] {
  const lines = [
    `| target | read bound | write bound | es2sql end to end | e2e ÷ slower bound (≥ ${TARGETS.endToEndVsBound}) | elasticdump (best) | es2sql ÷ elasticdump (≥ ${TARGETS.vsElasticdump}) | es2sql CPU per doc | peak RSS | resume re-reads (≤ 2 pages × slices) |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const d of r.dialects) {
    const bound = boundRatio(r, d);
    const peer = r.peer ? rate(d.endToEnd) / rate(r.peer.best) : undefined;
    const cpuUs = medianCpuPerDocUs(d);
    const cpuBound = TARGETS.cpuPerDocUs[d.dialect];
    const resume = d.resume ? `${d.resume.reReads.toLocaleString('en')} ≤ ${d.resume.allowed.toLocaleString('en')} ${mark(d.resume.reReads <= d.resume.allowed)}` : 'not measured';
    lines.push(
      `| ${NAMES[d.dialect]} | ${perSecond(rate(r.read))} | ${perSecond(writeRate(r.corpus.docs, d.write))} | ${perSecond(rate(d.endToEnd))} | ${ratio(bound)} ${mark(bound >= TARGETS.endToEndVsBound)} | ${r.peer ? perSecond(rate(r.peer.best)) : '–'} | ${peer === undefined ? '–' : `${ratio(peer)} ${mark(peer >= TARGETS.vsElasticdump)}`} | ${cpuUs.toFixed(0)} µs (≤ ${cpuBound}) ${mark(cpuUs <= cpuBound)} | ${mb(medianRssBytes(d))} | ${resume} |`,
    );
  }
  return lines;
}

/** How far the repeated end-to-end runs spread: what one run alone could have shown. */
function spreadLine(r: BenchResults): string[] {
  const repeated = r.dialects.filter((d) => runsOf(d).length > 1);
  if (repeated.length === 0) return [];
  const range = (values: number[], show: (value: number) => string) => {
    const [low, high] = [show(Math.min(...values)), show(Math.max(...values))];
    return low === high ? low : `${low}–${high}`;
  };
  const parts = repeated.map((d) => {
    const runs = runsOf(d);
    return `${NAMES[d.dialect]} ${range(runs.map(rate), (v) => Math.round(v).toLocaleString('en'))} docs/s, ${range(runs.map(cpuPerDocUs), (v) => v.toFixed(0))} µs, ${range(runs.map((e) => e.maxRssBytes), (v) => `${Math.round(v / 1e6)}`)} MB`;
  });
  return ['', `End to end, CPU per document and peak RSS are medians of ${runsOf(repeated[0]!).length} migrates per dialect, each into a fresh database; the runs ranged: ${parts.join('; ')}.`];
}

/**
 * What Elasticsearch's own CPU per document was for the bound's plain read and for es2sql's reader:
 * the reader selects each partition of a typeless index with a query evaluated over the whole index.
 * Then, where measured, one read of the whole index that Elasticsearch classifies with named clauses.
 */
function elasticsearchReadCost(r: BenchResults): string[] {
  const bound = r.read.elasticsearchCpu;
  const reader = r.read.reader.elasticsearchCpu;
  if (bound === undefined || reader === undefined) return [];
  const perDoc = (seconds: number, docs: number) => `${Math.round((seconds / docs) * 1e6)} µs`;
  const lines = [
    `Elasticsearch's CPU per document read: ${perDoc(bound, r.read.docs)} for the bound's read (${bound.toFixed(1)} s), ${perDoc(reader, r.read.reader.docs)} for es2sql's reader (${reader.toFixed(1)} s, ${ratio(reader / bound)}×). The reader reads a typeless index partition by partition, each partition a query over the whole index (its \`exists\` clauses on object fields expand to one per subfield); every migrate pays that on the shared cores.`,
  ];
  const classified = r.read.classified;
  if (classified?.elasticsearchCpu !== undefined) {
    lines.push(
      `One read of the whole index with the partitions' fields as named \`exists\` clauses (each hit's \`matched_queries\` places it in its partition as the partition queries do; es2sql does not read this way: built and measured, it cost es2sql and the database more than it saved Elasticsearch, see the late-night session below): ${perSecond(rate(classified))}, Elasticsearch ${perDoc(classified.elasticsearchCpu, classified.docs)} per document (${classified.elasticsearchCpu.toFixed(1)} s, ${ratio(classified.elasticsearchCpu / bound)}× the bound's read), ${classified.unclassified.toLocaleString('en')} documents matching none.`,
    );
  }
  return lines;
}

function rssLines(r: BenchResults): string[] {
  if (!r.rss) return ['Peak RSS at two corpus sizes: not measured (`--skip-rss-1m`).'];
  const { small, large, dialect } = r.rss;
  const scaling = large.maxRssBytes / small.maxRssBytes;
  const peak = Math.max(small.maxRssBytes, large.maxRssBytes);
  const lines = [
    `Peak RSS of the migrate process (${NAMES[dialect]}, its own high-water mark, VmHWM): ${small.docs.toLocaleString('en')} docs ${mb(small.maxRssBytes)}, ${large.docs.toLocaleString('en')} docs ${mb(large.maxRssBytes)}${large.extrapolated ? ' (extrapolated)' : ''}: ratio ${ratio(scaling)} ${mark(scaling <= TARGETS.rssRatio)} (≤ ${TARGETS.rssRatio}), peak ${mb(peak)} ${mark(peak <= TARGETS.rssPeakBytes)} (≤ ${mb(TARGETS.rssPeakBytes)}).`,
  ];
  const e = large.endToEnd;
  if (e !== undefined) {
    lines.push(
      `The ${e.docs.toLocaleString('en')}-document run: ${e.seconds.toFixed(1)} s, ${Math.round(e.docs / e.seconds).toLocaleString('en')} docs/s, es2sql ${Math.round((e.cpuSeconds / e.docs) * 1e6)} µs of CPU per document. ${cpuLine(r, e, dialect)}`,
    );
  }
  return lines;
}

/** Where the machine's CPU went during an end-to-end run: the evidence for what limits it. */
function cpuLine(r: BenchResults, e: EndToEnd, dialect: Dialect): string {
  const available = r.facts.cores * e.cpu.seconds;
  const rest = Math.max(0, e.cpu.machine - e.cpu.elasticsearch - e.cpuSeconds);
  const part = (seconds: number) => `${seconds.toFixed(1)} s (${pct(seconds / available)})`;
  return `CPU during that run (${r.facts.cores} cores × ${e.cpu.seconds.toFixed(1)} s = ${available.toFixed(1)} core-seconds): machine busy ${part(e.cpu.machine)}; Elasticsearch ${part(e.cpu.elasticsearch)}, es2sql ${part(e.cpuSeconds)}, ${NAMES[dialect]} and the rest ${part(rest)}.`;
}

function detailLines(r: BenchResults, d: DialectResult): string[] {
  const e = d.endToEnd;
  const w = d.write;
  const lines = [
    `**${NAMES[d.dialect]}**${runsOf(d).length > 1 ? ' (the run with the median wall clock)' : ''}: es2sql ${e.docs.toLocaleString('en')} docs (${e.rows.toLocaleString('en')} rows, ${e.rejected.toLocaleString('en')} rejected) in ${e.seconds.toFixed(1)} s with ${e.slices} slices × ${e.batchSize}-document batches, ${e.cpuSeconds.toFixed(1)} s of its own CPU (${pct(e.cpuSeconds / e.seconds)} of one core).`,
    cpuLine(r, d.endToEnd, d.dialect),
    `Write bound: ${w.rows.toLocaleString('en')} rows in ${w.seconds.toFixed(1)} s by ${w.method}. Bookkeeping the bound leaves out: the ${w.bookkeepingRows.toLocaleString('en')} document-map and reject rows alone take ${w.bookkeepingSeconds.toFixed(1)} s the same way (+${pct(w.bookkeepingSeconds / w.seconds)}), before checkpoints and upsert semantics.`,
  ];
  if (d.sync) {
    const s = d.sync;
    const share = s.seconds / e.seconds;
    const sweep = s.sweepSeconds === undefined ? '' : ` (sweep ${s.sweepSeconds.toFixed(1)} s)`;
    const rows = s.rows === undefined ? '' : ` Rows written by it: ${s.rows} ${mark(s.rows === 0)}.`;
    lines.push(`Sync with nothing changed (right after the migrate): ${s.swept.toLocaleString('en')} ids and versions swept, ${s.found} changes, ${s.seconds.toFixed(1)} s${sweep} = ${pct(share)} of the migrate ${mark(share <= TARGETS.syncNoChangeVsMigrate)} (≤ ${pct(TARGETS.syncNoChangeVsMigrate)}).${rows}`);
  }
  if (d.resume) {
    const c = d.resume;
    lines.push(`Resume: killed with ${c.committedAtKill.toLocaleString('en')} documents committed; ${c.reReads.toLocaleString('en')} documents were read twice (bound 2 pages × ${c.slices} slices × ${c.batchSize} = ${c.allowed.toLocaleString('en')}: one page committing and one read ahead per slice): ${c.uncommitted.toLocaleString('en')} in flight in the killed process, ${c.rerunOverlap.toLocaleString('en')} fetched again by the rerun although already committed. The first passes of both starts read ${c.referencePassReads.toLocaleString('en')} documents besides (the clients at each start; the actions only at a start that does not map them all itself on one thread: a fresh run without worker threads learns its action catalog while it maps them).`);
  }
  if (d.profile) {
    const p = d.profile;
    const top = p.top.slice(0, 8).map((f) => `${f.name} (${f.where}) ${pct(f.share)}`).join(', ');
    lines.push(`Profile (\`node --cpu-prof\`, share of wall time): idle ${pct(p.idleShare)}, GC ${pct(p.gcShare)}; top self time: ${top}.`);
  }
  return lines;
}

export const STAGES_BEGIN_MARK = '<!-- stages:begin (written by npm run bench -- --stages; edit outside these marks) -->';
export const STAGES_END_MARK = '<!-- stages:end -->';

/** The stage budget section (its own marks: `--stages` rewrites it alone). */
export function renderStages(stages: readonly StageBudget[], docs: number, date: string): string {
  return [
    STAGES_BEGIN_MARK,
    `## Stage budget (${date.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `The hot path on in-memory pages, no servers (\`npm run bench -- --stages\`): ${docs.toLocaleString('en')} corpus documents as Elasticsearch search answers of 1,000 hits, layout B head, each stage timed on the thread's CPU clock, best of 3 passes after a warm-up. These are the functions migrate runs per page (encodeBatch's steps); the end-to-end CPU per document adds reading (HTTP, file), committing (driver, sockets), the reference pass and start-up.`,
    '',
    renderStageBudget(stages),
    STAGES_END_MARK,
  ].join('\n');
}

function workerLines(r: BenchResults): string[] {
  if (!r.workers || r.workers.length === 0) return [];
  const lines = [
    '**Worker threads** (`--workers N`; the corpus as an elasticdump file, so no Elasticsearch shares the cores; the database still does):',
    '',
    '| target | workers | docs/s | es2sql CPU per doc | peak RSS |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const w of r.workers) lines.push(`| ${NAMES[w.dialect]} | ${w.workers} | ${perSecond(w.docs / w.seconds)} | ${((w.cpuSeconds * 1e6) / w.docs).toFixed(0)} µs | ${mb(w.maxRssBytes)} |`);
  return [...lines, ''];
}

function autoMappingLines(r: BenchResults): string[] {
  if (!r.autoMapping || r.autoMapping.length === 0) return [];
  const freezer = (dialect: string) => r.workers?.find((w) => w.dialect === dialect && w.workers === 0);
  const lines = [
    '**Second corpus: any index** (`--mapping auto`: the generated orders index as an NDJSON file, its schema compiled from one sampled page; nested `lines` and arrays become child tables). Same hot path and defaults as the Freezer corpus file with 0 workers above:',
    '',
    '| target | orders | rows | docs/s | es2sql CPU per doc | Freezer corpus file, CPU per doc | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const a of r.autoMapping) {
    const f = freezer(a.dialect);
    lines.push(`| ${NAMES[a.dialect]} | ${a.docs.toLocaleString('en')} | ${a.rows.toLocaleString('en')} | ${perSecond(a.docs / a.seconds)} | ${((a.cpuSeconds * 1e6) / a.docs).toFixed(0)} µs | ${f ? `${((f.cpuSeconds * 1e6) / f.docs).toFixed(0)} µs` : 'not measured'} | ${mb(a.maxRssBytes)} |`);
  }
  return [...lines, ''];
}

/** The generated part of BENCHMARKS.md: how to read it, the facts, the table and the details. */
export function renderBenchmarks(r: BenchResults): string {
  const f = r.facts;
  const lines = [
    BEGIN_MARK,
    '## How to read this',
    '',
    'One `npm run bench` measures, in the same run and on the same corpus index: the **read bound** (every document read slice-parallel over plain HTTP, parsed and discarded: no transform, no database), the **write bound** per dialect (the rows es2sql wrote, loaded into a fresh schema by the dialect\'s fastest plain bulk method, loading alone timed), **es2sql end to end** (a `migrate` process from Elasticsearch into the database, defaults for slices and batch size, running the compiled JavaScript as the published bin does; three runs per dialect, the median reported), and the **peer**, elasticdump exporting the same index to an NDJSON file with its best settings. The machine is shared and noisy, so the targets are ratios between figures taken minutes apart, not absolute speeds. `npm test` never asserts speed.',
    '',
    `## Run of ${f.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${f.cores} cores (${f.cpu}), ${f.memoryGb} GB, ${f.kernel}; Node ${f.node}; ${f.elasticsearch} (one node, 512 MB heap, on the same machine); ${f.databases.join('; ')}; elasticdump ${f.elasticdump}. Elasticsearch and the databases share the cores with es2sql.`,
    `Corpus: ${r.corpus.docs.toLocaleString('en')} documents${r.corpus.generated === r.corpus.docs ? '' : ` (${r.corpus.generated.toLocaleString('en')} generated; the generator repeats ${r.corpus.generated - r.corpus.docs} ids at this size, the first of each is kept)`}, seed ${r.corpus.seed}, index \`${r.corpus.index}\` (scripts/corpus generator, default dirty rate, 3 shards, force-merged). Whole benchmark: ${(r.totalSeconds / 60).toFixed(1)} min.`,
    `Load average (1 min): ${f.loadAtStart.toFixed(1)} at the start, mean ${r.load.mean.toFixed(1)}, max ${r.load.max.toFixed(1)}. Elasticsearch's JVM, the database and es2sql keep it near or above the core count by themselves; the CPU lines below show who used the cores. A high value at the start means earlier work was still running.`,
    '',
    ...mainTable(r),
    ...spreadLine(r),
    '',
    `Read bound: raw point-in-time reads in \`_shard_doc\` order, \`JSON.parse\` and discard; best of ${r.read.tried.map((t) => `${t.slices} slices × ${t.pageSize} (${perSecond(rate(t))})`).join(', ')}. es2sql's reader alone (exact-number parsing, documents built, partitions one after another; ${r.read.reader.slices} slices × ${r.read.reader.pageSize}): ${perSecond(rate(r.read.reader))}, ${pct(rate(r.read.reader) / rate(r.read))} of the bound.`,
    ...elasticsearchReadCost(r),
    r.peer ? `elasticdump (\`--type=data\`, to a file): ${r.peer.runs.map((p) => `\`${p.settings}\` ${perSecond(rate(p))}`).join(', ')}; es2sql's read bound is ${ratio(rate(r.read) / rate(r.peer.best))}× its best.` : 'elasticdump: not measured (`--skip-peer`).',
    ...rssLines(r),
    '',
    ...workerLines(r),
    ...autoMappingLines(r),
    ...r.dialects.flatMap((d) => [...detailLines(r, d), '']),
    END_MARK,
  ];
  return lines.join('\n');
}

/** The file with one generated part replaced (or added after the title when it is not there yet). */
export function mergeBenchmarks(existing: string | undefined, generated: string, marks: readonly [string, string] = [BEGIN_MARK, END_MARK]): string {
  const [begin, end] = marks;
  if (existing === undefined) return `# Benchmarks\n\n${generated}\n`;
  if (!existing.includes(begin) || !existing.includes(end)) {
    const title = existing.startsWith('# ') ? existing.indexOf('\n') + 1 : 0;
    return `${existing.slice(0, title)}\n${generated}\n${existing.slice(title)}`;
  }
  const before = existing.slice(0, existing.indexOf(begin));
  const after = existing.slice(existing.indexOf(end) + end.length);
  return `${before}${generated}${after}`;
}
