import type { DocumentSource } from '../../pipeline/source/document-source.ts';
import { openSource } from '../../pipeline/source/open-source.ts';

/** Options of one read of the whole index. */
export interface ReadSettings {
  url: string;
  index: string;
  slices: number;
  pageSize: number;
}

/** Documents read and the wall time it took. */
export interface Timed {
  docs: number;
  seconds: number;
}

async function post(url: string, body: unknown): Promise<any> {
  const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!answer.ok) throw new Error(`POST ${url} → ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
  return answer.json();
}

/** Named `exists` clauses, one per field the partitioning recognises a document by: each hit's `matched_queries` names those it has. */
export type NamedClauses = readonly string[];

/** Documents a slice read, and those that matched none of the named clauses. */
interface SliceCount {
  docs: number;
  unmatched: number;
}

async function rawSlice(settings: ReadSettings, slice: number, named?: NamedClauses): Promise<SliceCount> {
  const base = settings.url.replace(/\/$/, '');
  const pit = (await post(`${base}/${encodeURIComponent(settings.index)}/_pit?keep_alive=5m`, undefined)).id as string;
  let docs = 0;
  let unmatched = 0;
  let after: unknown;
  try {
    for (;;) {
      const body: Record<string, unknown> = { size: settings.pageSize, pit: { id: pit, keep_alive: '5m' }, sort: [{ _shard_doc: 'asc' }], track_total_hits: false, version: true };
      if (named !== undefined) body.query = { bool: { must: [{ match_all: {} }], should: named.map((field) => ({ exists: { field, _name: field } })) } };
      if (after !== undefined) body.search_after = after;
      if (settings.slices > 1) body.slice = { id: slice, max: settings.slices };
      const hits = (await post(`${base}/_search`, body)).hits.hits as { sort: unknown; matched_queries?: unknown }[];
      docs += hits.length;
      if (named !== undefined) for (const hit of hits) if (!Array.isArray(hit.matched_queries) || hit.matched_queries.length === 0) unmatched++;
      if (hits.length < settings.pageSize) return { docs, unmatched };
      after = hits[hits.length - 1]!.sort;
    }
  } finally {
    await fetch(`${base}/_pit`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: pit }) });
  }
}

/**
 * The read bound: the whole index read slice-parallel the cheapest way Elasticsearch 8 serves it
 * (point in time, `_shard_doc` order, `search_after`), each answer parsed with `JSON.parse` and
 * thrown away. No exact-number parsing, no documents built, no transform, no database.
 */
export async function measureRawRead(settings: ReadSettings): Promise<Timed> {
  const started = performance.now();
  const counts = await Promise.all(Array.from({ length: settings.slices }, (_, slice) => rawSlice(settings, slice)));
  return { docs: counts.reduce((a, b) => a + b.docs, 0), seconds: (performance.now() - started) / 1000 };
}

/**
 * The read bound's read with the partitions' recognising fields as named `exists` clauses beside
 * `match_all` (they select nothing): Elasticsearch reports which ones each hit matches, which
 * places every document in its partition exactly as the partition queries of a typeless index do,
 * in one read instead of one query per partition. What a migrate reading that way would cost
 * Elasticsearch (BENCHMARKS.md, session of 2026-12-07 night). es2sql does not read that way: built
 * and measured (late-night session), it cost es2sql and the database more CPU than it saved
 * Elasticsearch.
 */
export async function measureClassifiedRead(settings: ReadSettings, named: NamedClauses): Promise<Timed & { unclassified: number }> {
  const started = performance.now();
  const counts = await Promise.all(Array.from({ length: settings.slices }, (_, slice) => rawSlice(settings, slice, named)));
  return { docs: counts.reduce((a, b) => a + b.docs, 0), unclassified: counts.reduce((a, b) => a + b.unmatched, 0), seconds: (performance.now() - started) / 1000 };
}

/** Reads every partition of `source`, slices in parallel, and discards the documents: their count. */
export async function readAndDiscard(source: DocumentSource, slices: number, pageSize: number): Promise<number> {
  let docs = 0;
  const partitions = (await source.describe()).partitions;
  // As migrate reads: every partition counted first (which sizes its first request), all reads held together.
  for (const partition of partitions) await source.count(partition);
  const hold = source.holdReadContexts?.();
  try {
    for (const partition of partitions) {
      const count = await source.sliceCount(partition, slices);
      await Promise.all(
        Array.from({ length: count }, async (_, slice) => {
          for await (const page of source.read(partition, slice, count, null, { pageSize })) docs += page.documents.length;
        }),
      );
    }
  } finally {
    await hold?.release();
  }
  return docs;
}

/**
 * es2sql's own reader (the DocumentSource migrate uses: partitions one after another, exact JSON
 * parsing, SourceDocuments) reading everything and discarding it: the share of the gap to the
 * read bound that lies in the reader.
 */
export async function measureReaderRead(settings: ReadSettings): Promise<Timed> {
  const source = await openSource({ url: settings.url, index: settings.index });
  try {
    const started = performance.now();
    const docs = await readAndDiscard(source, settings.slices, settings.pageSize);
    return { docs, seconds: (performance.now() - started) / 1000 };
  } finally {
    await source.close();
  }
}

if (import.meta.main) {
  const [url, index, slices, pageSize, which] = process.argv.slice(2);
  const settings = { url: url!, index: index!, slices: Number(slices ?? 4), pageSize: Number(pageSize ?? 2000) };
  const result = which === 'reader' ? await measureReaderRead(settings) : await measureRawRead(settings);
  console.log(`${which ?? 'raw'}: ${result.docs} docs in ${result.seconds.toFixed(2)} s = ${Math.round(result.docs / result.seconds)} docs/s`);
}
