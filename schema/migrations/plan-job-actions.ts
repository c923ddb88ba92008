import { parseJson } from '../../core/parse-json.ts';
import { pythonJsonDumps } from '../../core/python-json.ts';
import { JsonNumber, isJsonObject, type JsonObject, type JsonValue } from '../../core/json-value.ts';
import { inlineActionId, jobActionLinkId } from './deterministic-id.ts';

/** The columns of a layout-A/early-B `jobs` row the move reads. */
export interface LegacyJobRow {
  id: string;
  project_id: string | null;
  user_id: string;
  /** JSON text (SQLite may hand back the bytes freezer-api wrote). */
  job_actions: string | Uint8Array | null;
}

/** An `actions` row to create; `created_at`/`updated_at` are copied from the job `jobId` in SQL. */
export interface PlannedAction {
  jobId: string;
  position: number;
  values: Record<string, string | number | boolean | null>;
}

export interface PlannedLink {
  id: string;
  job_id: string;
  action_id: string;
  position: number;
  deleted: boolean;
}

export interface JobActionsPlan {
  actions: PlannedAction[];
  links: PlannedLink[];
  /** One line per skipped job or entry, as alembic's a1b2c3d4e5f6 logs them. */
  warnings: string[];
}

type Coerced<T> = { value: T | null; bad: boolean };

function asText(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof JsonNumber) return String(value);
  return pythonJsonDumps(value);
}

function asInteger(value: JsonValue | undefined): Coerced<number> {
  if (value === undefined || value === null) return { value: null, bad: false };
  if (typeof value === 'boolean') return { value: value ? 1 : 0, bad: false };
  const text = typeof value === 'number' || value instanceof JsonNumber ? String(value) : typeof value === 'string' ? value.trim() : '';
  const number = Number(text);
  if (/^-?\d+$/.test(text) && Number.isSafeInteger(number)) return { value: number, bad: false };
  return { value: null, bad: true };
}

function asBoolean(value: JsonValue | undefined): Coerced<boolean> {
  if (value === undefined || value === null) return { value: null, bad: false };
  if (typeof value === 'boolean') return { value, bad: false };
  if (value === 0 || value === 1) return { value: value === 1, bad: false };
  return { value: null, bad: true };
}

function decodeList(job: LegacyJobRow, warnings: string[]): JsonValue[] {
  const raw = job.job_actions;
  const text = raw instanceof Uint8Array ? new TextDecoder().decode(raw) : raw;
  if (!text) return [];
  let parsed: JsonValue;
  try {
    parsed = parseJson(text);
  } catch {
    warnings.push(`job ${job.id}: jobs.job_actions is not valid JSON; job skipped, no job_actions rows`);
    return [];
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed)) {
    warnings.push(`job ${job.id}: jobs.job_actions is not a list; job skipped, no job_actions rows`);
    return [];
  }
  return parsed;
}

function actionValues(entry: JsonObject, freezerAction: JsonObject, id: string, job: LegacyJobRow, note: (text: string) => void): PlannedAction['values'] {
  const integer = (key: string, source: JsonObject, fallback?: number) => {
    const coerced = asInteger(key in source ? source[key] : fallback);
    if (coerced.bad) note(`${key} ${pythonJsonDumps(source[key] ?? null)} is not an integer, stored as NULL`);
    return coerced.value;
  };
  const mandatory = asBoolean(freezerAction.mandatory);
  if (mandatory.bad) note(`freezer_action.mandatory ${pythonJsonDumps(freezerAction.mandatory ?? null)} is not a boolean, stored as NULL`);
  return {
    id,
    action: asText(freezerAction.action),
    project_id: asText(entry.project_id) || job.project_id,
    user_id: asText(entry.user_id) || job.user_id,
    actionmode: asText(freezerAction.mode),
    path_to_backup: asText(freezerAction.path_to_backup),
    backup_name: asText(freezerAction.backup_name),
    container: asText(freezerAction.container),
    timeout: integer('timeout', freezerAction),
    priority: integer('priority', freezerAction),
    max_retries_interval: integer('max_retries_interval', entry, 6),
    max_retries: integer('max_retries', entry, 5),
    mandatory: mandatory.value,
    log_file: asText(freezerAction.log_file),
    backup_metadata: pythonJsonDumps(freezerAction),
    deleted: false,
  };
}

/**
 * Plans how layout A's `jobs.job_actions` JSON becomes layout B's `job_actions` rows, following
 * alembic `a1b2c3d4e5f6` (contract §3.4): an entry whose `action_id` names an existing action is only
 * linked; any other entry becomes a new action (its own `action_id`, or a deterministic id when it
 * has none) built from its `freezer_action`, unless that has no `action`. Invalid JSON, non-lists and
 * non-object entries are skipped with a warning. Link ids are deterministic, so a rerun plans
 * identical rows. Pure: the caller reads the rows and writes the plan.
 */
export function planJobActions(jobs: readonly LegacyJobRow[], existingActionIds: ReadonlySet<string>): JobActionsPlan {
  const known = new Set(existingActionIds);
  const plan: JobActionsPlan = { actions: [], links: [], warnings: [] };
  for (const job of jobs) {
    decodeList(job, plan.warnings).forEach((entry, position) => {
      const where = `job ${job.id}, job_actions entry ${position}`;
      if (!isJsonObject(entry)) {
        plan.warnings.push(`${where}: not an object; skipped`);
        return;
      }
      const given = typeof entry.action_id === 'string' || typeof entry.action_id === 'number' || entry.action_id instanceof JsonNumber ? String(entry.action_id) : '';
      const actionId = given || inlineActionId(job.id, position);
      if (!known.has(actionId)) {
        const freezerAction = isJsonObject(entry.freezer_action) ? entry.freezer_action : {};
        if (!asText(freezerAction.action)) {
          plan.warnings.push(`${where}: ${given ? `action ${given} does not exist` : 'no action_id'} and freezer_action has no action to create one from; skipped`);
          return;
        }
        const values = actionValues(entry, freezerAction, actionId, job, (text) => plan.warnings.push(`${where}: ${text}`));
        plan.actions.push({ jobId: job.id, position, values });
        known.add(actionId);
      }
      plan.links.push({ id: jobActionLinkId(job.id, position), job_id: job.id, action_id: actionId, position, deleted: false });
    });
  }
  return plan;
}
