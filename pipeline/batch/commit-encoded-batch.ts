import type { TargetSchema } from '../../schema/table-schema.ts';
import type { SyncRules } from '../mapping/mapping.ts';
import type { LoadTransaction } from '../load/load-adapter.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import type { StateStore } from '../state/state-store.ts';
import type { EncodedBatch } from './encoded-batch.ts';
import { inStateAndTarget } from './state-and-target.ts';

/** Where a batch commits: the target, and the state store (in the target or beside it). */
export interface CommitDestination {
  target: OpenDatabase;
  state: StateStore;
  pipelineId: string;
  partition: string;
  schema: TargetSchema;
  /** The mapping's row removal, for rows of earlier copies that lost to this batch (duplicate rule). */
  removeRows?: SyncRules['removeRows'];
}

/**
 * Commits an encoded batch with the bookkeeping that goes with it (rejects, the document map, and
 * whatever `extraState` adds — a checkpoint), in one transaction when state and target are one
 * database ({@link inStateAndTarget}).
 */
export async function commitEncodedBatch(destination: CommitDestination, batch: EncodedBatch, extraState?: (tx: LoadTransaction) => Promise<void>): Promise<void> {
  const { target, state } = destination;
  await inStateAndTarget(
    target,
    state,
    async (tx) => {
      // Rows of copies committed earlier that lost to a copy in this batch (duplicate rule) go first.
      if (batch.staleSqlIds.length > 0) {
        if (destination.removeRows === undefined) throw new Error(`a batch of ${destination.partition} replaces earlier copies, but the commit was given no way to remove their rows`);
        await destination.removeRows(tx, target.db, destination.schema, destination.partition, batch.staleSqlIds, 'hard', new Date());
      }
      for (const del of batch.deletes) await tx.deleteWhereIn(del.table, del.column, del.values, del.where);
      for (const write of batch.writes) await tx.writeEncoded(write);
    },
    async (tx) => {
      for (const write of batch.rejectWrites) await tx.writeEncoded(write);
      await state.clearRejects(tx, destination.pipelineId, destination.partition, batch.clearRejectIds);
      for (const write of batch.stateWrites) await tx.writeEncoded(write);
      await extraState?.(tx);
    },
  );
}
