import type { SourceDocument } from '../../core/source-document.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import type { JsonObject } from '../../core/json-value.ts';
import { targetCapabilities } from '../target-capabilities.ts';
import type { ApiDocument } from '../../core/canonical-json.ts';
import { columnBoolean, columnInteger, columnString, objectOrEmpty, ownerProject, withoutVersion } from './column-values.ts';
import type { ReadbackContext } from './readback-context.ts';
import { isVisibleRow, sqlBoolean, sqlInteger, sqlJson, sqlText, type SqlRow } from './sql-values.ts';
import { isJsonObject } from '../../core/json-value.ts';

/** Where an action's parts come from: an action document, or a layout-B job entry. */
export interface ActionParts {
  id: string;
  projectId: string | null;
  userId: string | null;
  /** The object holding `max_retries` and `max_retries_interval`. */
  holder: JsonObject;
  freezerAction: JsonObject;
}

/**
 * `freezer_action` as freezer-api returns it: the stored JSON (without `_version`) overlaid with
 * the eight column values, which es2sql fills per its coercion policy (`src_file` fills an absent
 * `path_to_backup`; `timeout`/`priority` that are not integers are NULL).
 */
function overlaidFreezerAction(fa: JsonObject, schema: TargetSchema): ApiDocument {
  const capabilities = targetCapabilities(schema);
  let path = columnString(fa.path_to_backup);
  if (path === null && fa.src_file !== undefined && fa.src_file !== null) path = columnString(fa.src_file);
  const has = (column: string) => capabilities.columns('actions')?.has(column) === true;
  return {
    ...withoutVersion(fa),
    backup_name: has('backup_name') ? columnString(fa.backup_name) : null,
    action: columnString(fa.action),
    mode: capabilities.actionModeColumn === null ? null : columnString(fa.mode),
    container: has('container') ? columnString(fa.container) : null,
    timeout: has('timeout') ? columnInteger(fa.timeout, null) : null,
    priority: has('priority') ? columnInteger(fa.priority, null) : null,
    path_to_backup: capabilities.actionPathColumn === null ? null : path,
    log_file: has('log_file') ? columnString(fa.log_file) : null,
  };
}

/**
 * An action as `convert_action_to_dict` (HEAD) / `get_action` returns it, from its parts:
 * `{project_id, action_id, user_id, max_retries, max_retries_interval, freezer_action}` with
 * retries 5/6 when absent or not integers. This is also the shape of a layout-B job entry.
 */
export function actionDocument(parts: ActionParts, schema: TargetSchema): ApiDocument {
  return {
    project_id: parts.projectId,
    action_id: parts.id,
    user_id: parts.userId,
    max_retries: columnInteger(parts.holder.max_retries, 5),
    max_retries_interval: columnInteger(parts.holder.max_retries_interval, 6),
    freezer_action: overlaidFreezerAction(parts.freezerAction, schema),
  };
}

/**
 * The action freezer-api returns for a migrated `actions` document (contract §3.2 Action, §3.3):
 * the {@link actionDocument} plus `mandatory` as `search_action` shows it (read from
 * `freezer_action.mandatory` only; the document's top-level `mandatory` and other extra keys are gone).
 */
export function expectedAction(doc: SourceDocument, ctx: ReadbackContext): ApiDocument {
  const source = doc.source;
  const fa = objectOrEmpty(source.freezer_action);
  const parts: ActionParts = { id: ctx.sqlId, projectId: ownerProject(source, ctx.defaultProjectId), userId: columnString(source.user_id), holder: source, freezerAction: fa };
  return { ...actionDocument(parts, ctx.schema), mandatory: columnBoolean(fa.mandatory, false) };
}

/** An `actions` row as `convert_action_to_dict` rebuilds it (NULL `backup_metadata` reads as `{}`). */
export function actionRowDocument(row: SqlRow, schema: TargetSchema): ApiDocument {
  const capabilities = targetCapabilities(schema);
  const decoded = sqlJson(row.backup_metadata);
  const stored = isJsonObject(decoded) ? decoded : decoded === null ? {} : { $not_an_object: decoded };
  const column = (name: string | null) => (name === null ? null : sqlText(row[name]));
  return {
    project_id: sqlText(row.project_id),
    action_id: sqlText(row.id),
    user_id: sqlText(row.user_id),
    max_retries: sqlInteger(row.max_retries),
    max_retries_interval: sqlInteger(row.max_retries_interval),
    freezer_action: {
      ...stored,
      backup_name: sqlText(row.backup_name),
      action: sqlText(row.action),
      mode: column(capabilities.actionModeColumn),
      container: sqlText(row.container),
      timeout: sqlInteger(row.timeout),
      priority: sqlInteger(row.priority),
      path_to_backup: column(capabilities.actionPathColumn),
      log_file: sqlText(row.log_file),
    },
  };
}

/** An `actions` row read back as a standalone action ({@link actionRowDocument} plus `mandatory`). */
export function actionFromRow(row: SqlRow, schema: TargetSchema): ApiDocument {
  return { ...actionRowDocument(row, schema), mandatory: sqlBoolean(row.mandatory) };
}

/** Whether freezer-api would see this action row at all. */
export function isVisibleAction(row: SqlRow | undefined): row is SqlRow {
  return row !== undefined && isVisibleRow(row);
}
