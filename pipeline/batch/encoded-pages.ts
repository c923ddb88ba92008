import type { DocumentSource, SourceCursor, SourcePartition } from '../source/document-source.ts';
import { prefetchOne } from '../source/prefetch.ts';
import type { BatchEncoding } from './encode-batch.ts';
import type { EncodedBatch } from './encoded-batch.ts';
import { encodeResolvedBatch } from './encode-resolved-batch.ts';
import type { CopiesResolver } from './run-copies.ts';

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
 * The pages of one slice, each encoded as soon as it arrives ({@link encodeResolvedBatch}: with
 * `copies`, the duplicate rule against copies committed earlier in the run too), with one page
 * read and encoded ahead while the consumer commits the current one: at most two pages of a slice
 * are in memory (the one committing, the one read ahead), and a crash makes the rerun read at most
 * those two again.
 */
export function encodedPages(source: DocumentSource, read: SliceRead, encoding: BatchEncoding, copies?: CopiesResolver): AsyncGenerator<EncodedPage> {
  return prefetchOne(async function* (signal: AbortSignal) {
    for await (const page of source.read(read.partition, read.slice, read.slices, read.cursor, { pageSize: read.pageSize, signal, prefetch: false })) {
      const encoded: EncodedPage = { batch: await encodeResolvedBatch(page.documents, encoding, copies), cursor: page.cursor };
      // The page read ahead waits here for the current commit: only its encoded batch may stay
      // alive (the suspended frames keep `page`; see SourcePage), so its documents die young.
      page.documents = [];
      yield encoded;
    }
  }, read.signal);
}
