import { sql, type CompiledQuery } from 'kysely';
import type { AnyKysely } from '../../schema/connect.ts';
import type { SqlValue } from '../../transforms/transform-result.ts';
import type { TableWrite } from './load-adapter.ts';

function rowObjects(columns: string[], rows: SqlValue[][]): Record<string, SqlValue>[] {
  return rows.map((row) => {
    const record: Record<string, SqlValue> = {};
    for (let i = 0; i < columns.length; i++) record[columns[i]!] = row[i] ?? null;
    return record;
  });
}

/** Multi-row `INSERT … ON CONFLICT` (PostgreSQL's small writes) for rows already converted for the driver. */
export function compileOnConflictInsert(db: AnyKysely, write: TableWrite, rows: SqlValue[][]): CompiledQuery {
  const updatable = write.columns.filter((c) => !write.primaryKey.includes(c));
  return db
    .insertInto(write.table)
    .values(rowObjects(write.columns, rows))
    .onConflict((oc) => {
      const target = oc.columns(write.primaryKey);
      if (write.mode === 'insert-if-absent' || updatable.length === 0) return target.doNothing();
      return target.doUpdateSet(Object.fromEntries(updatable.map((c) => [c, sql.ref(`excluded.${c}`)])));
    })
    .compile();
}

export function compileDeleteWhereIn(
  db: AnyKysely,
  table: string,
  column: string,
  values: readonly SqlValue[],
  where: readonly { column: string; value: SqlValue }[] = [],
): CompiledQuery {
  let query = db.deleteFrom(table).where(column, 'in', values as SqlValue[]);
  for (const condition of where) query = query.where(condition.column, '=', condition.value);
  return query.compile();
}

/** Splits rows so one statement stays under the dialect's bind-parameter limit. */
export function chunkRows<T>(rows: T[], columnsPerRow: number, maxBindParameters: number): T[][] {
  const perChunk = Math.max(1, Math.floor(maxBindParameters / Math.max(1, columnsPerRow)));
  if (rows.length <= perChunk) return [rows];
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += perChunk) chunks.push(rows.slice(i, i + perChunk));
  return chunks;
}
