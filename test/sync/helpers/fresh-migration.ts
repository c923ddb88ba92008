import type { LayoutChoice } from '../../../schema/index.ts';
import type { Dialect } from '../../../schema/dialect.ts';
import { migrate } from '../../../pipeline/run/migrate.ts';
import type { SourceSpec } from '../../../pipeline/source/source-spec.ts';
import { createScratchDatabase } from '../../helpers/databases.ts';
import { FreezerTables } from './freezer-tables.ts';

export type TableDump = Record<string, Record<string, unknown>[]>;

/** The rows freezer-api can see: `deleted` false (soft-deleted rows are kept by sync, never read). */
export function liveRows(dump: TableDump): TableDump {
  return Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.filter((row) => Number(row.deleted) === 0)]));
}

/**
 * The oracle of every sync test: what a fresh migration of the source as it is now writes into an
 * empty database of the same dialect, with the same fixed migration time. After a sync, the rows
 * freezer-api sees must be exactly these.
 */
export async function freshMigrationDump(source: SourceSpec, dialect: Dialect, migrationTime: Date, layout?: LayoutChoice): Promise<TableDump> {
  const scratch = await createScratchDatabase(dialect, 'oracle');
  try {
    const result = await migrate({ source, target: scratch.url, migrationTime, slices: 2, ...(layout ? { layout } : {}) });
    if (result.error) throw result.error;
    const tables = new FreezerTables(scratch.url);
    try {
      return await tables.dump();
    } finally {
      await tables.close();
    }
  } finally {
    await scratch.drop();
  }
}

/**
 * Action rows built from job entries (layout B HEAD, no action document of their own) hold the copy
 * of whichever job migrate committed first — an order even two migrations need not share. They are
 * compared by id and visibility only.
 */
export function maskEntryBuiltActions(dump: TableDump, documentedActionIds: ReadonlySet<string>): TableDump {
  if (dump.job_actions === undefined || dump.actions === undefined) return dump;
  const actions = dump.actions.map((row) => (documentedActionIds.has(String(row.id)) ? row : { id: row.id, deleted: row.deleted, entryBuilt: true }));
  return { ...dump, actions };
}
