import type { SourceDocument } from '../../core/source-document.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { targetCapabilities } from '../target-capabilities.ts';
import type { ApiDocument } from '../../core/canonical-json.ts';
import { columnString, objectOrEmpty, ownerProject } from './column-values.ts';
import type { ReadbackContext } from './readback-context.ts';
import { sqlJson, sqlText, type SqlRow } from './sql-values.ts';

/**
 * The backup freezer-api returns for a migrated `backups` document (contract §3.2 Backup, §3.3):
 * `{project_id, backup_id, user_id, backup_metadata}` with the SQL id (a ≤ 3.x composite id is
 * replaced), plus `user_name` where the target has that column (`''` when null and the column is
 * NOT NULL) or `status` where it has that one (`available` unless set). `backup_uuid` is gone.
 */
export function expectedBackup(doc: SourceDocument, ctx: ReadbackContext): ApiDocument {
  const source = doc.source;
  const columns = targetCapabilities(ctx.schema).columns('backups');
  const result: ApiDocument = {
    project_id: ownerProject(source, ctx.defaultProjectId),
    backup_id: ctx.sqlId,
    user_id: columnString(source.user_id),
    backup_metadata: objectOrEmpty(source.backup_metadata),
  };
  const userName = columns?.get('user_name');
  if (userName !== undefined) result.user_name = columnString(source.user_name) ?? (userName.nullable ? null : '');
  if (columns?.has('status')) result.status = columnString(source.status) ?? 'available';
  return result;
}

/** A `backups` row read back the way `get_backup` does (`backups.job_id` is never returned). */
export function backupFromRow(row: SqlRow, schema: TargetSchema): ApiDocument {
  const columns = targetCapabilities(schema).columns('backups');
  const result: ApiDocument = {
    project_id: sqlText(row.project_id),
    backup_id: sqlText(row.id),
    user_id: sqlText(row.user_id),
    backup_metadata: sqlJson(row.backup_metadata),
  };
  if (columns?.has('user_name')) result.user_name = sqlText(row.user_name);
  if (columns?.has('status')) result.status = sqlText(row.status);
  return result;
}
