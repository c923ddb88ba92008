import { dialectFacts, type DialectFacts } from '../schema/dialect-facts.ts';
import type { ColumnSchema, TargetSchema } from '../schema/table-schema.ts';

/**
 * What the target schema can hold, derived once per {@link TargetSchema} from its tables and
 * columns. Transforms ask these flags and never test a layout name or revision, so a
 * legacy-origin layout B, a database stuck between two alembic revisions or a 7.0.0-era
 * `mode` column are all handled by what is really there.
 */
export interface TargetCapabilities {
  readonly schema: TargetSchema;
  /** What the target's dialect can hold (text limits, NUL, timestamp range, charsets): asked, never its name. */
  readonly facts: DialectFacts;
  /** Columns of a table by name, or undefined when the table does not exist. */
  columns(table: string): ReadonlyMap<string, ColumnSchema> | undefined;
  /** `job_actions` link table (layout B from `a1b2c3d4e5f6`): one row per job entry. */
  readonly jobActionsTable: boolean;
  /** `jobs.job_actions` JSON column (layout A and B up to `4f8c679a1d3b`). */
  readonly jobActionsColumn: boolean;
  readonly backupUserName: boolean;
  readonly backupStatus: boolean;
  readonly userCredentialsTable: boolean;
  /** Name of the action mode column: `actionmode`, or `mode` on DBs made by 7.0.0's first script. */
  readonly actionModeColumn: string | null;
  /** Name of the path column: `path_to_backup`, or `src_file` before migrate v3 / alembic `e74c32f034c5`. */
  readonly actionPathColumn: string | null;
  /**
   * The freezer-api reading this target validates jobs with HEAD's stricter JSON schema (enums for
   * `action`/`mode`, ISO schedule dates, no unknown schedule keys). Taken from the `job_actions`
   * table, which arrived with that code; released 16.0.0–18.0.0 do not have it.
   */
  readonly headValidation: boolean;
}

const CACHE = new WeakMap<TargetSchema, TargetCapabilities>();
let last: TargetCapabilities | undefined;

function firstPresent(columns: ReadonlyMap<string, ColumnSchema> | undefined, names: string[]): string | null {
  if (columns === undefined) return null;
  return names.find((name) => columns.has(name)) ?? null;
}

/** The capabilities of a target schema (memoised per schema object). */
export function targetCapabilities(schema: TargetSchema): TargetCapabilities {
  // Asked once per document: the schema of the running migration answers without a WeakMap lookup.
  if (schema === last?.schema) return last;
  const cached = CACHE.get(schema);
  if (cached !== undefined) {
    last = cached;
    return cached;
  }
  const tables = new Map<string, ReadonlyMap<string, ColumnSchema>>();
  for (const [name, table] of Object.entries(schema.tables)) {
    tables.set(name, new Map(table.columns.map((c) => [c.name, c])));
  }
  const actions = tables.get('actions');
  const capabilities: TargetCapabilities = {
    schema,
    facts: dialectFacts(schema.dialect),
    columns: (table) => tables.get(table),
    jobActionsTable: tables.has('job_actions'),
    jobActionsColumn: tables.get('jobs')?.has('job_actions') ?? false,
    backupUserName: tables.get('backups')?.has('user_name') ?? false,
    backupStatus: tables.get('backups')?.has('status') ?? false,
    userCredentialsTable: tables.has('user_credentials'),
    actionModeColumn: firstPresent(actions, ['actionmode', 'mode']),
    actionPathColumn: firstPresent(actions, ['path_to_backup', 'src_file']),
    headValidation: tables.has('job_actions'),
  };
  CACHE.set(schema, capabilities);
  last = capabilities;
  return capabilities;
}
