import type { TargetSchema } from '../../schema/table-schema.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import type { DeleteMode, SyncRules, UpkeepScope } from '../mapping/mapping.ts';
import type { ChangeScope } from './change-set.ts';

/** What the mapping's sync upkeep works with, from a sync job's parts. */
export function upkeepScope(job: ChangeScope & { target: OpenDatabase; schema: TargetSchema; deleteMode: DeleteMode; removeRows: SyncRules['removeRows'] }): UpkeepScope {
  return { target: job.target, schema: job.schema, store: job.store, pipelineId: job.pipelineId, deleteMode: job.deleteMode, removeRows: job.removeRows };
}
