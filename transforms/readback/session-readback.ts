import type { SourceDocument } from '../../core/source-document.ts';
import type { ApiDocument } from '../../core/canonical-json.ts';
import { columnInteger, columnString, objectOrEmpty, ownerProject } from './column-values.ts';
import type { ReadbackContext } from './readback-context.ts';
import { sqlInteger, sqlJson, sqlText, type SqlRow } from './sql-values.ts';

const TIMES = ['time_start', 'time_end', 'time_started', 'time_ended'] as const;

/**
 * The session freezer-api returns for a migrated `sessions` document (contract §3.2 Session,
 * §3.3): `last_start` and unknown keys gone, absent time fields −1, `hold_off` 30 and
 * `session_tag` 0 when absent, `description`/`result`/`status` null when absent, and `jobs` only
 * when the document has it (`[]` stays `[]`).
 */
export function expectedSession(doc: SourceDocument, ctx: ReadbackContext): ApiDocument {
  const source = doc.source;
  const result: ApiDocument = {
    project_id: ownerProject(source, ctx.defaultProjectId),
    session_id: ctx.sqlId,
    user_id: columnString(source.user_id),
    description: columnString(source.description),
    session_tag: columnInteger(source.session_tag, 0),
    result: columnString(source.result),
    hold_off: columnInteger(source.hold_off, 30),
    status: columnString(source.status),
    schedule: objectOrEmpty(source.schedule),
  };
  for (const key of TIMES) result[key] = columnInteger(source[key], -1);
  if (source.jobs !== undefined && source.jobs !== null) result.jobs = source.jobs;
  return result;
}

/** A `sessions` row read back the way `get_session` does (`jobs` only when `job` is not NULL). */
export function sessionFromRow(row: SqlRow): ApiDocument {
  const result: ApiDocument = {
    project_id: sqlText(row.project_id),
    session_id: sqlText(row.id),
    user_id: sqlText(row.user_id),
    description: sqlText(row.description),
    session_tag: sqlInteger(row.session_tag),
    result: sqlText(row.result),
    hold_off: sqlInteger(row.hold_off),
    status: sqlText(row.status),
    schedule: sqlJson(row.schedule),
  };
  for (const key of TIMES) result[key] = sqlInteger(row[key]);
  if (row.job !== null && row.job !== undefined) result.jobs = sqlJson(row.job);
  return result;
}
