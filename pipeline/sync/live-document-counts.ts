import type { StateStore } from '../state/state-store.ts';
import { withDatabaseRetries } from '../batch/transient-database-error.ts';

/** Live documents (status other than `deleted`) per partition in the document map, gone partitions included. */
export async function liveDocumentCounts(store: StateStore, pipelineId: string): Promise<Map<string, number>> {
  const rows = await withDatabaseRetries(() =>
    store.db
      .selectFrom('es2sql_documents')
      .select((eb) => ['source_partition as partition', eb.fn.countAll().as('n')])
      .where('pipeline_id', '=', pipelineId)
      .where('status', '<>', 'deleted')
      .groupBy('source_partition')
      .execute(),
  );
  return new Map(rows.map((r) => [String(r.partition), Number(r.n)]));
}
