import type { SourceDocument } from '../../core/source-document.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { derivedId } from '../../core/derived-id.ts';
import { isJsonObject, JsonNumber, type JsonObject, type JsonValue } from '../../core/json-value.ts';
import { targetCapabilities } from '../target-capabilities.ts';
import { actionDocument, actionRowDocument, isVisibleAction } from './action-readback.ts';
import type { ApiDocument, ApiValue } from '../../core/canonical-json.ts';
import { columnInteger, columnString, nonEmpty, objectOrEmpty, ownerProject } from './column-values.ts';
import type { ReadbackContext, StoredAction } from './readback-context.ts';
import { isVisibleRow, sqlInteger, sqlJson, sqlText, type SqlRow } from './sql-values.ts';

function hasActionName(fa: JsonObject): boolean {
  const action = fa.action;
  return nonEmpty(action) !== undefined || typeof action === 'number' || action instanceof JsonNumber;
}

/** `add_job` defaults: an absent key gets freezer's default, an explicit null (or a non-string) stays NULL. */
function textOrDefault(value: JsonValue | undefined, fallback: string): string | null {
  return value === undefined ? fallback : columnString(value);
}

/**
 * Layout B: the entries `get_job` rebuilds from the `job_actions` links, in position order, for
 * the links es2sql writes (the rules of `transforms/job-action-links.ts`): each link shows the row
 * of its action — the migrated action document when there is one, else the action rebuilt from the
 * entry — and links to a missing action, or (for a job with a project) to an action of another
 * project, are skipped as HEAD's `_job_actions_from_rows` does.
 */
function rebuiltEntries(jobId: string, jobProject: string | null, jobUser: string | null, entries: readonly JsonValue[], ctx: ReadbackContext): ApiValue[] {
  const built = new Map<string, StoredAction>();
  const result: ApiValue[] = [];
  entries.forEach((entry, position) => {
    if (!isJsonObject(entry)) return;
    const fa = isJsonObject(entry.freezer_action) ? entry.freezer_action : {};
    const named = hasActionName(fa);
    const givenId = nonEmpty(entry.action_id) ?? null;
    if (!named && (givenId === null || ctx.actionCatalog?.get(givenId) === undefined)) return;
    const actionId = givenId ?? derivedId('job_actions.action', jobId, String(position));
    let action = givenId === null ? undefined : ctx.storedAction?.(actionId);
    if (action === undefined && named) {
      action = built.get(actionId);
      if (action === undefined) {
        const projectId = nonEmpty(entry.project_id) ?? jobProject;
        const userId = nonEmpty(entry.user_id) ?? jobUser;
        action = { projectId, document: actionDocument({ id: actionId, projectId, userId, holder: entry, freezerAction: fa }, ctx.schema) };
        built.set(actionId, action);
      }
    }
    if (action === undefined) return;
    if (jobProject !== null && jobProject !== '' && action.projectId !== jobProject) return;
    result.push(action.document);
  });
  return result;
}

function credentials(value: JsonValue | undefined): ApiDocument | undefined {
  if (!isJsonObject(value)) return undefined;
  const trustId = columnString(value.trust_id);
  const trustor = columnString(value.trustor_user_id);
  return trustId === null || trustor === null ? undefined : { trust_id: trustId, trustor_user_id: trustor };
}

/**
 * The job freezer-api returns for a migrated `jobs` document (contract §3.2 Job, §3.3):
 * `client_id`, `session_id`, `description` `''` when absent, `session_tag` 0 when absent or null;
 * `job_actions` verbatim where the target keeps the JSON column (layout A, B ≤ 18.0.0), rebuilt
 * from the action rows where it has the `job_actions` table (B head: no `mandatory`, eight
 * overlaid keys, the stored action instead of a diverged copy); `user_credentials` when stored.
 */
export function expectedJob(doc: SourceDocument, ctx: ReadbackContext): ApiDocument {
  const source = doc.source;
  const capabilities = targetCapabilities(ctx.schema);
  const projectId = ownerProject(source, ctx.defaultProjectId);
  const userId = columnString(source.user_id);
  const entries = Array.isArray(source.job_actions) ? source.job_actions : [];
  const result: ApiDocument = {
    job_id: ctx.sqlId,
    project_id: projectId,
    user_id: userId,
    job_schedule: objectOrEmpty(source.job_schedule),
    client_id: textOrDefault(source.client_id, '') ?? '',
    session_id: textOrDefault(source.session_id, ''),
    session_tag: source.session_tag === null ? 0 : columnInteger(source.session_tag, 0),
    description: textOrDefault(source.description, ''),
    job_actions: capabilities.jobActionsTable ? rebuiltEntries(ctx.sqlId, projectId, userId, entries, ctx) : capabilities.jobActionsColumn ? entries : null,
  };
  const trust = capabilities.userCredentialsTable ? credentials(source.user_credentials) : undefined;
  if (trust !== undefined) result.user_credentials = trust;
  return result;
}

/** The rows a job is read back from besides its own. */
export interface JobRelatedRows {
  /** Layout B: the job's `job_actions` link rows (any order; soft-deleted ones are ignored). */
  links?: readonly SqlRow[];
  /** Layout B: action rows by id, for the links. */
  actions?: ReadonlyMap<string, SqlRow>;
  /** HEAD: the job's `user_credentials` row, if any. */
  credentials?: SqlRow;
}

/** A `jobs` row (with its links and actions on layout B) read back the way `get_job` does. */
export function jobFromRows(row: SqlRow, schema: TargetSchema, related: JobRelatedRows = {}): ApiDocument {
  const capabilities = targetCapabilities(schema);
  const projectId = sqlText(row.project_id);
  let jobActions: ApiValue = null;
  if (capabilities.jobActionsTable) {
    const links = (related.links ?? []).filter(isVisibleRow).sort((a, b) => Number(sqlInteger(a.position) ?? 0) - Number(sqlInteger(b.position) ?? 0));
    jobActions = [];
    for (const link of links) {
      const action = related.actions?.get(sqlText(link.action_id) ?? '');
      if (!isVisibleAction(action)) continue;
      if (projectId !== null && projectId !== '' && sqlText(action.project_id) !== projectId) continue;
      jobActions.push(actionRowDocument(action, schema));
    }
  } else if (capabilities.jobActionsColumn) {
    jobActions = sqlJson(row.job_actions);
  }
  const result: ApiDocument = {
    job_id: sqlText(row.id),
    project_id: projectId,
    user_id: sqlText(row.user_id),
    job_schedule: sqlJson(row.schedule),
    client_id: sqlText(row.client_id),
    session_id: sqlText(row.session_id),
    session_tag: sqlInteger(row.session_tag),
    description: sqlText(row.description),
    job_actions: jobActions,
  };
  const trust = related.credentials;
  if (trust !== undefined && isVisibleRow(trust)) result.user_credentials = { trust_id: sqlText(trust.trust_id), trustor_user_id: sqlText(trust.trustor_user_id) };
  return result;
}
