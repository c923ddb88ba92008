import type { SqlValue } from '../../transforms/transform-result.ts';
import type { EncodedWrite } from './encoded-write.ts';
import { chunkRows } from './kysely-statements.ts';
import type { TableWrite } from './table-write.ts';
import type { RowEncoder } from './row-encoder.ts';

/** Builds one statement for rows already converted for the driver. */
export type StatementBuilder = (write: TableWrite, rows: SqlValue[][]) => { sql: string; parameters: readonly unknown[] };

/**
 * Dialects that write through multi-row upserts: rows converted with `toDriver`, split so one
 * statement stays under `maxValues` values, each chunk built by `build`.
 */
export function statementRowEncoder(toDriver: (value: SqlValue) => SqlValue, maxValues: number, build: StatementBuilder): RowEncoder {
  return {
    encode(write: TableWrite): EncodedWrite {
      const rows = write.rows.map((row) => row.map(toDriver));
      const statements = chunkRows(rows, write.columns.length, maxValues).map((chunk) => {
        const built = build(write, chunk);
        return { sql: built.sql, parameters: built.parameters as SqlValue[] };
      });
      return { kind: 'statements', table: write.table, rows: write.rows.length, statements };
    },
  };
}
