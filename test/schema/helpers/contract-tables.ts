import type { Dialect } from '../../../schema/dialect.ts';
import type { ColumnSchema, ColumnType, TableSchema } from '../../../schema/table-schema.ts';

/**
 * freezer-api's tables transcribed from the data contract's column tables (§2.2 layout A, §2.3
 * layout B), independently of es2sql's layout definitions: the expectations the schema tests hold
 * es2sql's databases to. Notation as in the contract: `name TYPE[(n)] [NN]`, a bare name is one of
 * the bookkeeping columns (DATETIME, or BOOLEAN for `deleted`), `DEFAULT x` where the database has one.
 */
const LAYOUT_A = {
  clients: 'created_at DATETIME, updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN, user_id VARCHAR(36) NN, id VARCHAR(255) NN, project_id VARCHAR(36), client_id VARCHAR(255) NN, hostname VARCHAR(255) NN, description VARCHAR(255), uuid VARCHAR(36) NN',
  sessions: 'created_at, updated_at, deleted_at, deleted, id VARCHAR(36) NN, session_tag INTEGER, description VARCHAR(255), hold_off INTEGER, schedule TEXT, job TEXT, project_id VARCHAR(36), user_id VARCHAR(36) NN, time_start INTEGER, time_end INTEGER, time_started INTEGER, time_ended INTEGER, status VARCHAR(255), result VARCHAR(255)',
  jobs: 'created_at, updated_at, deleted_at, deleted, id VARCHAR(36) NN, project_id VARCHAR(36), user_id VARCHAR(36) NN, schedule TEXT, client_id VARCHAR(255) NN, session_id VARCHAR(36), session_tag INTEGER, description VARCHAR(255), job_actions TEXT',
  actions: 'created_at, updated_at, deleted_at, deleted, id VARCHAR(36) NN, action VARCHAR(255) NN, project_id VARCHAR(36), user_id VARCHAR(36) NN, actionmode VARCHAR(255), path_to_backup VARCHAR(255), backup_name VARCHAR(255), container VARCHAR(255), timeout INTEGER, priority INTEGER, max_retries_interval INTEGER, max_retries INTEGER, mandatory BOOLEAN, log_file VARCHAR(255), backup_metadata TEXT',
  action_reports: 'created_at, updated_at, deleted_at, deleted, id VARCHAR(36) NN, project_id VARCHAR(36), user_id VARCHAR(36) NN, result VARCHAR(255), time_elapsed VARCHAR(255), report_date TIMESTAMP, log BLOB',
  backups: 'created_at, updated_at, deleted_at, deleted, id VARCHAR(36) NN, job_id VARCHAR(36), project_id VARCHAR(36), user_id VARCHAR(64) NN, user_name VARCHAR(64), backup_metadata TEXT',
  migrate_version: 'repository_id VARCHAR(250) NN, repository_path TEXT, version INTEGER',
};

const LAYOUT_B_HEAD = {
  clients: 'id VARCHAR(255) NN, project_id VARCHAR(36), user_id VARCHAR(64) NN, client_id VARCHAR(255) NN, hostname VARCHAR(128), description VARCHAR(255), uuid VARCHAR(36) NN, deleted_at, deleted, created_at, updated_at, supported_actions VARCHAR(255), supported_modes VARCHAR(255), supported_storages VARCHAR(255), supported_engines VARCHAR(255), is_central BOOLEAN NN DEFAULT false',
  actions: 'id VARCHAR(36) NN, action VARCHAR(255) NN, project_id VARCHAR(36), user_id VARCHAR(64) NN, actionmode VARCHAR(255), path_to_backup VARCHAR(255), backup_name VARCHAR(255), container VARCHAR(255), timeout INTEGER, priority INTEGER, max_retries_interval INTEGER, max_retries INTEGER, mandatory BOOLEAN, log_file VARCHAR(255), backup_metadata TEXT, deleted_at, deleted, created_at, updated_at',
  action_reports: 'id VARCHAR(36) NN, project_id VARCHAR(36), user_id VARCHAR(64) NN, result VARCHAR(255), time_elapsed VARCHAR(255), report_date TIMESTAMP, log BLOB, deleted_at, deleted, created_at, updated_at',
  sessions: 'id VARCHAR(36) NN, session_tag INTEGER, description VARCHAR(255), hold_off INTEGER, schedule TEXT, job TEXT, project_id VARCHAR(36), user_id VARCHAR(64) NN, time_start INTEGER, time_end INTEGER, time_started INTEGER, time_ended INTEGER, status VARCHAR(255), result VARCHAR(255), deleted_at, deleted, created_at, updated_at',
  jobs: 'id VARCHAR(36) NN, project_id VARCHAR(36), user_id VARCHAR(64) NN, schedule TEXT, client_id VARCHAR(255) NN, session_id VARCHAR(36), session_tag INTEGER, description VARCHAR(255), deleted_at, deleted, created_at, updated_at',
  job_actions: 'id VARCHAR(36) NN, job_id VARCHAR(36) NN, action_id VARCHAR(36) NN, position INTEGER, deleted_at, deleted, created_at, updated_at',
  backups: 'id VARCHAR(36) NN, job_id VARCHAR(36), project_id VARCHAR(36), user_id VARCHAR(64) NN, backup_metadata TEXT, deleted_at, deleted, created_at, updated_at, status VARCHAR(64) NN DEFAULT available',
  user_credentials: 'id VARCHAR(36) NN, trust_id VARCHAR(255) NN, trustor_user_id VARCHAR(64) NN, job_id VARCHAR(36) NN, created_at, updated_at, deleted_at, deleted',
  alembic_version: 'version_num VARCHAR(32) NN',
};

