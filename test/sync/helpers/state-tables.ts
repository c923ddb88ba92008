import { openDatabase } from '../../../schema/connect.ts';
import { parseDatabaseUrl } from '../../../schema/database-url.ts';

/**
 * The document map of a pipeline (all pipelines when undefined) as `partition/docId → status` (with `withTimes`, status, version
 * and synced_at; with `bySqlId`, keyed by SQL id), read straight from `es2sql_documents`.
 */
export async function documentMap(stateUrl: string, pipelineId: string | undefined, withTimes = false, bySqlId = false): Promise<Map<string, string>> {
  const db = openDatabase(parseDatabaseUrl(stateUrl), { poolSize: 1 });
  try {
    let query = db.selectFrom('es2sql_documents').selectAll();
    if (pipelineId !== undefined) query = query.where('pipeline_id', '=', pipelineId);
    const rows = await query.orderBy('source_partition').orderBy('doc_id').execute();
    return new Map(rows.map((r) => [`${String(r.source_partition)}/${String(bySqlId ? r.sql_id : r.doc_id)}`, withTimes ? `${String(r.status)} v${String(r.version)} ${String(r.synced_at)}` : String(r.status)]));
  } finally {
    await db.destroy();
  }
}

/** Rows of a state table (`es2sql_locks`, `es2sql_cutovers`, `es2sql_sweep`…) for a pipeline. */
export async function stateRows(stateUrl: string, table: string, pipelineId?: string): Promise<Record<string, unknown>[]> {
  const db = openDatabase(parseDatabaseUrl(stateUrl), { poolSize: 1 });
  try {
    let query = db.selectFrom(table).selectAll();
    if (pipelineId !== undefined) query = query.where('pipeline_id', '=', pipelineId);
    return await query.execute();
  } finally {
    await db.destroy();
  }
}
