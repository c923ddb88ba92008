import type { Dialect } from '../../../schema/dialect.ts';
import type { ColumnSchema, ColumnType, TableSchema, TargetSchema } from '../../../schema/table-schema.ts';

/**
 * Small TargetSchema fixtures for the transform unit tests, written from the column tables of the
 * data contract §2.2 (layout A) and §2.3 (layout B). Stand-ins until schema/ provides
 * `freshLayoutSchema(dialect, layout, revision)`; only what transforms look at is modelled.
 *
 * Column notation: `name type[(length)] [nn] [default]`, e.g. `'id varchar(36) nn'`.
 */
const TIMESTAMPS = ['created_at datetime', 'updated_at datetime', 'deleted_at datetime', 'deleted boolean'];

function parseColumn(spec: string, dialect: Dialect, charset: string): ColumnSchema {
  const [name = '', typeSpec = '', ...flags] = spec.split(' ');
  const match = /^(\w+)(?:\((\d+)\))?$/.exec(typeSpec);
  if (match === null) throw new Error(`bad column spec ${spec}`);
  const type = match[1] as ColumnType;
  const column: ColumnSchema = { name, type, nullable: !flags.includes('nn'), hasDefault: flags.includes('default') };
  if (match[2] !== undefined) column.length = Number(match[2]);
  if (type === 'text' && dialect === 'mysql') column.length = 65_535;
  if (dialect === 'mysql' && (type === 'varchar' || type === 'text')) column.charset = charset;
  return column;
}

function table(name: string, specs: string[], dialect: Dialect, charset: string): TableSchema {
  return { name, columns: specs.map((spec) => parseColumn(spec, dialect, charset)), primaryKey: ['id'] };
}

interface Widths {
  clientUserId: number;
  actionUserId: number;
  jobUserId: number;
  hostname: string;
}

const A_WIDTHS: Widths = { clientUserId: 36, actionUserId: 36, jobUserId: 36, hostname: 'hostname varchar(255) nn' };

function commonTables(w: Widths): Record<string, string[]> {
  return {
    clients: [
      ...TIMESTAMPS,
      `user_id varchar(${w.clientUserId}) nn`,
      'id varchar(255) nn',
      'project_id varchar(36)',
      'client_id varchar(255) nn',
      w.hostname,
      'description varchar(255)',
      'uuid varchar(36) nn',
    ],
    sessions: [
      ...TIMESTAMPS,
      'id varchar(36) nn',
      'session_tag integer',
      'description varchar(255)',
      'hold_off integer',
      'schedule text',
      'job text',
      'project_id varchar(36)',
      `user_id varchar(${w.jobUserId}) nn`,
      'time_start integer',
      'time_end integer',
      'time_started integer',
      'time_ended integer',
      'status varchar(255)',
      'result varchar(255)',
    ],
    jobs: [
      ...TIMESTAMPS,
      'id varchar(36) nn',
      'project_id varchar(36)',
      `user_id varchar(${w.jobUserId}) nn`,
      'schedule text',
      'client_id varchar(255) nn',
      'session_id varchar(36)',
      'session_tag integer',
      'description varchar(255)',
    ],
    actions: [
      ...TIMESTAMPS,
      'id varchar(36) nn',
      'action varchar(255) nn',
      'project_id varchar(36)',
      `user_id varchar(${w.actionUserId}) nn`,
      'actionmode varchar(255)',
      'path_to_backup varchar(255)',
      'backup_name varchar(255)',
      'container varchar(255)',
      'timeout integer',
      'priority integer',
      'max_retries_interval integer',
      'max_retries integer',
      'mandatory boolean',
      'log_file varchar(255)',
      'backup_metadata text',
    ],
    action_reports: [
      ...TIMESTAMPS,
      'id varchar(36) nn',
      'project_id varchar(36)',
      `user_id varchar(${w.actionUserId}) nn`,
      'result varchar(255)',
      'time_elapsed varchar(255)',
      'report_date timestamp',
      'log blob',
    ],
    backups: [
      ...TIMESTAMPS,
      'id varchar(36) nn',
      'job_id varchar(36)',
      'project_id varchar(36)',
      'user_id varchar(64) nn',
      'backup_metadata text',
    ],
  };
}

