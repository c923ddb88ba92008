import { NOT_NULL, integer, table, text, varchar, type TableDefinition } from './table-definition.ts';

/** sqlalchemy-migrate's version table (layout A), created with the database's default charset. */
export function migrateVersionTable(): TableDefinition {
  return table('migrate_version', [
    varchar('repository_id', 250, NOT_NULL),
    text('repository_path'),
    integer('version'),
  ], { primaryKey: ['repository_id'] });
}

/** alembic's version table (layout B). */
export function alembicVersionTable(): TableDefinition {
  return table('alembic_version', [varchar('version_num', 32, NOT_NULL)], { primaryKey: ['version_num'], primaryKeyName: 'alembic_version_pkc' });
}

export const BOOKKEEPING_TABLES = ['migrate_version', 'alembic_version'] as const;

/** Every table freezer-api's schemas contain besides the bookkeeping. */
export const FREEZER_TABLES = ['clients', 'sessions', 'jobs', 'actions', 'action_reports', 'backups', 'job_actions', 'user_credentials'] as const;
