import { openDatabase, type AnyKysely } from '../../../schema/connect.ts';
import { parseDatabaseUrl } from '../../../schema/database-url.ts';
import { tableRows } from '../../schema/helpers/table-rows.ts';

/** freezer-api's tables, in load order; a dump covers those the target has. */
export const FREEZER_TABLES = ['clients', 'sessions', 'actions', 'action_reports', 'jobs', 'job_actions', 'backups', 'user_credentials'] as const;

/** A read-only look at a target database as a test (or an operator with a SQL shell) sees it. */
export class FreezerTables {
  readonly db: AnyKysely;
  readonly #yes: boolean | number;
  readonly #no: boolean | number;

  constructor(url: string) {
    const location = parseDatabaseUrl(url);
    this.db = openDatabase(location, { poolSize: 2 });
    this.#yes = location.dialect === 'postgres' ? true : 1;
    this.#no = location.dialect === 'postgres' ? false : 0;
  }

  async tables(): Promise<string[]> {
    const present: string[] = [];
    for (const table of FREEZER_TABLES) {
      try {
        await this.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).execute();
        present.push(table);
      } catch {
        // not in this layout
      }
    }
    return present;
  }

  /** Every row of every freezer table, `deleted_at` reduced to "set or not" (its value is the clock). */
  async dump(): Promise<Record<string, Record<string, unknown>[]>> {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const table of await this.tables()) {
      out[table] = (await tableRows(this.db, table)).map((row) => ({ ...row, deleted_at: row.deleted_at === null ? null : 'set' }));
    }
    return out;
  }

  async count(table: string, where: 'live' | 'deleted' | 'all' = 'all'): Promise<number> {
    let query = this.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
    if (where === 'live') query = query.where('deleted', '=', this.#no).where('deleted_at', 'is', null);
    if (where === 'deleted') query = query.where('deleted', '=', this.#yes);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async row(table: string, id: string): Promise<Record<string, unknown> | undefined> {
    return (await tableRows(this.db, table)).find((r) => r.id === id);
  }

  /** PostgreSQL only: the transaction id that last wrote each row, to prove rows were not rewritten. */
  async rowVersions(table: string): Promise<string[]> {
    const rows = await this.db.selectFrom(table).select(['id', (eb) => eb.ref('xmin').as('xmin')]).orderBy('id').execute();
    return rows.map((r) => `${String(r.id)}@${String(r.xmin)}`);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
