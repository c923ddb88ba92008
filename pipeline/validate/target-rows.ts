import type { ReadOnlyDatabase } from './read-only-database.ts';

/** Reads rows of an existing target by key, for references the source itself does not satisfy. */
export type TargetRows = (table: string, column: string, values: readonly string[], columns: readonly string[]) => Promise<Record<string, unknown>[]>;

const CHUNK = 500;

/** {@link TargetRows} over a read-only database (chunked `WHERE column IN (…)`). */
export function targetRows(database: ReadOnlyDatabase): TargetRows {
  return async (table, column, values, columns) => {
    const rows: Record<string, unknown>[] = [];
    for (let start = 0; start < values.length; start += CHUNK) {
      const chunk = values.slice(start, start + CHUNK);
      rows.push(...(await database.read((db) => db.selectFrom(table).select([...new Set([column, ...columns])]).where(column, 'in', chunk).execute())));
    }
    return rows;
  };
}
