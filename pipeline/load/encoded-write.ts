import type { SqlValue } from '../../transforms/transform-result.ts';

/** One statement with its bound values, ready for the driver (values already converted). */
export interface EncodedStatement {
  sql: string;
  parameters: SqlValue[];
}

/**
 * A table write already in the dialect's wire form, built away from the database connection (in a
 * worker thread, or before the transaction opens) so committing it is only I/O:
 * - `copy`: PostgreSQL COPY text (tab-separated, `\N` for NULL), moved into the table by an
 *   `INSERT … SELECT … ON CONFLICT` from a stage table;
 * - `statements`: multi-row upserts (MySQL with the values in the text, SQLite with them bound).
 * Plain data: it crosses a worker boundary by structured clone.
 */
export type EncodedWrite =
  | {
      kind: 'copy';
      table: string;
      columns: string[];
      primaryKey: string[];
      mode: 'upsert' | 'insert-if-absent';
      rows: number;
      text: Uint8Array;
    }
  | {
      kind: 'statements';
      table: string;
      rows: number;
      statements: EncodedStatement[];
    };
