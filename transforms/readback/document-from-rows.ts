import type { TargetSchema } from '../../schema/table-schema.ts';
import type { Entity } from '../../core/entity.ts';
import { actionFromRow } from './action-readback.ts';
import { backupFromRow } from './backup-readback.ts';
import type { ApiDocument } from '../../core/canonical-json.ts';
import { clientFromRow } from './client-readback.ts';
import { jobFromRows, type JobRelatedRows } from './job-readback.ts';
import { sessionFromRow } from './session-readback.ts';
import type { SqlRow } from './sql-values.ts';

/**
 * The API document freezer-api's `get_*` builds from an entity's SQL row (and, for layout-B jobs,
 * its links, their actions and its credentials): JSON columns decoded, action columns overlaid on
 * `freezer_action`, job entries rebuilt in `position` order skipping missing, deleted and
 * cross-project actions. The same canonical shape as {@link expectedFromDocument}, so equal
 * documents hash equal.
 */
export function documentFromRows(entity: Entity, row: SqlRow, schema: TargetSchema, related: JobRelatedRows = {}): ApiDocument {
  switch (entity) {
    case 'clients':
      return clientFromRow(row, schema);
    case 'sessions':
      return sessionFromRow(row);
    case 'actions':
      return actionFromRow(row, schema);
    case 'jobs':
      return jobFromRows(row, schema, related);
    case 'backups':
      return backupFromRow(row, schema);
  }
}
