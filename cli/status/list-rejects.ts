import type { AnyKysely } from '../../schema/connect.ts';

/** One rejected document as `status --rejects` lists it (the stored document itself stays in the table). */
export interface RejectListing {
  entity: string;
  docId: string;
  reason: string;
  field: string | null;
  detail: string;
  runId: string;
  recordedAt: string;
}

/** The rejects in the state database (optionally of one entity), by entity and id, at most `limit`, and how many there are. */
export async function listRejects(db: AnyKysely, entity: string | undefined, limit: number): Promise<{ total: number; rejects: RejectListing[] }> {
  let count = db.selectFrom('es2sql_rejects').select((eb) => eb.fn.countAll().as('n'));
  let query = db.selectFrom('es2sql_rejects').select(['source_partition', 'doc_id', 'reason', 'field', 'detail', 'run_id', 'recorded_at']);
  if (entity !== undefined) {
    count = count.where('source_partition', '=', entity);
    query = query.where('source_partition', '=', entity);
  }
  const total = Number((await count.executeTakeFirst())?.n ?? 0);
  const rows = await query.orderBy('source_partition').orderBy('doc_id').limit(limit).execute();
  return {
    total,
    rejects: rows.map((row) => ({
      entity: String(row.source_partition),
      docId: String(row.doc_id),
      reason: String(row.reason),
      field: row.field === null ? null : String(row.field),
      detail: String(row.detail ?? ''),
      runId: String(row.run_id),
      recordedAt: String(row.recorded_at),
    })),
  };
}
