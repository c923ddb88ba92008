import {
  LEADING_BOOKKEEPING_COLUMNS as TIMES,
  NOT_NULL,
  blob,
  boolean,
  integer,
  table,
  text,
  timestamp,
  varchar,
  type TableDefinition,
} from './table-definition.ts';

const A = { mysqlCharset: 'utf8' };

/**
 * Layout A as sqlalchemy-migrate script 001 (freezer-api 7.1.0 and later) creates it: InnoDB, MySQL
 * charset `utf8` (utf8mb3), no defaults, no foreign keys. The action-mode column is `actionmode` on
 * SQLite and `mode` elsewhere (script 002 renames it there); `src_file` becomes `path_to_backup` in
 * script 003. Contract §2.2.
 *
 * @param modeColumn the name 001 gives the action-mode column on this dialect
 */
export function layoutAInitialTables(modeColumn: string): TableDefinition[] {
  return [
    table('clients', [
      ...TIMES(),
      varchar('user_id', 36, NOT_NULL),
      varchar('id', 255, NOT_NULL),
      varchar('project_id', 36),
      varchar('client_id', 255, NOT_NULL),
      varchar('hostname', 255, NOT_NULL),
      varchar('description', 255),
      varchar('uuid', 36, NOT_NULL),
    ], A),
    table('sessions', [
      ...TIMES(),
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
    ], A),
    table('jobs', [
      ...TIMES(),
      varchar('id', 36, NOT_NULL),
      varchar('project_id', 36),
      varchar('user_id', 36, NOT_NULL),
      text('schedule'),
      varchar('client_id', 255, NOT_NULL),
      varchar('session_id', 36),
      integer('session_tag'),
      varchar('description', 255),
      text('job_actions'),
    ], A),
    table('actions', [
      ...TIMES(),
      varchar('id', 36, NOT_NULL),
      varchar('action', 255, NOT_NULL),
      varchar('project_id', 36),
      varchar('user_id', 36, NOT_NULL),
      varchar(modeColumn, 255),
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
    ], A),
    table('action_reports', [
      ...TIMES(),
      varchar('id', 36, NOT_NULL),
      varchar('project_id', 36),
      varchar('user_id', 36, NOT_NULL),
      varchar('result', 255),
      varchar('time_elapsed', 255),
      timestamp('report_date'),
      blob('log'),
    ], A),
    table('backups', [
      ...TIMES(),
      varchar('id', 36, NOT_NULL),
      varchar('job_id', 36),
      varchar('project_id', 36),
      varchar('user_id', 64, NOT_NULL),
      varchar('user_name', 64),
      text('backup_metadata'),
    ], A),
  ];
}
