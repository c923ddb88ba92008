import { bulkLoad, esServerVersion, generateCorpus, prepareIndices, restoreRefreshInterval, type CorpusDocument } from '../../fixtures/corpus/index.ts';
import { esCall } from '../../fixtures/corpus/es-http.ts';

/** The benchmark corpus in Elasticsearch. */
export interface BenchCorpus {
  url: string;
  index: string;
  /** Documents in the index (the generator's count minus repeated ids, see uniqueIds). */
  docs: number;
  /** Documents asked of the generator. */
  generated: number;
  seed: number;
  /** Seconds spent generating and loading it now (0 when an earlier run's index was reused). */
  loadSeconds: number;
  esVersion: string;
}

const MARKER = 'es2sql_bench';

export function corpusIndexName(docs: number, seed: number): string {
  return `es2sql-bench-${docs}-s${seed}`;
}

async function loadedCount(url: string, index: string, docs: number, seed: number): Promise<number | undefined> {
  const mapping = await esCall(url, 'GET', `/${index}/_mapping`, undefined, (s) => s === 200 || s === 404);
  if (mapping.status === 404) return undefined;
  const meta = mapping.body?.[index]?.mappings?._meta?.[MARKER];
  if (meta?.docs !== docs || meta?.seed !== seed) return undefined;
  const expected = (meta.count ?? meta.docs) as number;
  const count = await esCall(url, 'GET', `/${index}/_count`);
  return count.body?.count === expected ? expected : undefined;
}

/**
 * The generator's documents without repeated ids. At a million documents it gives a few dozen
 * jobs and backups the same id (its 128-bit ids come from one 32-bit hash state), which the bulk
 * loader's `create` rightly refuses; the benchmark keeps the first and says how many it dropped.
 */
function* uniqueIds(docs: Iterable<CorpusDocument>): Generator<CorpusDocument> {
  const seen = new Set<string>();
  for (const doc of docs) {
    if (seen.has(doc.id)) continue;
    seen.add(doc.id);
    yield doc;
  }
}

/**
 * The seeded corpus (scripts/corpus's generator, default dirty rate, typeless layout) in an index
 * named after its size and seed. An index a finished earlier load marked as complete is reused;
 * anything else under that name is replaced. Segments are merged after a load so that every
 * measurement reads the same, settled index instead of one ES is still merging in the background.
 */
export async function ensureBenchCorpus(url: string, docs: number, seed: number, log: (line: string) => void): Promise<BenchCorpus> {
  const index = corpusIndexName(docs, seed);
  const version = await esServerVersion(url);
  const existing = await loadedCount(url, index, docs, seed);
  if (existing !== undefined) return { url, index, docs: existing, generated: docs, seed, loadSeconds: 0, esVersion: version.number };
  log(`loading ${docs} corpus documents (seed ${seed}) into ${index} …`);
  const started = performance.now();
  const names = await prepareIndices({ url, index, layout: 'typeless', major: version.major }, true);
  const stats = await bulkLoad(uniqueIds(generateCorpus({ docs, seed, index, layout: 'typeless', allowVersionInSource: false })), { url, major: version.major });
  await restoreRefreshInterval(url, names, version.major);
  await forceMerge(url, index);
  await esCall(url, 'PUT', `/${index}/_mapping`, { _meta: { [MARKER]: { docs, seed, count: stats.docs } } });
  if (stats.docs !== docs) log(`the generator repeated ${docs - stats.docs} ids: the index holds ${stats.docs} documents`);
  return { url, index, docs: stats.docs, generated: docs, seed, loadSeconds: (performance.now() - started) / 1000, esVersion: version.number };
}

async function forceMerge(url: string, index: string): Promise<void> {
  // Runs as a task: a merge of a 1M-document index outlasts fetch's header timeout.
  const started = await esCall(url, 'POST', `/${index}/_forcemerge?max_num_segments=1&wait_for_completion=false`);
  const task = started.body?.task as string | undefined;
  while (task !== undefined) {
    const status = await esCall(url, 'GET', `/_tasks/${encodeURIComponent(task)}`, undefined, (s) => s === 200 || s === 404);
    if (status.status === 404 || status.body?.completed) return;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** Deletes a corpus index (after the 1M RSS run, to give the disk back). */
export async function dropBenchCorpus(url: string, index: string): Promise<void> {
  await esCall(url, 'DELETE', `/${index}`, undefined, (s) => s < 300 || s === 404);
}
