import type { SourceDocument } from '../core/source-document.ts';
import { derivedId, isHexId } from '../core/derived-id.ts';
import { runTransform, show, type DocumentScope, type AcceptedBody } from './document-scope.ts';
import { BACKUP_STATUSES } from './freezer-enums.ts';
import type { JsonObject } from '../core/json-value.ts';
import { pythonJsonDumps } from '../core/python-json.ts';
import { RowBuilder } from './row-builder.ts';
import { dateFromEpoch } from './source-dates.ts';
import type { TransformContext } from './transform-context.ts';
import type { TransformOutcome } from './transform-result.ts';
import { codePoints } from '../core/code-points.ts';

const WORD_ID = /^[\w-]+$/;

function fits(row: RowBuilder, column: string, value: string): boolean {
  const width = row.column(column)?.length;
  return width === undefined || value.length <= width || codePoints(value) <= width;
}

/**
 * The SQL id of a backup (data contract §1.3, §5.2). A `backup_id` is kept when it is a 32-hex id,
 * or when it has no `backup_uuid` sibling, fits the id column and holds only word characters and
 * dashes. Otherwise it is a ≤ 3.x composite id and is replaced by `backup_uuid` when that is a
 * usable id, else by `derivedId('backups', backup_id)`; the mapping is reported.
 */
function backupSqlId(scope: DocumentScope, row: RowBuilder, source: JsonObject, backupId: string): { id: string; field: string } {
  const uuid = source.backup_uuid;
  const hasUuid = typeof uuid === 'string' && uuid !== '';
  if (isHexId(backupId) || (!hasUuid && WORD_ID.test(backupId) && fits(row, 'id', backupId))) {
    return { id: backupId, field: 'backup_id' };
  }
  const usable = hasUuid && WORD_ID.test(uuid) && fits(row, 'id', uuid);
  const id = usable ? uuid : derivedId('backups', backupId);
  scope.note(
    'backup_id_replaced',
    'backup_id',
    `composite backup_id ${show(backupId)} stored as ${id} (${usable ? 'its backup_uuid' : 'derived from the backup_id'}); the API shows the new id`,
  );
  return { id, field: usable ? 'backup_uuid' : 'backup_id' };
}

function jobId(scope: DocumentScope, row: RowBuilder, metadata: JsonObject, source: JsonObject): string | null {
  const inMetadata = metadata.job_id !== undefined;
  const value = inMetadata ? metadata.job_id : source.job_id;
  const field = inMetadata ? 'backup_metadata.job_id' : 'job_id';
  const text = scope.string(value, field);
  if (text === null || fits(row, 'job_id', text)) return text;
  scope.note('backup_job_id_dropped', field, `${show(text)} does not fit backups.job_id: stored NULL (the JSON copy keeps it; the API never returns the column)`);
  return null;
}

/**
 * A `backups` document → its `backups` row (data contract §3.2 Backup, §6): `job_id` ←
 * `backup_metadata.job_id`, `backup_metadata` = JSON of the metadata (`{}` when absent),
 * `created_at` from `backup_metadata.time_stamp`; `user_name` where the target has the column
 * (`''` when null and the column is NOT NULL), `status` (default `available`) where it has that one.
 * Composite ≤ 3.x ids get a new SQL id, returned as `sqlId`.
 */
export function transformBackup(doc: SourceDocument, ctx: TransformContext): TransformOutcome {
  return runTransform('backups', doc, ctx, backupBody);
}

/** The body of {@link transformBackup} (one function for every document, not a closure per document). */
function backupBody(scope: DocumentScope, source: JsonObject): AcceptedBody {
  const ctx = scope.ctx;
  scope.versionKey(source);
  const backupId = scope.requiredString(source, 'backup_id');
  const owner = scope.ownership(source);
  let metadata = scope.object(source, 'backup_metadata');
  if (metadata === undefined) {
    scope.note('backup_metadata_missing', 'backup_metadata', 'no backup_metadata: stored {}');
    metadata = {};
  }
  const row = new RowBuilder(scope.capabilities, 'backups');
  const sqlId = backupSqlId(scope, row, source, backupId);
  row.set('id', sqlId.id, sqlId.field).set('user_id', owner.userId, 'user_id').set('project_id', owner.projectId, 'project_id');
  row.set('job_id', jobId(scope, row, metadata, source), 'backup_metadata.job_id');
  row.set('backup_metadata', pythonJsonDumps(metadata), 'backup_metadata');

  if (row.has('user_name')) {
    let userName = scope.string(source.user_name, 'user_name');
    if (userName === null && row.column('user_name')?.nullable === false) {
      scope.note('user_name_filled', 'user_name', "user_name null and backups.user_name is NOT NULL on this target: stored ''");
      userName = '';
    }
    row.set('user_name', userName, 'user_name');
  }
  const status = scope.string(source.status, 'status') ?? 'available';
  if (row.has('status') && scope.capabilities.headValidation && !BACKUP_STATUSES.includes(status)) {
    scope.note('head_schema_violation', 'status', `status ${show(status)} is not one of HEAD's (${BACKUP_STATUSES.join(', ')})`);
  }
  row.set('status', status, 'status');
  row.bookkeeping(dateFromEpoch(metadata.time_stamp) ?? ctx.migrationTime);

  const write = row.write('upsert');
  return { sqlId: sqlId.id, writes: write === null ? [] : [write], children: [] };
}
