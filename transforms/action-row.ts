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

/** The dotted source paths of an action's values under one holder prefix, built once per prefix. */
interface ActionPaths {
  readonly freezerAction: string;
  readonly action: string;
  readonly mode: string;
  readonly pathToBackup: string;
  readonly srcFile: string;
  readonly text: ReadonlyArray<readonly [column: string, field: string]>;
  readonly timeout: string;
  readonly priority: string;
  readonly maxRetries: string;
  readonly maxRetriesInterval: string;
  readonly mandatory: string;
  readonly topLevelMandatory: string;
  readonly userId: string;
  readonly projectId: string;
}

const TEXT_COLUMNS = ['backup_name', 'container', 'log_file'] as const;
/** Prefixes seen so far ('' and `job_actions.<n>.`); bounded so a job with a huge list cannot grow it without end. */
const PATHS = new Map<string, ActionPaths>();
const MAX_CACHED_PREFIXES = 1024;

function actionPaths(prefix: string): ActionPaths {
  const cached = PATHS.get(prefix);
  if (cached !== undefined) return cached;
  const fa = `${prefix}freezer_action`;
  const paths: ActionPaths = {
    freezerAction: fa,
    action: `${fa}.action`,
    mode: `${fa}.mode`,
    pathToBackup: `${fa}.path_to_backup`,
    srcFile: `${fa}.src_file`,
    text: TEXT_COLUMNS.map((key) => [key, `${fa}.${key}`] as const),
    timeout: `${fa}.timeout`,
    priority: `${fa}.priority`,
    maxRetries: `${prefix}max_retries`,
    maxRetriesInterval: `${prefix}max_retries_interval`,
    mandatory: `${fa}.mandatory`,
    topLevelMandatory: `${prefix}mandatory`,
    userId: `${prefix}user_id`,
    projectId: `${prefix}project_id`,
  };
  if (PATHS.size < MAX_CACHED_PREFIXES) PATHS.set(prefix, paths);
  return paths;
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
  const paths = actionPaths(prefix);
  const fa_ = paths.freezerAction;
  const capabilities = scope.capabilities;
  const row = new RowBuilder(capabilities, 'actions');

  const action = coerceString(fa.action);
  if (action.kind === 'absent') {
    scope.reject('missing_required_field', paths.action, `${fa_}.action is missing (actions.action is NOT NULL)`);
  }
  if (action.kind === 'invalid') scope.reject('invalid_value', paths.action, `${fa_}.action is ${show(fa.action)}, not a string`);
  row.set('id', source.id, source.idField).set('action', action.value, paths.action);
  row.set('user_id', source.owner.userId, paths.userId).set('project_id', source.owner.projectId, paths.projectId);

  if (capabilities.actionModeColumn !== null) row.set(capabilities.actionModeColumn, scope.string(fa.mode, paths.mode), paths.mode);
  if (capabilities.actionPathColumn !== null) {
    let path = scope.string(fa.path_to_backup, paths.pathToBackup);
    let pathField = paths.pathToBackup;
    if (path === null && fa.src_file !== undefined && fa.src_file !== null) {
      pathField = paths.srcFile;
      path = scope.string(fa.src_file, pathField);
      if (path !== null) {
        scope.note('src_file_copied_to_path_to_backup', pathField, `legacy src_file ${show(path)} written to the path_to_backup column`);
      }
    }
    row.set(capabilities.actionPathColumn, path, pathField);
  }
  for (const [key, field] of paths.text) row.set(key, scope.string(fa[key], field), field);
  row.set('timeout', scope.integer(fa.timeout, paths.timeout, null), paths.timeout);
  row.set('priority', scope.integer(fa.priority, paths.priority, null), paths.priority);
  row.set('max_retries', scope.integer(holder.max_retries, paths.maxRetries, 5), paths.maxRetries);
  row.set('max_retries_interval', scope.integer(holder.max_retries_interval, paths.maxRetriesInterval, 6), paths.maxRetriesInterval);

  const mandatory = scope.boolean(fa.mandatory, paths.mandatory, false);
  row.set('mandatory', mandatory, paths.mandatory);
  const topLevel = holder.mandatory === undefined || holder.mandatory === null ? null : coerceBoolean(holder.mandatory);
  if (topLevel !== null && (topLevel.kind === 'invalid' || (topLevel.kind === 'ok' && topLevel.value !== mandatory))) {
    scope.note(
      'top_level_mandatory_ignored',
      paths.topLevelMandatory,
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
