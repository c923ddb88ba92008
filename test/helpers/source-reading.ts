import type { ExecutionContext } from 'ava';
import type { DocumentSource, SourceCursor, SourcePartition } from '../../pipeline/source/document-source.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { SeededDocument } from './freezer-seed.ts';

/** Identity of a document across a read: index and id (ids are unique per index in the seeds). */
export function keyOf(document: { index: string; id: string }): string {
  return `${document.index}/${document.id}`;
}

/** Reads every slice of a partition in parallel, as the pipeline would; returns all documents. */
export async function readPartition(
  source: DocumentSource,
  partition: SourcePartition,
  requestedSlices: number,
  pageSize: number,
): Promise<{ documents: SourceDocument[]; slices: number; pages: number }> {
  const slices = await source.sliceCount(partition, requestedSlices);
  let pages = 0;
  const perSlice = await Promise.all(
    Array.from({ length: slices }, async (_, slice) => {
      const documents: SourceDocument[] = [];
      for await (const page of source.read(partition, slice, slices, null, { pageSize })) {
        pages++;
        documents.push(...page.documents);
      }
      return documents;
    }),
  );
  return { documents: perSlice.flat(), slices, pages };
}

/** Every partition of the source, read with `requestedSlices` each. */
export async function readEverything(source: DocumentSource, requestedSlices: number, pageSize: number): Promise<SourceDocument[]> {
  const { partitions } = await source.describe();
  const documents: SourceDocument[] = [];
  for (const partition of partitions) documents.push(...(await readPartition(source, partition, requestedSlices, pageSize)).documents);
  return documents;
}

/**
 * Asserts that `documents` are the seeded ones exactly once each (nothing lost, nothing doubled),
 * with metadata kept and `_source` equal to the text that was written, byte for byte once
 * serialised (big integers and `1.0` included).
 */
export function assertExactlyOnce(t: ExecutionContext, documents: SourceDocument[], expected: SeededDocument[]): void {
  const seen = new Map<string, number>();
  for (const document of documents) seen.set(keyOf(document), (seen.get(keyOf(document)) ?? 0) + 1);
  const doubled = [...seen].filter(([, times]) => times > 1).map(([key]) => key);
  const missing = expected.filter((document) => !seen.has(keyOf(document))).map(keyOf);
  const unexpected = [...seen.keys()].filter((key) => !expected.some((document) => keyOf(document) === key));
  t.deepEqual({ doubled: doubled.slice(0, 5), missing: missing.slice(0, 5), unexpected: unexpected.slice(0, 5) }, { doubled: [], missing: [], unexpected: [] });
  t.is(documents.length, expected.length);
  const byKey = new Map(expected.map((document) => [keyOf(document), document]));
  let mismatches = 0;
  for (const document of documents) {
    const want = byKey.get(keyOf(document));
    if (want === undefined) continue;
    const same = document.type === want.type && document.version === 1 && JSON.stringify(document.source) === want.sourceText;
    if (!same && mismatches++ < 3) t.fail(`document ${keyOf(document)} differs: ${JSON.stringify({ type: document.type, version: document.version, source: document.source })} vs ${want.sourceText}`);
  }
  t.is(mismatches, 0);
}

/** Reads one slice until `pages` pages were taken, then stops; returns them and the last cursor. */
export async function readSomePages(
  source: DocumentSource,
  partition: SourcePartition,
  slice: number,
  slices: number,
  pages: number,
  pageSize: number,
): Promise<{ documents: SourceDocument[]; cursor: SourceCursor | null }> {
  const documents: SourceDocument[] = [];
  let cursor: SourceCursor | null = null;
  let taken = 0;
  for await (const page of source.read(partition, slice, slices, null, { pageSize })) {
    documents.push(...page.documents);
    cursor = page.cursor;
    if (++taken >= pages) break;
  }
  return { documents, cursor };
}

/** The rest of a slice after a cursor (a JSON round trip first, as the checkpoint table does). */
export async function readRest(
  source: DocumentSource,
  partition: SourcePartition,
  slice: number,
  slices: number,
  cursor: SourceCursor | null,
  pageSize: number,
): Promise<SourceDocument[]> {
  const stored = cursor === null ? null : (JSON.parse(JSON.stringify(cursor)) as SourceCursor);
  const documents: SourceDocument[] = [];
  for await (const page of source.read(partition, slice, slices, stored, { pageSize })) documents.push(...page.documents);
  return documents;
}