function build(
  dialect: Dialect,
  layout: 'A' | 'B',
  revision: string,
  specs: Record<string, string[]>,
  charset: string,
): TargetSchema {
  const tables: Record<string, TableSchema> = {};
  for (const [name, columns] of Object.entries(specs)) tables[name] = table(name, columns, dialect, charset);
  return { dialect, layout, revision, tables };
}

/** Layout A (Debian 13.0.0, migrate version 3); MySQL tables utf8mb3 unless told otherwise. */
export function layoutA(dialect: Dialect, options: { charset?: string } = {}): TargetSchema {
  const specs = commonTables(A_WIDTHS);
  specs.jobs?.push('job_actions text');
  specs.backups?.push('user_name varchar(64)');
  return build(dialect, 'A', '3', specs, options.charset ?? 'utf8mb3');
}

const B_WIDTHS: Widths = { clientUserId: 64, actionUserId: 64, jobUserId: 36, hostname: 'hostname varchar(128)' };
const CAPABILITY_COLUMNS = ['supported_actions', 'supported_modes', 'supported_storages', 'supported_engines'].map(
  (name) => `${name} varchar(255)`,
);

/** Layout B as released in 16.0.0–18.0.0 (alembic head `23c8ad2655a6`), created fresh. */
export function layoutBReleased(dialect: Dialect, options: { charset?: string } = {}): TargetSchema {
  const specs = commonTables(B_WIDTHS);
  specs.clients?.push(...CAPABILITY_COLUMNS);
  specs.jobs?.push('job_actions text');
  specs.backups?.push('user_name varchar(64) nn');
  return build(dialect, 'B', '23c8ad2655a6', specs, options.charset ?? 'utf8mb4');
}

/**
 * Layout B at upstream HEAD (`7a3b9c1d2e4f`). `origin: 'A'` gives a database upgraded from layout A:
 * A's widths (36-char user ids on clients/actions/reports, hostname 255 NOT NULL) and utf8mb3 tables.
 */
export function layoutBHead(dialect: Dialect, options: { origin?: 'A'; charset?: string } = {}): TargetSchema {
  const legacy = options.origin === 'A';
  const specs = commonTables(legacy ? A_WIDTHS : B_WIDTHS);
  specs.clients?.push(...CAPABILITY_COLUMNS, 'is_central boolean nn default');
  specs.backups?.push('status varchar(64) nn default');
  for (const name of ['jobs', 'sessions']) {
    const columns = specs[name] ?? [];
    const index = columns.findIndex((c) => c.startsWith('user_id '));
    columns[index] = 'user_id varchar(64) nn';
  }
  specs.job_actions = [...TIMESTAMPS, 'id varchar(36) nn', 'job_id varchar(36) nn', 'action_id varchar(36) nn', 'position integer'];
  specs.user_credentials = [
    ...TIMESTAMPS,
    'id varchar(36) nn',
    'trust_id varchar(255) nn',
    'trustor_user_id varchar(64) nn',
    'job_id varchar(36) nn',
  ];
  const schema = build(dialect, 'B', '7a3b9c1d2e4f', specs, options.charset ?? (legacy ? 'utf8mb3' : 'utf8mb4'));
  return legacy ? { ...schema, origin: 'A' } : schema;
}

/** Every fixture, named, for suites that run a case on each target. */
export function allTargets(dialect: Dialect): Array<{ name: string; schema: TargetSchema }> {
  return [
    { name: `A/${dialect}`, schema: layoutA(dialect) },
    { name: `B@23c8ad2655a6/${dialect}`, schema: layoutBReleased(dialect) },
    { name: `B-head/${dialect}`, schema: layoutBHead(dialect) },
    { name: `B-head(from A)/${dialect}`, schema: layoutBHead(dialect, { origin: 'A' }) },
  ];
}
