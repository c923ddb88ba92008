import { withDatabaseRetries } from '../batch/transient-database-error.ts';
import type { DocumentTransform } from '../mapping/mapping.ts';
import type { DocumentSource } from '../source/document-source.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { StateStore } from '../state/state-store.ts';
import { markStale } from './mark-stale.ts';
import { contentHash } from './content-hash.ts';
import { stageEntries } from './sweep-to-state.ts';

/**
 * For a partition whose documents' outcomes depend on each other (a mapping's
 * `sync.recheckPartitions`; Freezer's clients: which registration of one client is kept depends on
 * all of them, data contract §5.4, so a new, changed or deleted client document can turn an
 * unchanged one from rejected duplicate into the kept registration, or the other way round):
 * after any change in it, every document of the partition is transformed again with the run's
 * context and those whose outcome (loaded under which id, or rejected) differs from the document
 * map are marked stale and staged in this run's sweep (the sweep staged only what had changed by
 * then): the diff then lists them as changed, and they are rewritten like any change. Returns the
 * documents marked.
 */
export async function recheckPartition(input: {
  source: DocumentSource;
  store: StateStore;
  pipelineId: string;
  /** The run's sweep, and whether its entries carry content hashes (file sources). */
  sweepId: string;
  hashed: boolean;
  partition: string;
  transform: DocumentTransform;
  pageSize: number;
  signal?: AbortSignal;
}): Promise<number> {
  const { source, store, pipelineId, partition } = input;
  if (!(await source.describe()).partitions.includes(partition)) return 0;
  let marked = 0;
  for await (const page of source.read(partition, 0, 1, null, { pageSize: input.pageSize, signal: input.signal })) {
    const ids = page.documents.map((d) => d.id);
    const rows = await store.db
      .selectFrom('es2sql_documents')
      .select(['doc_id', 'status', 'sql_id'])
      .where('pipeline_id', '=', pipelineId)
      .where('source_partition', '=', partition)
      .where('doc_id', 'in', ids)
      .execute();
    const known = new Map(rows.map((r) => [String(r.doc_id), { status: String(r.status), sqlId: r.sql_id === null ? null : String(r.sql_id) }]));
    const stale = new Map<string, SourceDocument>();
    for (const doc of page.documents) {
      const record = known.get(doc.id);
      if (record === undefined || record.status === 'deleted') continue;
      const outcome = input.transform(doc);
      const same = outcome.kind === 'accepted' ? record.status === 'loaded' && record.sqlId === outcome.sqlId : record.status === 'rejected';
      // A dump can repeat an id: the last copy read is the one staged, as in the sweep.
      if (!same) stale.set(doc.id, doc);
    }
    if (stale.size === 0) continue;
    const staleIds = [...stale.keys()];
    await withDatabaseRetries(() => store.adapter.transaction((tx) => markStale(tx, store, pipelineId, partition, staleIds)));
    const entries = [...stale.values()].map((doc) => ({ id: doc.id, version: doc.version, hash: input.hashed && doc.version === null ? contentHash(doc) : null }));
    await stageEntries({ store, pipelineId, sweepId: input.sweepId }, partition, entries);
    marked += stale.size;
  }
  return marked;
}