/** Revisions 1–3 of §2.3 (1333cef214d9 widths, src_file renamed, capability columns): 16.0.0–18.0.0. */
const LAYOUT_B_RELEASED = {
  clients: 'id VARCHAR(255) NN, project_id VARCHAR(36), user_id VARCHAR(64) NN, client_id VARCHAR(255) NN, hostname VARCHAR(128), description VARCHAR(255), uuid VARCHAR(36) NN, deleted_at, deleted, created_at, updated_at, supported_actions VARCHAR(255), supported_modes VARCHAR(255), supported_storages VARCHAR(255), supported_engines VARCHAR(255)',
  actions: LAYOUT_B_HEAD.actions,
  action_reports: LAYOUT_B_HEAD.action_reports,
  sessions: LAYOUT_B_HEAD.sessions.replace('user_id VARCHAR(64)', 'user_id VARCHAR(36)'),
  jobs: 'id VARCHAR(36) NN, project_id VARCHAR(36), user_id VARCHAR(36) NN, schedule TEXT, client_id VARCHAR(255) NN, session_id VARCHAR(36), session_tag INTEGER, description VARCHAR(255), job_actions TEXT, deleted_at, deleted, created_at, updated_at',
  backups: 'id VARCHAR(36) NN, job_id VARCHAR(36), project_id VARCHAR(36), user_id VARCHAR(64) NN, user_name VARCHAR(64) NN, backup_metadata TEXT, deleted_at, deleted, created_at, updated_at',
  alembic_version: LAYOUT_B_HEAD.alembic_version,
};

export const CONTRACT_LAYOUTS = { A: LAYOUT_A, 'B@23c8ad2655a6': LAYOUT_B_RELEASED, 'B@7a3b9c1d2e4f': LAYOUT_B_HEAD };
export type ContractLayout = keyof typeof CONTRACT_LAYOUTS;

const BARE: Record<string, string> = { created_at: 'DATETIME', updated_at: 'DATETIME', deleted_at: 'DATETIME', deleted: 'BOOLEAN' };

/** What a column of the contract looks like in es2sql's introspection on `dialect`. */
function expectedColumn(spec: string, dialect: Dialect): ColumnSchema {
  const [name = '', ...rest] = spec.trim().split(/\s+/);
  const words = rest.length ? rest : [BARE[name] ?? ''];
  const typeMatch = /^([A-Z]+)(?:\((\d+)\))?$/.exec(words[0] ?? '');
  const named = (typeMatch?.[1] ?? '').toLowerCase();
  const type = (dialect === 'postgres' && named === 'timestamp' ? 'datetime' : named) as ColumnType;
  const column: ColumnSchema = { name, type, nullable: !words.includes('NN'), hasDefault: words.includes('DEFAULT') };
  if (typeMatch?.[2]) column.length = Number(typeMatch[2]);
  if (type === 'text' && dialect === 'mysql') column.length = 65_535;
  const defaultText = words[words.indexOf('DEFAULT') + 1];
  if (column.hasDefault && defaultText) column.defaultValue = type === 'boolean' ? defaultText === 'true' : defaultText;
  return column;
}

/** The contract's tables of a layout as es2sql's introspection should report them (no charsets). */
export function contractTables(layout: ContractLayout, dialect: Dialect): Record<string, ColumnSchema[]> {
  return Object.fromEntries(Object.entries(CONTRACT_LAYOUTS[layout]).map(([table, spec]) => [table, spec.split(',').map((c) => expectedColumn(c, dialect))]));
}

/** Columns without MySQL charset/collation, for comparing with the contract. */
export function withoutCharsets(table: TableSchema | undefined): ColumnSchema[] | undefined {
  return table?.columns.map(({ charset: _c, collation: _k, ...rest }) => rest);
}
