import type { DocumentSource } from './document-source.ts';
import { NdjsonFileSource } from './ndjson-file-source.ts';
import type { SourcePartitioning } from '../../core/source-partitioning.ts';
import { DEFAULT_PARTITIONING } from './source-partition.ts';
import { isFileSourceSpec, type SourceSpec } from './source-spec.ts';

/**
 * Opens a source: `{ url, … }` for an Elasticsearch cluster (version detected from `GET /`,
 * partitions discovered from `index`), `{ file }` for an elasticdump NDJSON file. Fails with a
 * SourceError whose message is one line saying what is wrong and what to do. `partitioning` (the
 * mapping's) says which partitions the documents fall into; without it, Freezer's. `shared` is what
 * another copy of the source gave (DocumentSource.shareState), for a worker thread.
 */
export async function openSource(spec: SourceSpec, partitioning: SourcePartitioning = DEFAULT_PARTITIONING, shared?: unknown): Promise<DocumentSource> {
  if (isFileSourceSpec(spec)) return NdjsonFileSource.open(spec.file, partitioning, shared);
  // Loaded on demand: the Elasticsearch client takes half a second of CPU to load, which a run
  // from a file (and each of its worker threads) need not pay.
  const { ElasticsearchSource } = await import('./elasticsearch-source.ts');
  return ElasticsearchSource.open(spec, partitioning);
}
