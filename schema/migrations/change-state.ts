import { catalogColumn, type Catalog } from '../catalog/catalog.ts';
import type { AnyKysely } from '../connect.ts';
import type { SchemaAdapter } from '../ddl/schema-adapter.ts';
import type { TableSchema } from '../table-schema.ts';
import type { SchemaChange } from './schema-change.ts';

/** Layout-A tables whose utf8mb3 text a `widenCharset` change converts, when the database default is utf8mb4. */
function tablesToWiden(tables: readonly string[], catalog: Catalog): TableSchema[] {
  if (catalog.databaseCharset !== 'utf8mb4') return [];
  return tables
    .map((name) => catalog.tables[name])
    .filter((t): t is TableSchema => t !== undefined && (t.charset === 'utf8mb3' || t.columns.some((c) => c.charset === 'utf8mb3')));
}

/**
 * Whether the catalog already shows the change's result. Decided by introspection only, so a
 * database built by freezer-api itself, a rerun, or a backported twin of the migration all count.
 */
export function isChangeApplied(change: SchemaChange, catalog: Catalog): boolean {
  switch (change.kind) {
    case 'createTable': return catalog.tableNames.includes(change.table.name);
    case 'addColumn': return catalogColumn(catalog, change.table, change.column.name) !== undefined;
    case 'createIndex': return (catalog.tables[change.table]?.indexes ?? []).some((i) => i.name === change.index.name);
    case 'widenColumn': return (catalogColumn(catalog, change.table, change.column)?.length ?? 0) >= change.length;
    case 'widenCharset': return catalog.tableNames.includes(change.until) || tablesToWiden(change.tables, catalog).length === 0;
    // A change to a table that does not exist yet is pending: the table is still to come.
    case 'renameColumn': return catalog.tables[change.table] !== undefined && catalogColumn(catalog, change.table, change.from) === undefined;
    case 'dropColumn': return catalog.tables[change.table] !== undefined && catalogColumn(catalog, change.table, change.column) === undefined;
  }
}

/** Applies the change to an in-memory catalog: how the database looks once the DDL has run. */
export function foldChange(change: SchemaChange, catalog: Catalog, adapter: SchemaAdapter): void {
  const table = 'table' in change && typeof change.table === 'string' ? catalog.tables[change.table] : undefined;
  switch (change.kind) {
    case 'createTable':
      if (!catalog.tableNames.includes(change.table.name)) catalog.tableNames.push(change.table.name);
      catalog.tables[change.table.name] = adapter.describeTable(change.table);
      return;
    case 'addColumn':
      table?.columns.push(adapter.describeColumn(change.column, { ...table, mysqlCharset: table.charset }));
      return;
    case 'createIndex':
      if (table) table.indexes = [...(table.indexes ?? []), { ...change.index }];
      return;
    case 'widenColumn': {
      const column = table?.columns.find((c) => c.name === change.column);
      if (column) column.length = change.length;
      return;
    }
    case 'widenCharset':
      for (const t of tablesToWiden(change.tables, catalog)) {
        t.charset = catalog.databaseCharset;
        t.collation = catalog.databaseCollation;
        for (const c of t.columns.filter((k) => k.charset)) Object.assign(c, { charset: catalog.databaseCharset, collation: catalog.databaseCollation });
      }
      return;
    case 'renameColumn': {
      const column = table?.columns.find((c) => c.name === change.from);
      if (column) column.name = change.to;
      return;
    }
    case 'dropColumn':
      if (table) table.columns = table.columns.filter((c) => c.name !== change.column);
      return;
  }
}

/** Runs the change's DDL through the adapter. The caller checks {@link isChangeApplied} first. */
export async function runChange(db: AnyKysely, change: SchemaChange, catalog: Catalog, adapter: SchemaAdapter): Promise<void> {
  switch (change.kind) {
    case 'createTable': return adapter.createTable(db, change.table, catalog);
    case 'addColumn': return adapter.addColumn(db, change.table, change.column);
    case 'createIndex': return adapter.createIndex(db, change.table, change.index);
    case 'widenColumn': {
      const table = catalog.tables[change.table];
      if (!table) throw new Error(`table ${change.table} does not exist`);
      return adapter.widenColumn(db, table, change.column, change.length);
    }
    case 'widenCharset':
      for (const table of tablesToWiden(change.tables, catalog)) {
        await adapter.convertCharset(db, table, catalog.databaseCharset ?? 'utf8mb4', catalog.databaseCollation);
      }
      return;
    case 'renameColumn': return adapter.renameColumn(db, change.table, change.from, change.to);
    case 'dropColumn': return adapter.dropColumn(db, change.table, change.column);
  }
}
