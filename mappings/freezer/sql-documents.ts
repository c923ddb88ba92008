import type { AnyKysely } from '../../schema/connect.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import type { Entity } from '../../core/entity.ts';
import { documentFromRows, isVisibleRow, type ApiDocument, type SqlRow } from '../../transforms/readback/index.ts';
import { targetCapabilities } from '../../transforms/target-capabilities.ts';

const CHUNK = 500;

async function rowsWhereIn(db: AnyKysely, table: string, column: string, values: readonly string[]): Promise<SqlRow[]> {
  const rows: SqlRow[] = [];
  for (let start = 0; start < values.length; start += CHUNK) {
    rows.push(...((await db.selectFrom(table).selectAll().where(column, 'in', values.slice(start, start + CHUNK)).execute()) as SqlRow[]));
  }
  return rows;
}

/** One entity row read back as freezer-api would return it, or marked invisible (`deleted` not false). */
export interface SqlDocument {
  sqlId: string;
  visible: boolean;
  document: ApiDocument;
}

/**
 * Builds the API documents of a set of entity rows, fetching what the read-back needs besides the
 * row: for layout-B jobs their `job_actions` links and the linked actions (and HEAD's
 * `user_credentials`). All reads go through `db` (the caller's read-only snapshot).
 */
export async function sqlDocuments(db: AnyKysely, schema: TargetSchema, entity: Entity, rows: readonly SqlRow[]): Promise<SqlDocument[]> {
  const capabilities = targetCapabilities(schema);
  const linksByJob = new Map<string, SqlRow[]>();
  const actions = new Map<string, SqlRow>();
  const credentials = new Map<string, SqlRow>();
  if (entity === 'jobs' && rows.length > 0) {
    const ids = rows.map((row) => String(row.id));
    if (capabilities.jobActionsTable) {
      const links = await rowsWhereIn(db, 'job_actions', 'job_id', ids);
      for (const link of links) {
        const job = String(link.job_id);
        let list = linksByJob.get(job);
        if (list === undefined) linksByJob.set(job, (list = []));
        list.push(link);
      }
      const actionIds = [...new Set(links.filter(isVisibleRow).map((link) => String(link.action_id)))];
      for (const action of await rowsWhereIn(db, 'actions', 'id', actionIds)) actions.set(String(action.id), action);
    }
    if (capabilities.userCredentialsTable) {
      for (const row of await rowsWhereIn(db, 'user_credentials', 'job_id', ids)) if (isVisibleRow(row)) credentials.set(String(row.job_id), row);
    }
  }
  return rows.map((row) => {
    const id = String(row.id);
    const related = entity === 'jobs' ? { links: linksByJob.get(id) ?? [], actions, ...(credentials.has(id) ? { credentials: credentials.get(id)! } : {}) } : {};
    return { sqlId: id, visible: isVisibleRow(row), document: documentFromRows(entity, row, schema, related) };
  });
}

/** Entity rows by primary key (ids not found are absent). */
export async function sqlDocumentsById(db: AnyKysely, schema: TargetSchema, entity: Entity, ids: readonly string[]): Promise<Map<string, SqlDocument>> {
  const rows = schema.tables[entity] === undefined ? [] : await rowsWhereIn(db, entity, 'id', ids);
  return new Map((await sqlDocuments(db, schema, entity, rows)).map((d) => [d.sqlId, d]));
}

/**
 * Every row of an entity table in primary-key order, a page at a time (keyset pagination, so the
 * cost per page stays flat), as API documents.
 */
export async function* scanSqlDocuments(db: AnyKysely, schema: TargetSchema, entity: Entity, pageSize: number, signal?: AbortSignal): AsyncGenerator<SqlDocument[]> {
  if (schema.tables[entity] === undefined) return;
  let last: string | null = null;
  for (;;) {
    signal?.throwIfAborted();
    let query = db.selectFrom(entity).selectAll().orderBy('id').limit(pageSize);
    if (last !== null) query = query.where('id', '>', last);
    const rows = (await query.execute()) as SqlRow[];
    if (rows.length === 0) return;
    last = String(rows[rows.length - 1]!.id);
    yield await sqlDocuments(db, schema, entity, rows);
    if (rows.length < pageSize) return;
  }
}
