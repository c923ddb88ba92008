import {
  NOT_NULL,
  TRAILING_BOOKKEEPING_COLUMNS as TIMES,
  blob,
  boolean,
  datetime,
  integer,
  table,
  text,
  timestamp,
  varchar,
  type TableDefinition,
} from './table-definition.ts';

/**
 * Layout B as alembic revision `1333cef214d9` creates it (freezer-api 16.0.0 and later on an empty
 * database): InnoDB with the database's default charset, wider user ids than layout A, nullable
 * `clients.hostname` VARCHAR(128), NOT NULL `backups.user_name`, still `actions.src_file`. Contract §2.3.
 */
export function layoutBInitialTables(): TableDefinition[] {
  return [
    table('action_reports', [
      varchar('id', 36, NOT_NULL),
      varchar('project_id', 36),
      varchar('user_id', 64, NOT_NULL),
      varchar('result', 255),
      varchar('time_elapsed', 255),
      timestamp('report_date'),
      blob('log'),
      ...TIMES(),
    ]),
    table('actions', [
      varchar('id', 36, NOT_NULL),
      varchar('action', 255, NOT_NULL),
      varchar('project_id', 36),
      varchar('user_id', 64, NOT_NULL),
      varchar('actionmode', 255),
      varchar('src_file', 255),
      varchar('backup_name', 255),
      varchar('container', 255),
      integer('timeout'),
      integer('priority'),
      integer('max_retries_interval'),
      integer('max_retries'),
      boolean('mandatory'),
      varchar('log_file', 255),
      text('backup_metadata'),
      ...TIMES(),
    ]),
    table('backups', [
      varchar('id', 36, NOT_NULL),
      varchar('job_id', 36),
      varchar('project_id', 36),
      varchar('user_id', 64, NOT_NULL),
      varchar('user_name', 64, NOT_NULL),
      text('backup_metadata'),
      ...TIMES(),
    ]),
    table('clients', [
      varchar('id', 255, NOT_NULL),
      varchar('project_id', 36),
      varchar('user_id', 64, NOT_NULL),
      varchar('client_id', 255, NOT_NULL),
      varchar('hostname', 128),
      varchar('description', 255),
      varchar('uuid', 36, NOT_NULL),
      ...TIMES(),
    ]),
    table('sessions', [
      varchar('id', 36, NOT_NULL),
      integer('session_tag'),
      varchar('description', 255),
      integer('hold_off'),
      text('schedule'),
      text('job'),
      varchar('project_id', 36),
      varchar('user_id', 36, NOT_NULL),
      integer('time_start'),
      integer('time_end'),
      integer('time_started'),
      integer('time_ended'),
      varchar('status', 255),
      varchar('result', 255),
      ...TIMES(),
    ]),
    table('jobs', [
      varchar('id', 36, NOT_NULL),
      varchar('project_id', 36),
      varchar('user_id', 36, NOT_NULL),
      text('schedule'),
      varchar('client_id', 255, NOT_NULL),
      varchar('session_id', 36),
      integer('session_tag'),
      varchar('description', 255),
      text('job_actions'),
      ...TIMES(),
    ]),
  ];
}

/** `user_credentials` as revision `29a2fd19eb86` creates it (timestamps before the soft-delete pair). */
export function userCredentialsTable(): TableDefinition {
  return table('user_credentials', [
    varchar('id', 36, NOT_NULL),
    varchar('trust_id', 255, NOT_NULL),
    varchar('trustor_user_id', 64, NOT_NULL),
    varchar('job_id', 36, NOT_NULL),
    datetime('created_at'),
    datetime('updated_at'),
    datetime('deleted_at'),
    boolean('deleted'),
  ]);
}

/** `job_actions` as revision `a1b2c3d4e5f6` creates it: the only table with foreign keys. */
export function jobActionsTable(): TableDefinition {
  return table('job_actions', [
    varchar('id', 36, NOT_NULL),
    varchar('job_id', 36, NOT_NULL),
    varchar('action_id', 36, NOT_NULL),
    integer('position'),
    ...TIMES(),
  ], {
    foreignKeys: [
      { columns: ['job_id'], referencedTable: 'jobs', referencedColumns: ['id'] },
      { columns: ['action_id'], referencedTable: 'actions', referencedColumns: ['id'] },
    ],
  });
}

/** Client capability columns added by `23c8ad2655a6`, and the lists its backfill writes. */
export const CLIENT_CAPABILITY_DEFAULTS: ReadonlyArray<{ column: string; json: string }> = [
  { column: 'supported_actions', json: '["backup", "restore", "info", "admin", "exec"]' },
  { column: 'supported_modes', json: '["fs", "mongo", "mysql", "sqlserver", "cinder", "glance", "cindernative", "nova"]' },
  { column: 'supported_storages', json: '["local", "swift", "ssh", "s3", "ftp", "ftps"]' },
  { column: 'supported_engines', json: '["tar", "rsync", "rsyncv2", "nova", "osbrick", "glance"]' },
];
