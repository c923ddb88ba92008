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
  /** MySQL collation of the column (`utf8mb3_general_ci`, …); undefined elsewhere or when unknown. */
  collation?: string;
  /**
   * The DEFAULT value when {@link hasDefault}: `false`/`true` for boolean columns, the text of a
   * string literal (`'available'` → `available`), a number for numeric columns.
   */
  defaultValue?: string | number | boolean;
}

/** A foreign key as the database enforces it. */
export interface ForeignKeySchema {
  /** Constraint name where the dialect keeps one (PostgreSQL, MySQL); undefined on SQLite. */
  name?: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}

/** A secondary index (primary keys and the indexes databases create for them are not listed). */
export interface IndexSchema {
  name: string;
  columns: string[];
  unique: boolean;
}

export interface TableSchema {
  name: string;
  /** Columns in table order. */
  columns: ColumnSchema[];
  primaryKey: string[];
  /** Foreign keys (only layout B's `job_actions` has any); undefined means none known. */
  foreignKeys?: ForeignKeySchema[];
  /** Secondary indexes; undefined means none known. */
  indexes?: IndexSchema[];
  /** MySQL table default character set (`utf8mb3` for layout A tables); undefined elsewhere. */
  charset?: string;
  /** MySQL table default collation; undefined elsewhere or when unknown. */
  collation?: string;
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
  /**
   * The layout the database was first created in: `A` for a layout-B database that still carries
   * sqlalchemy-migrate's `migrate_version` (upgraded from A; keeps A's widths, contract §2.4).
   * Undefined when unknown (e.g. a fresh schema description).
   */
  origin?: LayoutName;
}

export function column(schema: TargetSchema, table: string, name: string): ColumnSchema | undefined {
  return schema.tables[table]?.columns.find((c) => c.name === name);
}
