import type { Catalog } from '../catalog/catalog.ts';
import { readCatalog } from '../catalog/read-catalog.ts';
import type { AnyKysely } from '../connect.ts';
import type { Dialect } from '../dialect.ts';
import { schemaAdapterFor } from '../ddl/schema-adapter-for.ts';
import type { SchemaAdapter } from '../ddl/schema-adapter.ts';
import { BOOKKEEPING_TABLES } from '../layout/bookkeeping-tables.ts';
import { layoutSchemaFrom } from '../layout/fresh-layout-schema.ts';
import { readBookkeeping } from '../migrations/bookkeeping.ts';
import { ForeignSchemaError, asUnreachable } from '../schema-errors.ts';
import type { TargetSchema } from '../table-schema.ts';
import { detectLayout, type DetectedLayout } from './detect-layout.ts';

/** sqlalchemy-migrate 001 of freezer-api 7.0.0 named the column `mode` on every dialect, SQLite included. */
const COLUMN_ALIASES: Record<string, string[]> = { actionmode: ['mode'], path_to_backup: ['src_file'] };

/**
 * Checks that the freezer tables have the columns freezer-api gives them at the detected revision
 * (names and types; widths and order may differ: a layout-B database taken over from A keeps A's).
 * Extra columns and tables are tolerated (es2sql's expand phase may already have added them).
 */
function checkShape(catalog: Catalog, detected: DetectedLayout, adapter: SchemaAdapter): void {
  const expected = layoutSchemaFrom(adapter, detected.origin, detected.point);
  for (const table of Object.values(expected.tables)) {
    if ((BOOKKEEPING_TABLES as readonly string[]).includes(table.name)) continue;
    const actual = catalog.tables[table.name];
    if (!actual) {
      throw new ForeignSchemaError(`the bookkeeping says freezer-api's schema is here, but table ${table.name} is missing; the database was changed by hand or belongs to another application: restore it or use an empty database`, table.name);
    }
    for (const column of table.columns) {
      const names = [column.name, ...(COLUMN_ALIASES[column.name] ?? [])];
      const found = actual.columns.find((c) => names.includes(c.name));
      if (!found || found.type !== column.type) {
        const what = found ? `is ${found.type}, freezer-api's is ${column.type}` : 'is missing';
        throw new ForeignSchemaError(`table ${table.name} is not freezer-api's: column ${column.name} ${what}; es2sql changes nothing in it: point es2sql at an empty database or at one freezer-api created`, table.name);
      }
    }
  }
}

/**
 * Describes the target from an already-read catalog: null for a database without freezer-api's
 * tables and bookkeeping, else its layout, revision, origin and tables exactly as found.
 */
export async function describeTarget(db: AnyKysely, catalog: Catalog, adapter: SchemaAdapter): Promise<TargetSchema | null> {
  const detected = detectLayout(catalog, await readBookkeeping(db, catalog));
  if (!detected) return null;
  checkShape(catalog, detected, adapter);
  return { dialect: adapter.dialect, layout: detected.point.layout, revision: detected.point.revision, tables: catalog.tables, origin: detected.origin };
}

/**
 * Reads what the target database holds: null when it has none of freezer-api's tables (an empty
 * database, or one with only unrelated tables such as es2sql's own `es2sql_*`), else the layout
 * (`migrate_version` → A and its version; `alembic_version` → B and its revision) and every
 * freezer table with its real columns, widths, nullability, defaults, keys and MySQL charsets.
 *
 * @param display how to name the target in errors (a `DatabaseLocation.display`); the dialect otherwise
 * @throws ForeignSchemaError when tables named like freezer-api's are not freezer-api's
 * @throws UnknownRevisionError when the bookkeeping names a revision newer than es2sql knows
 * @throws TargetUnreachableError when the database cannot be reached
 */
export async function introspectTarget(db: AnyKysely, dialect: Dialect, display: string = dialect): Promise<TargetSchema | null> {
  const adapter = schemaAdapterFor(dialect);
  let catalog: Catalog;
  try {
    catalog = await readCatalog(db, adapter);
  } catch (error) {
    throw asUnreachable(error, display);
  }
  return describeTarget(db, catalog, adapter);
}
