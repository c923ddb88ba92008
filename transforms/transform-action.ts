import type { SourceDocument } from '../core/source-document.ts';
import { actionRow } from './action-row.ts';
import { runTransform, show, type DocumentScope, type Ownership, type AcceptedBody } from './document-scope.ts';
import type { JsonObject } from '../core/json-value.ts';
import { RowBuilder } from './row-builder.ts';
import { fitsTimestamp, parseReportDate } from './source-dates.ts';
import type { TransformContext } from './transform-context.ts';
import type { RowWrite, TransformOutcome } from './transform-result.ts';

function reportDate(scope: DocumentScope, value: unknown): Date | null {
  const date = parseReportDate(value);
  if (date === undefined) return null;
  if (date === null) {
    scope.note('invalid_report_date', 'freezer_action.report_date', `${show(value)} is not an epoch or ISO-8601 date: stored NULL`);
    return null;
  }
  const facts = scope.capabilities.facts;
  if (!fitsTimestamp(date, facts)) {
    scope.note('invalid_report_date', 'freezer_action.report_date', `${date.toISOString()} is outside ${facts.displayName}'s TIMESTAMP range: stored NULL`);
    return null;
  }
  return date;
}

/** The `action_reports` row `add_action` writes beside every action (id = action id). */
function reportRow(scope: DocumentScope, id: string, fa: JsonObject, owner: Ownership): RowWrite | null {
  const row = new RowBuilder(scope.capabilities, 'action_reports');
  row.set('id', id, 'action_id');
  row.set('user_id', owner.userId, 'user_id').set('project_id', owner.projectId, 'project_id');
  row.set('result', scope.string(fa.result, 'freezer_action.result'), 'freezer_action.result');
  row.set('time_elapsed', scope.string(fa.time_elapsed, 'freezer_action.time_elapsed'), 'freezer_action.time_elapsed');
  row.set('report_date', reportDate(scope, fa.report_date), 'freezer_action.report_date');
  row.set('log', null);
  row.bookkeeping(scope.ctx.migrationTime);
  return row.write('upsert');
}

/**
 * An `actions` document → its `actions` row and an `action_reports` row (data contract §3.2
 * Action, §6). Top-level `mandatory` has no column and is reported when it differs from
 * `freezer_action.mandatory`; `freezer_action.src_file` fills an empty `path_to_backup`.
 * Rejects documents without `action_id`, `user_id`, `freezer_action` or `freezer_action.action`.
 */
export function transformAction(doc: SourceDocument, ctx: TransformContext): TransformOutcome {
  return runTransform('actions', doc, ctx, actionBody);
}

/** The body of {@link transformAction} (one function for every document, not a closure per document). */
function actionBody(scope: DocumentScope, source: JsonObject): AcceptedBody {
  const ctx = scope.ctx;
  scope.versionKey(source);
  const id = scope.requiredString(source, 'action_id');
  const owner = scope.ownership(source);
  const fa = scope.object(source, 'freezer_action');
  if (fa === undefined) scope.reject('missing_required_field', 'freezer_action', 'freezer_action is missing');
  const action = actionRow(scope, {
    id,
    idField: 'action_id',
    freezerAction: fa,
    holder: source,
    prefix: '',
    owner,
    createdAt: ctx.migrationTime,
    mode: 'upsert',
  });
  const writes: RowWrite[] = [];
  if (action !== null) {
    writes.push(action);
    const report = reportRow(scope, id, fa, owner);
    if (report !== null) writes.push(report);
  }
  return { sqlId: id, writes, children: [] };
}
