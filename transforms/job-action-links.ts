import { freezerActionFingerprint } from './action-catalog.ts';
import { actionRow } from './action-row.ts';
import { derivedId } from '../core/derived-id.ts';
import type { DocumentScope, Ownership } from './document-scope.ts';
import { isJsonObject, JsonNumber, type JsonObject, type JsonValue } from '../core/json-value.ts';
import { RowBuilder } from './row-builder.ts';
import type { ChildRows, Row, RowWrite } from './transform-result.ts';

/** The rows a job's `job_actions` list becomes on a target with a `job_actions` table. */
export interface JobActionLinks {
  /** Action rows built from entries, to be written before the links (foreign keys). */
  actions: RowWrite[];
  links: ChildRows;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function hasActionName(fa: JsonObject): boolean {
  const action = fa.action;
  return nonEmptyString(action) || typeof action === 'number' || action instanceof JsonNumber;
}

/** The source paths of the job entry at one position of `job_actions`. */
interface EntryPaths {
  /** `job_actions.<n>`. */
  readonly at: string;
  /** `job_actions.<n>.`: the prefix of the entry's action fields. */
  readonly prefix: string;
  readonly actionId: string;
  readonly position: string;
}

/** Entry paths by position, built once (positions past the cache are built per entry). */
const ENTRY_PATHS: EntryPaths[] = [];
const MAX_CACHED_POSITIONS = 1024;

function entryPaths(position: number): EntryPaths {
  const cached = ENTRY_PATHS[position];
  if (cached !== undefined) return cached;
  const at = `job_actions.${position}`;
  const paths: EntryPaths = { at, prefix: `${at}.`, actionId: `${at}.action_id`, position: String(position) };
  if (position < MAX_CACHED_POSITIONS) ENTRY_PATHS[position] = paths;
  return paths;
}

/**
 * Layout B head: one `job_actions` link per entry, position = index in the list (gaps where an
 * entry is skipped), the way upstream's own migration `a1b2c3d4e5f6` converts the JSON list
 * (data contract §3.4), made deterministic:
 *
 * - entry with `action_id` → link to it, plus an `insert-if-absent` action row built from the entry,
 *   so an action whose document was deleted is recreated while an existing action is left as it is
 *   (= upstream "link to the stored action"; the job's copy is lost when they diverged);
 * - entry without `action_id` → a new action `derivedId('job_actions.action', jobId, position)`;
 * - entry without `freezer_action.action` → no action row can be built: linked only when
 *   `ctx.actionCatalog` knows the stored action (and that one has an action name), skipped otherwise,
 *   as upstream skips it. Without a catalog such an entry is always skipped: its action document
 *   was stored from the same entry, so it lacks the name too and is rejected itself;
 * - not an object → skipped.
 *
 * With `ctx.actionCatalog` it also reports entries diverging from their stored action, entries
 * naming a missing action, and links freezer-api will hide because the action's project differs.
 */
export function jobActionLinks(
  scope: DocumentScope,
  jobId: string,
  jobOwner: Ownership,
  createdAt: Date,
  entries: readonly JsonValue[],
): JobActionLinks {
  const catalog = scope.ctx.actionCatalog;
  const actions: RowWrite[] = [];
  const seen = new Set<string>();
  const rows: Row[] = [];
  const fields: Array<Readonly<Record<string, string>>> = [];

  entries.forEach((entry, position) => {
    const paths = entryPaths(position);
    const at = paths.at;
    if (!isJsonObject(entry)) {
      scope.note('job_entry_skipped', at, 'entry is not an object: no link');
      return;
    }
    const fa = isJsonObject(entry.freezer_action) ? entry.freezer_action : {};
    const named = hasActionName(fa);
    const givenId = nonEmptyString(entry.action_id) ? entry.action_id : null;
    const stored = givenId === null ? undefined : catalog?.get(givenId);
    const knownMissing = givenId !== null && catalog !== undefined && stored === undefined;

    if (!named && stored === undefined) {
      scope.note('job_entry_skipped', `${at}.freezer_action.action`, 'entry has no freezer_action.action and names no stored action known to have one: no link (as upstream)');
      return;
    }
    const actionId = givenId ?? derivedId('job_actions.action', jobId, paths.position);
    const owner: Ownership = {
      userId: nonEmptyString(entry.user_id) ? entry.user_id : jobOwner.userId,
      projectId: nonEmptyString(entry.project_id) ? entry.project_id : jobOwner.projectId,
    };

    if (givenId === null) scope.note('job_entry_action_created', at, `entry without action_id: created action ${actionId}`);
    else if (!named) scope.note('job_entry_without_action_name', `${at}.freezer_action.action`, `entry has no freezer_action.action: linked to the stored action ${givenId}`);
    if (knownMissing) scope.note('job_entry_action_missing', paths.actionId, `action ${givenId} has no action document: recreated from the job entry`);
    if (stored !== undefined && isJsonObject(entry.freezer_action) && freezerActionFingerprint(fa) !== stored.fingerprint) {
      scope.note('job_entry_diverges', `${at}.freezer_action`, `entry differs from stored action ${actionId}: the link shows the stored action, the job's copy is not kept`);
    }
    const actionProject = stored !== undefined ? (stored.projectId ?? scope.ctx.defaultProjectId) : nonEmptyString(entry.project_id) ? entry.project_id : undefined;
    if (actionProject !== undefined && actionProject !== jobOwner.projectId) {
      scope.note('cross_project_action_ref', paths.actionId, `action ${actionId} belongs to project ${actionProject ?? '(none)'}, the job to ${jobOwner.projectId ?? '(none)'}: freezer-api hides this link on read`);
    }

    if (named && !seen.has(actionId)) {
      seen.add(actionId);
      const write = actionRow(scope, {
        id: actionId,
        idField: givenId === null ? 'job_id' : paths.actionId,
        freezerAction: fa,
        holder: entry,
        prefix: paths.prefix,
        owner,
        createdAt,
        mode: givenId === null ? 'upsert' : 'insert-if-absent',
      });
      if (write !== null) actions.push(write);
    }
    const link = new RowBuilder(scope.capabilities, 'job_actions');
    link.set('id', derivedId('job_actions', jobId, paths.position));
    link.set('job_id', jobId, 'job_id').set('action_id', actionId, givenId === null ? undefined : paths.actionId);
    link.set('position', position).bookkeeping(createdAt);
    rows.push(link.row());
    fields.push(link.fields());
  });

  return { actions, links: { table: 'job_actions', parentColumn: 'job_id', parentId: jobId, rows, fields } };
}
