import type { DocumentSource, SourceCursor, SourcePartition } from '../source/document-source.ts';
import { prefetchOne } from '../source/prefetch.ts';
import { encodeBatch, type BatchEncoding } from './encode-batch.ts';
import type { EncodedBatch } from './encoded-batch.ts';

/** One page of a slice, encoded, and the cursor to resume right after it. */
export interface EncodedPage {
  batch: EncodedBatch;
  cursor: SourceCursor;
}

/** Which slice to read and from where. */
export interface SliceRead {
  partition: SourcePartition;
  slice: number;
  slices: number;
  /** Resume after this cursor (null: the start of the slice). */
  cursor: SourceCursor | null;
  pageSize: number;
  signal?: AbortSignal | undefined;
}

/**
 * The pages of one slice, each encoded as soon as it arrives ({@link encodeBatch}), with one page
 * read and encoded ahead while the consumer commits the current one: at most two pages of a slice
 * are in memory (the one committing, the one read ahead), and a crash makes the rerun read at most
 * those two again.
 */
export function encodedPages(source: DocumentSource, read: SliceRead, encoding: BatchEncoding): AsyncGenerator<EncodedPage> {
  return prefetchOne(async function* (signal: AbortSignal) {
    for await (const page of source.read(read.partition, read.slice, read.slices, read.cursor, { pageSize: read.pageSize, signal, prefetch: false })) {
      yield { batch: encodeBatch(page.documents, encoding).batch, cursor: page.cursor };
    }
  }, read.signal);
}
