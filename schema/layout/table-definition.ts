import type { ColumnSchema, ColumnType, TableSchema } from '../table-schema.ts';

/**
 * A table as a freezer-api migration declares it: a {@link TableSchema} plus the creation options
 * that only matter for DDL. Layout data is written with the builders below so it reads like the
 * contract's column tables.
 */
export interface TableDefinition extends TableSchema {
  /** MySQL `DEFAULT CHARSET` clause as freezer-api writes it (`utf8` for layout A); absent = database default. */
  mysqlCharset?: string;
  /** Name of the primary-key constraint where a dialect keeps one; default `<table>_pkey` (PostgreSQL's own choice). */
  primaryKeyName?: string;
}

interface ColumnOptions {
  notNull?: boolean;
  default?: string | number | boolean;
}

function col(name: string, type: ColumnType, options: ColumnOptions = {}, length?: number): ColumnSchema {
  const column: ColumnSchema = { name, type, nullable: !options.notNull, hasDefault: options.default !== undefined };
  if (length !== undefined) column.length = length;
  if (options.default !== undefined) column.defaultValue = options.default;
  return column;
}

export const NOT_NULL: ColumnOptions = { notNull: true };

export const varchar = (name: string, length: number, options?: ColumnOptions) => col(name, 'varchar', options, length);
export const text = (name: string, options?: ColumnOptions) => col(name, 'text', options);
export const integer = (name: string, options?: ColumnOptions) => col(name, 'integer', options);
export const boolean = (name: string, options?: ColumnOptions) => col(name, 'boolean', options);
export const datetime = (name: string) => col(name, 'datetime');
export const timestamp = (name: string) => col(name, 'timestamp');
export const blob = (name: string) => col(name, 'blob');

/** `created_at, updated_at, deleted_at, deleted`: the order sqlalchemy-migrate's tables start with. */
export const LEADING_BOOKKEEPING_COLUMNS = (): ColumnSchema[] => [
  datetime('created_at'),
  datetime('updated_at'),
  datetime('deleted_at'),
  boolean('deleted'),
];

/** `deleted_at, deleted, created_at, updated_at`: the order alembic's tables end with. */
export const TRAILING_BOOKKEEPING_COLUMNS = (): ColumnSchema[] => [
  datetime('deleted_at'),
  boolean('deleted'),
  datetime('created_at'),
  datetime('updated_at'),
];

export function table(name: string, columns: ColumnSchema[], extra: Partial<Omit<TableDefinition, 'name' | 'columns'>> = {}): TableDefinition {
  return { name, columns, primaryKey: ['id'], ...extra };
}
