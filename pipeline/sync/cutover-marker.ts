import type { StateStore } from '../state/state-store.ts';

/** The row `cutover` leaves in `es2sql_cutovers`: from then on freezer-api writes to SQL. */
export interface CutoverMarker {
  pipelineId: string;
  runId: string;
  /** ISO-8601 UTC. */
  cutOverAt: string;
  /** JSON text: the verify summary and the final sync's figures. */
  report: string | null;
}

export async function readCutoverMarker(store: StateStore, pipelineId: string): Promise<CutoverMarker | undefined> {
  const row = await store.db.selectFrom('es2sql_cutovers').selectAll().where('pipeline_id', '=', pipelineId).executeTakeFirst();
  if (row === undefined) return undefined;
  return { pipelineId: String(row.pipeline_id), runId: String(row.run_id), cutOverAt: String(row.cut_over_at), report: row.report === null ? null : String(row.report) };
}

/** Records the cutover. Fails on a second marker for the same pipeline (primary key). */
export async function writeCutoverMarker(store: StateStore, marker: CutoverMarker): Promise<void> {
  await store.db
    .insertInto('es2sql_cutovers')
    .values({ pipeline_id: marker.pipelineId, run_id: marker.runId, cut_over_at: marker.cutOverAt, report: marker.report })
    .execute();
}
