import type { SqlValue } from '../../transforms/transform-result.ts';
import type { EncodedStatement, EncodedWrite } from './encoded-write.ts';
import type { TableWrite } from './table-write.ts';
import type { RowEncoder } from './row-encoder.ts';

/** Converts a transform value into what the dialect's driver binds. */
export type ToDriver = (value: SqlValue) => SqlValue;

/**
 * Builds one statement for rows `first` … `end - 1` of a write, each value converted with
 * `toDriver` as it is written (no converted copy of the rows).
 */
export type StatementBuilder = (write: TableWrite, first: number, end: number, toDriver: ToDriver) => { sql: string; parameters: readonly unknown[] };

/**
 * Dialects that write through multi-row upserts: the rows split so one statement stays under
 * `maxValues` values, each range built by `build` (an empty write still gives one statement).
 */
export function statementRowEncoder(toDriver: ToDriver, maxValues: number, build: StatementBuilder): RowEncoder {
  return {
    encode(write: TableWrite): EncodedWrite {
      const perStatement = Math.max(1, Math.floor(maxValues / Math.max(1, write.columns.length)));
      const statements: EncodedStatement[] = [];
      let first = 0;
      do {
        const end = Math.min(write.rows.length, first + perStatement);
        const built = build(write, first, end, toDriver);
        statements.push({ sql: built.sql, parameters: built.parameters as SqlValue[] });
        first = end;
      } while (first < write.rows.length);
      return { kind: 'statements', table: write.table, rows: write.rows.length, statements };
    },
  };
}
