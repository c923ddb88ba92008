import type { SqlValue } from '../../transforms/transform-result.ts';

/** Rows for one table, all with the same columns, to write in one go. */
export interface TableWrite {
  table: string;
  columns: string[];
  rows: SqlValue[][];
  primaryKey: string[];
  /** `upsert` replaces rows with the same key; `insert-if-absent` keeps existing rows. */
  mode: 'upsert' | 'insert-if-absent';
}
