import type { SourceDocument } from '../core/source-document.ts';
import { runTransform, show, type DocumentScope, type Ownership, type AcceptedBody } from './document-scope.ts';
import { derivedId } from '../core/derived-id.ts';
import { headJobViolations } from './head-job-violations.ts';
import { jobActionLinks } from './job-action-links.ts';
import type { JsonObject, JsonValue } from '../core/json-value.ts';
import { pythonJsonDumps } from '../core/python-json.ts';
import { RowBuilder } from './row-builder.ts';
import { dateFromEpoch } from './source-dates.ts';
import type { TransformContext } from './transform-context.ts';
import type { ChildRows, RowWrite, SqlValue, TransformOutcome } from './transform-result.ts';

/** `add_job` semantics: an absent key gets freezer's default, an explicit null stays NULL. */
function textOrDefault(scope: DocumentScope, source: JsonObject, key: string, fallback: string): string | null {
  return source[key] === undefined ? fallback : scope.string(source[key], key);
}

function sessionTag(scope: DocumentScope, value: unknown): SqlValue {
  if (value === null) {
    scope.note('null_replaced_by_default', 'session_tag', 'session_tag null stored as 0 (HEAD requires an integer)');
    return 0;
  }
  return scope.integer(value, 'session_tag', 0);
}

function userCredentialsRow(scope: DocumentScope, jobId: string, createdAt: Date, value: unknown): RowWrite | null {
  if (value === undefined || value === null || !scope.capabilities.userCredentialsTable) return null;
  const credentials = value as JsonObject;
  const trustId = scope.string(credentials.trust_id, 'user_credentials.trust_id');
  const trustor = scope.string(credentials.trustor_user_id, 'user_credentials.trustor_user_id');
  if (trustId === null || trustor === null) {
    scope.note('user_credentials_skipped', 'user_credentials', `user_credentials ${show(value)} lacks trust_id or trustor_user_id: no row`);
    return null;
  }
  const row = new RowBuilder(scope.capabilities, 'user_credentials');
  row.set('id', derivedId('user_credentials', jobId)).set('job_id', jobId, 'job_id');
  row.set('trust_id', trustId, 'user_credentials.trust_id').set('trustor_user_id', trustor, 'user_credentials.trustor_user_id');
  return row.bookkeeping(createdAt).write('upsert');
}

/**
 * A `jobs` document → its `jobs` row (data contract §3.2 Job, §6): `schedule` = JSON of
 * `job_schedule`, `client_id`/`session_id`/`description` default `''`, `session_tag` 0,
 * `created_at` from `job_schedule.time_created`. Where the target has the `jobs.job_actions` column
 * the list is stored verbatim; where it has the `job_actions` table the entries become link rows
 * (children) and action rows (written before the job), see {@link jobActionLinks}; a
 * `user_credentials` row is added when the target has that table and the document the key.
 */
export function transformJob(doc: SourceDocument, ctx: TransformContext): TransformOutcome {
  return runTransform('jobs', doc, ctx, jobBody);
}

/** The body of {@link transformJob} (one function for every document, not a closure per document). */
function jobBody(scope: DocumentScope, source: JsonObject): AcceptedBody {
  const ctx = scope.ctx;
  scope.versionKey(source);
  const id = scope.requiredString(source, 'job_id');
  const owner: Ownership = scope.ownership(source);
  const schedule = scope.object(source, 'job_schedule') ?? {};
  const listed = source.job_actions ?? [];
  if (!Array.isArray(listed)) scope.reject('malformed_document', 'job_actions', `job_actions is ${show(listed)}, not a list`);
  const entries: JsonValue[] = listed;
  const credentials = source.user_credentials;
  if (credentials !== undefined && credentials !== null && typeof credentials !== 'object') {
    scope.reject('malformed_document', 'user_credentials', `user_credentials is ${show(credentials)}, not an object`);
  }
  const createdAt = dateFromEpoch(schedule.time_created) ?? ctx.migrationTime;
  const capabilities = scope.capabilities;

  const row = new RowBuilder(capabilities, 'jobs');
  row.set('id', id, 'job_id').set('user_id', owner.userId, 'user_id').set('project_id', owner.projectId, 'project_id');
  row.set('schedule', pythonJsonDumps(schedule), 'job_schedule');
  let clientId = textOrDefault(scope, source, 'client_id', '');
  if (clientId === null) {
    scope.note('null_replaced_by_default', 'client_id', "client_id null stored as '' (jobs.client_id is NOT NULL)");
    clientId = '';
  }
  row.set('client_id', clientId, 'client_id');
  row.set('session_id', textOrDefault(scope, source, 'session_id', ''), 'session_id');
  row.set('session_tag', sessionTag(scope, source.session_tag), 'session_tag');
  row.set('description', textOrDefault(scope, source, 'description', ''), 'description');
  if (capabilities.jobActionsColumn) row.set('job_actions', pythonJsonDumps(entries), 'job_actions');
  row.bookkeeping(createdAt);

  const writes: RowWrite[] = [];
  const children: ChildRows[] = [];
  if (capabilities.jobActionsTable) {
    const links = jobActionLinks(scope, id, owner, createdAt, entries);
    writes.push(...links.actions);
    children.push(links.links);
  }
  if (capabilities.headValidation) headJobViolations(scope, source, schedule);
  const job = row.write('upsert');
  if (job !== null) writes.push(job);
  const credentialsRow = userCredentialsRow(scope, id, createdAt, credentials);
  if (credentialsRow !== null) writes.push(credentialsRow);
  return { sqlId: id, writes, children };
}
