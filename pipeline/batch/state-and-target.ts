import type { LoadTransaction } from '../load/load-adapter.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import type { StateStore } from '../state/state-store.ts';
import { withDatabaseRetries } from './transient-database-error.ts';

/**
 * Runs target writes and the state writes that record them in ONE transaction when the state tables
 * live in the target database; otherwise target first, state second, so a crash in between leaves
 * work that the next run finds again and replays idempotently.
 */
export async function inStateAndTarget<T>(
  target: OpenDatabase,
  store: StateStore,
  targetWork: (tx: LoadTransaction) => Promise<T>,
  stateWork: (tx: LoadTransaction, result: T) => Promise<void>,
): Promise<T> {
  if (store.sharedWithTarget) {
    return withDatabaseRetries(() =>
      target.adapter.transaction(async (tx) => {
        const result = await targetWork(tx);
        await stateWork(tx, result);
        return result;
      }),
    );
  }
  const result = await withDatabaseRetries(() => target.adapter.transaction(targetWork));
  await withDatabaseRetries(() => store.adapter.transaction((tx) => stateWork(tx, result)));
  return result;
}
