import type { AnyKysely } from '../connect.ts';
import type { SchemaAdapter } from '../ddl/schema-adapter.ts';
import { BOOKKEEPING_TABLES, FREEZER_TABLES } from '../layout/bookkeeping-tables.ts';
import type { Catalog } from './catalog.ts';

/** Tables es2sql describes: freezer-api's and the bookkeeping. Every other table is only listed. */
export const DESCRIBED_TABLES: readonly string[] = [...FREEZER_TABLES, ...BOOKKEEPING_TABLES];

/** Puts foreign keys (by column) and indexes (by name) in a dialect-independent order. */
export function sortKeys(catalog: Catalog): Catalog {
  for (const table of Object.values(catalog.tables)) {
    table.foreignKeys?.sort((a, b) => a.columns.join(',').localeCompare(b.columns.join(',')));
    table.indexes?.sort((a, b) => a.name.localeCompare(b.name));
  }
  return catalog;
}

/** Reads the target's catalog with foreign keys and indexes in a dialect-independent order. */
export async function readCatalog(db: AnyKysely, adapter: SchemaAdapter): Promise<Catalog> {
  return sortKeys(await adapter.readCatalog(db, DESCRIBED_TABLES));
}
