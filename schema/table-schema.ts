import type { Dialect } from './dialect.ts';

/** Column types in freezer-api's schemas, named after SQLAlchemy's generic types. */
export type ColumnType = 'varchar' | 'text' | 'integer' | 'boolean' | 'datetime' | 'timestamp' | 'blob';

/** One column as the target database really has it (introspected) or as a layout declares it. */
export interface ColumnSchema {
  name: string;
  type: ColumnType;
  /** Character length for `varchar`; byte capacity for `text` on MySQL (65 535); else undefined. */
  length?: number;
  nullable: boolean;
  /** The column has a database-side DEFAULT (only `clients.is_central` and `backups.status` in B). */
  hasDefault: boolean;
  /** MySQL character set of the column (`utf8mb3`, `utf8mb4`, …); undefined elsewhere. */
  charset?: string;
}

export interface TableSchema {
  name: string;
  /** Columns in table order. */
  columns: ColumnSchema[];
  primaryKey: string[];
}

/** Which freezer-api schema a database holds. */
export type LayoutName = 'A' | 'B';

/**
 * The schema es2sql writes into: the layout, its revision, and the tables exactly as found (widths
 * of a legacy-origin layout B stay those of layout A, see the data contract §2.4).
 */
export interface TargetSchema {
  dialect: Dialect;
  layout: LayoutName;
  /** `3` for layout A (sqlalchemy-migrate version), an alembic revision for layout B. */
  revision: string;
  tables: Record<string, TableSchema>;
}

export function column(schema: TargetSchema, table: string, name: string): ColumnSchema | undefined {
  return schema.tables[table]?.columns.find((c) => c.name === name);
}
