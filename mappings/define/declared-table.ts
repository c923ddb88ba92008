import type { JsonValue } from '../../core/json-value.ts';
import type { ColumnKind } from '../auto/mapping-plan.ts';

/** Column types a declared mapping can use; each has one SQL type per dialect (README type table). */
export type DeclaredType = 'text' | 'varchar' | 'integer' | 'bigint' | 'decimal' | 'double' | 'boolean' | 'timestamp' | 'json' | 'blob';

/** One column of a declared table. */
export interface DeclaredColumn {
  type: DeclaredType;
  /** Characters, for `varchar` (required there). */
  length?: number;
  /** Digits after the point, for `decimal` (MySQL needs one; default 10). */
  scale?: number;
  /** `true` lets the column hold NULL; key columns never do. Default true. */
  nullable?: boolean;
}

/** One declared table: its columns and primary key. */
export interface DeclaredTable<Columns extends Record<string, DeclaredColumn> = Record<string, DeclaredColumn>> {
  columns: Columns;
  /** Primary key columns. */
  key: ReadonlyArray<keyof Columns & string>;
  /**
   * For a child table (all but the first): the column holding the document's `_id`. Its rows are
   * replaced as a set whenever the document is written again (and removed when it is deleted).
   */
  documentColumn?: keyof Columns & string;
}

/** The TypeScript value of a column type. */
export interface TypeOfDeclared {
  text: string;
  varchar: string;
  integer: number;
  /** Exact: bigint, or decimal text for values beyond 2^53. */
  bigint: number | bigint | string;
  /** Exact decimal text (`'12.50'`) or a number. */
  decimal: string | number;
  double: number;
  boolean: boolean;
  /** A Date or ISO-8601 text with a zone. */
  timestamp: Date | string;
  json: JsonValue;
  blob: Uint8Array;
}

/** A row of a declared table: every column typed from its declaration (nullable ones may be null). */
export type RowOf<Table extends DeclaredTable> = {
  [Name in keyof Table['columns']]: Table['columns'][Name] extends { nullable: false } ? TypeOfDeclared[Table['columns'][Name]['type']] : TypeOfDeclared[Table['columns'][Name]['type']] | null;
};

/** The column kind behind a declared type (one SQL type per dialect, shared with `--mapping auto`). */
export const KIND_OF_DECLARED: Readonly<Record<DeclaredType, ColumnKind>> = {
  text: 'string',
  varchar: 'string',
  integer: 'integer',
  bigint: 'long',
  decimal: 'decimal',
  double: 'double',
  boolean: 'boolean',
  timestamp: 'date',
  json: 'json',
  blob: 'binary',
};
