import type { LoadTransaction } from '../load/load-adapter.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import type { StateStore } from '../state/state-store.ts';
import { withDatabaseRetries } from '../run/transient-database-error.ts';
import type { EncodedBatch } from './encoded-batch.ts';

/** Where a batch commits: the target, and the state store (in the target or beside it). */
export interface CommitDestination {
  target: OpenDatabase;
  state: StateStore;
  pipelineId: string;
  partition: string;
}

/**
 * Commits an encoded batch with the bookkeeping that goes with it (rejects, the document map, and
 * whatever `extraState` adds — a checkpoint). When the state tables live in the target database
 * this is ONE transaction; otherwise the target commits first and the state second, so a crash in
 * between replays one idempotent batch.
 */
export async function commitEncodedBatch(destination: CommitDestination, batch: EncodedBatch, extraState?: (tx: LoadTransaction) => Promise<void>): Promise<void> {
  const { target, state } = destination;
  const writeTarget = async (tx: LoadTransaction) => {
    for (const del of batch.deletes) await tx.deleteWhereIn(del.table, del.column, del.values);
    for (const write of batch.writes) await tx.writeEncoded(write);
  };
  const writeState = async (tx: LoadTransaction) => {
    for (const write of batch.rejectWrites) await tx.writeEncoded(write);
    await state.clearRejects(tx, destination.pipelineId, destination.partition, batch.clearRejectIds);
    for (const write of batch.stateWrites) await tx.writeEncoded(write);
    await extraState?.(tx);
  };
  if (state.sharedWithTarget) {
    await withDatabaseRetries(() =>
      target.adapter.transaction(async (tx) => {
        await writeTarget(tx);
        await writeState(tx);
      }),
    );
  } else {
    await withDatabaseRetries(() => target.adapter.transaction(writeTarget));
    await withDatabaseRetries(() => state.adapter.transaction(writeState));
  }
}
