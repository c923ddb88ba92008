import { coerceBoolean, coerceString } from './coerce.ts';
import type { DocumentScope, Ownership } from './document-scope.ts';
import { show } from './document-scope.ts';
import { SUPPORTED_ACTIONS, SUPPORTED_MODES } from './freezer-enums.ts';
import type { JsonObject } from '../core/json-value.ts';
import { pythonJsonDumps } from '../core/python-json.ts';
import { RowBuilder } from './row-builder.ts';
import type { RowWrite } from './transform-result.ts';

/** Where the parts of an action come from: an action document or a job's `job_actions` entry. */
export interface ActionSource {
  /** `actions.id`. */
  id: string;
  idField: string;
  /** The `freezer_action` object (already checked to be an object). */
  freezerAction: JsonObject;
  /** The object holding `freezer_action`, `max_retries`, `max_retries_interval`, `mandatory`. */
  holder: JsonObject;
  /** Dotted path of `holder` ('' for the document itself, `job_actions.3.` for an entry). */
  prefix: string;
  owner: Ownership;
  createdAt: Date;
  mode: RowWrite['mode'];
}

function withoutVersion(scope: DocumentScope, freezerAction: JsonObject, field: string): JsonObject {
  if (!Object.hasOwn(freezerAction, '_version')) return freezerAction;
  scope.versionKey(freezerAction, `${field}._version`);
  const copy = { ...freezerAction };
  delete copy._version;
  return copy;
}

/**
 * The `actions` row freezer-api's `add_action` writes (data contract §3.2, §6): the eight column
 * keys from `freezer_action`, `mandatory` from `freezer_action.mandatory` only, retries from the
 * holder with the defaults 5/6, `backup_metadata` = JSON of `freezer_action`. Rejects an action
 * without `freezer_action.action` (NOT NULL column).
 */
export function actionRow(scope: DocumentScope, source: ActionSource): RowWrite | null {
  const { freezerAction: fa, holder, prefix } = source;
  const fa_ = `${prefix}freezer_action`;
  const capabilities = scope.capabilities;
  const row = new RowBuilder(capabilities, 'actions');

  const action = coerceString(fa.action);
  if (action.kind === 'absent') {
    scope.reject('missing_required_field', `${fa_}.action`, `${fa_}.action is missing (actions.action is NOT NULL)`);
  }
  if (action.kind === 'invalid') scope.reject('invalid_value', `${fa_}.action`, `${fa_}.action is ${show(fa.action)}, not a string`);
  row.set('id', source.id, source.idField).set('action', action.value, `${fa_}.action`);
  row.set('user_id', source.owner.userId, `${prefix}user_id`).set('project_id', source.owner.projectId, `${prefix}project_id`);

  if (capabilities.actionModeColumn !== null) row.set(capabilities.actionModeColumn, scope.string(fa.mode, `${fa_}.mode`), `${fa_}.mode`);
  if (capabilities.actionPathColumn !== null) {
    let path = scope.string(fa.path_to_backup, `${fa_}.path_to_backup`);
    let pathField = `${fa_}.path_to_backup`;
    if (path === null && fa.src_file !== undefined && fa.src_file !== null) {
      pathField = `${fa_}.src_file`;
      path = scope.string(fa.src_file, pathField);
      if (path !== null) {
        scope.note('src_file_copied_to_path_to_backup', pathField, `legacy src_file ${show(path)} written to the path_to_backup column`);
      }
    }
    row.set(capabilities.actionPathColumn, path, pathField);
  }
  for (const key of ['backup_name', 'container', 'log_file']) row.set(key, scope.string(fa[key], `${fa_}.${key}`), `${fa_}.${key}`);
  row.set('timeout', scope.integer(fa.timeout, `${fa_}.timeout`, null), `${fa_}.timeout`);
  row.set('priority', scope.integer(fa.priority, `${fa_}.priority`, null), `${fa_}.priority`);
  row.set('max_retries', scope.integer(holder.max_retries, `${prefix}max_retries`, 5), `${prefix}max_retries`);
  row.set(
    'max_retries_interval',
    scope.integer(holder.max_retries_interval, `${prefix}max_retries_interval`, 6),
    `${prefix}max_retries_interval`,
  );

  const mandatory = scope.boolean(fa.mandatory, `${fa_}.mandatory`, false);
  row.set('mandatory', mandatory, `${fa_}.mandatory`);
  const topLevel = coerceBoolean(holder.mandatory);
  if (topLevel.kind !== 'absent' && (topLevel.kind === 'invalid' || topLevel.value !== mandatory)) {
    scope.note(
      'top_level_mandatory_ignored',
      `${prefix}mandatory`,
      `${prefix}mandatory ${show(holder.mandatory)} has no column (freezer-api reads freezer_action.mandatory): mandatory stored as ${mandatory}`,
    );
  }

  row.set('backup_metadata', pythonJsonDumps(withoutVersion(scope, fa, fa_)), fa_);
  row.bookkeeping(source.createdAt);
  if (capabilities.headValidation) headActionViolations(scope, fa, fa_);
  return row.write(source.mode);
}

/** HEAD's enums for `freezer_action.action` and `.mode` (readable, but jobs using it cannot be started). */
export function headActionViolations(scope: DocumentScope, fa: JsonObject, field: string): void {
  const { action, mode } = fa;
  if (typeof action !== 'string' || !SUPPORTED_ACTIONS.includes(action)) {
    scope.note('head_schema_violation', `${field}.action`, `action ${show(action)} is not one of HEAD's actions (${SUPPORTED_ACTIONS.join(', ')})`);
  }
  if (mode !== undefined && mode !== null && (typeof mode !== 'string' || !SUPPORTED_MODES.includes(mode))) {
    scope.note('head_schema_violation', `${field}.mode`, `mode ${show(mode)} is not one of HEAD's modes (${SUPPORTED_MODES.join(', ')})`);
  }
}
