import type { Dialect } from '../dialect.ts';
import type { ColumnSchema, TableSchema } from '../table-schema.ts';

/**
 * What the target database really contains, read from its system catalog: every base table's name,
 * and the full description of the tables es2sql cares about (freezer-api's and its bookkeeping).
 * Migrations decide whether they are applied by looking at this, never at a ledger.
 */
export interface Catalog {
  dialect: Dialect;
  /** Every base table in the database (or PostgreSQL's current schema), whoever owns it. */
  tableNames: string[];
  /** Described tables, by name: freezer-api's tables and bookkeeping tables that exist. */
  tables: Record<string, TableSchema>;
  /** MySQL: the database's default character set and collation (what new tables get). */
  databaseCharset?: string;
  databaseCollation?: string;
}

export function catalogColumn(catalog: Catalog, table: string, name: string): ColumnSchema | undefined {
  return catalog.tables[table]?.columns.find((c) => c.name === name);
}

export function hasTable(catalog: Catalog, table: string): boolean {
  return catalog.tables[table] !== undefined || catalog.tableNames.includes(table);
}

/** A deep copy, so folding changes over a catalog never touches the original. */
export function cloneCatalog(catalog: Catalog): Catalog {
  return structuredClone(catalog);
}

export function emptyCatalog(dialect: Dialect): Catalog {
  return { dialect, tableNames: [], tables: {} };
}
