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

/** How {@link statementRowEncoder} cuts a write's rows into statements. */
export interface StatementSplit {
  /** Values one statement may bind at most. */
  maxValues: number;
  /**
   * Rows after the full statements go in statements of 2^k rows, largest first (917 rows: 512,
   * 256, 128, 16, 4, 1), so that statement texts repeat from batch to batch: a driver that
   * prepares each distinct text (SQLite's) then reuses its statements instead of preparing a new
   * one for every batch whose row count differs.
   */
  powerOfTwoTail: boolean;
}

/**
 * Dialects that write through multi-row upserts: the rows split so one statement stays under
 * `split.maxValues` values, each range built by `build` (an empty write still gives one statement).
 * Rows keep their order across the statements, so the split never changes what is written.
 */
export function statementRowEncoder(toDriver: ToDriver, split: StatementSplit, build: StatementBuilder): RowEncoder {
  return {
    encode(write: TableWrite): EncodedWrite {
      const perStatement = Math.max(1, Math.floor(split.maxValues / Math.max(1, write.columns.length)));
      const statements: EncodedStatement[] = [];
      let first = 0;
      do {
        const left = write.rows.length - first;
        const count = split.powerOfTwoTail && left > 0 && left < perStatement ? 2 ** Math.floor(Math.log2(left)) : Math.min(left, perStatement);
        const end = first + count;
        const built = build(write, first, end, toDriver);
        statements.push({ sql: built.sql, parameters: built.parameters as SqlValue[] });
        first = end;
      } while (first < write.rows.length);
      return { kind: 'statements', table: write.table, rows: write.rows.length, statements };
    },
  };
}
