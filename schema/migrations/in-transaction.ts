import type { AnyKysely } from '../connect.ts';
import type { MigrationContext } from './migration.ts';

/** Runs `work` in a transaction: the runner's own when it opened one, else a new one. */
export async function inTransaction<T>(context: MigrationContext, work: (db: AnyKysely) => Promise<T>): Promise<T> {
  if (context.inTransaction) return work(context.db);
  return context.db.transaction().execute(work);
}
