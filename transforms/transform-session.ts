import type { SourceDocument } from '../core/source-document.ts';
import { type DocumentScope, runTransform, type AcceptedBody } from './document-scope.ts';
import type { JsonObject } from '../core/json-value.ts';
import { pythonJsonDumps } from '../core/python-json.ts';
import { RowBuilder } from './row-builder.ts';
import type { TransformContext } from './transform-context.ts';
import type { TransformOutcome } from './transform-result.ts';

const TIME_COLUMNS = ['time_start', 'time_end', 'time_started', 'time_ended'] as const;

/**
 * A `sessions` document → its `sessions` row (data contract §3.2 Session, §6): `hold_off` 30,
 * `session_tag` 0 and `time_*` −1 when absent (or not integers), `schedule` = JSON of `schedule`
 * (`{}` when absent), `job` = JSON of the ES `jobs` value verbatim (`[]` stays `[]`, an object keeps
 * its `""` times). A session without `jobs` keeps `job` NULL: freezer-api then omits `jobs` on
 * read, exactly like the ES document. `last_start` and unknown keys have no column.
 */
export function transformSession(doc: SourceDocument, ctx: TransformContext): TransformOutcome {
  return runTransform('sessions', doc, ctx, sessionBody);
}

/** The body of {@link transformSession} (one function for every document, not a closure per document). */
function sessionBody(scope: DocumentScope, source: JsonObject): AcceptedBody {
  const ctx = scope.ctx;
  scope.versionKey(source);
  const id = scope.requiredString(source, 'session_id');
  const owner = scope.ownership(source);
  const schedule = scope.object(source, 'schedule') ?? {};

  const row = new RowBuilder(scope.capabilities, 'sessions');
  row.set('id', id, 'session_id').set('user_id', owner.userId, 'user_id').set('project_id', owner.projectId, 'project_id');
  row.set('description', scope.string(source.description, 'description'), 'description');
  row.set('hold_off', scope.integer(source.hold_off, 'hold_off', 30), 'hold_off');
  row.set('session_tag', scope.integer(source.session_tag, 'session_tag', 0), 'session_tag');
  row.set('status', scope.string(source.status, 'status'), 'status');
  row.set('result', scope.string(source.result, 'result'), 'result');
  for (const key of TIME_COLUMNS) row.set(key, scope.integer(source[key], key, -1), key);
  row.set('schedule', pythonJsonDumps(schedule), 'schedule');
  const jobs = source.jobs;
  row.set('job', jobs === undefined || jobs === null ? null : pythonJsonDumps(jobs), 'jobs');
  row.bookkeeping(ctx.migrationTime);

  const write = row.write('upsert');
  return { sqlId: id, writes: write === null ? [] : [write], children: [] };
}
