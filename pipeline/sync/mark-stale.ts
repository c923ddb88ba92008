import type { LoadTransaction } from '../load/load-adapter.ts';
import type { StateStore } from '../state/state-store.ts';

const CHUNK = 1000;

/**
 * Marks documents for rewriting by the next sync whatever their `_version` (the version is cleared,
 * the content hash forgotten): set in the same transaction as a change that leaves their rows to be
 * rebuilt, so a crash before the rebuild cannot leave them stale for good.
 */
export async function markStale(tx: LoadTransaction, store: StateStore, pipelineId: string, partition: string, docIds: readonly string[]): Promise<void> {
  for (let i = 0; i < docIds.length; i += CHUNK) {
    const ids = docIds.slice(i, i + CHUNK);
    await tx.execute(store.db.updateTable('es2sql_documents').set({ version: null }).where('pipeline_id', '=', pipelineId).where('source_partition', '=', partition).where('doc_id', 'in', ids).compile());
    await tx.deleteWhereIn('es2sql_content_hashes', 'doc_id', ids, [
      { column: 'pipeline_id', value: pipelineId },
      { column: 'source_partition', value: partition },
    ]);
  }
}
