import { catalogColumn } from '../catalog/catalog.ts';
import { CLIENT_CAPABILITY_DEFAULTS } from '../layout/layout-b-tables.ts';
import { inTransaction } from './in-transaction.ts';
import type { DataMove } from './migration.ts';

/**
 * The data half of alembic `23c8ad2655a6`: clients without capability lists get the full default
 * lists (freezer-api would otherwise refuse every later edit of their jobs). Only NULL values are
 * filled, which is what upstream's unconditional UPDATE amounts to right after adding the columns,
 * and which makes a rerun change nothing.
 */
export const backfillClientCapabilities: DataMove = {
  description: 'fill NULL clients.supported_* with the full default lists',
  isDone: async ({ db, catalog }) => {
    if (!CLIENT_CAPABILITY_DEFAULTS.every((d) => catalogColumn(catalog, 'clients', d.column))) return false;
    const row = await db
      .selectFrom('clients')
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) => eb.or(CLIENT_CAPABILITY_DEFAULTS.map((d) => eb(d.column, 'is', null))))
      .executeTakeFirst();
    return Number(row?.n ?? 0) === 0;
  },
  run: async (context) => {
    let filled = 0;
    await inTransaction(context, async (trx) => {
      for (const { column, json } of CLIENT_CAPABILITY_DEFAULTS) {
        const result = await trx.updateTable('clients').set({ [column]: json }).where(column, 'is', null).executeTakeFirst();
        filled = Math.max(filled, Number(result.numUpdatedRows));
      }
    });
    context.report(`filled the capability lists of ${filled} clients`);
  },
};
