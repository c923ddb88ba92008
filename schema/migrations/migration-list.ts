import { alembicVersionTable, migrateVersionTable } from '../layout/bookkeeping-tables.ts';
import { CLIENT_CAPABILITY_DEFAULTS, jobActionsTable, layoutBInitialTables, userCredentialsTable } from '../layout/layout-b-tables.ts';
import { layoutAInitialTables } from '../layout/layout-a-tables.ts';
import { NOT_NULL, boolean, varchar } from '../layout/table-definition.ts';
import type { SchemaChange } from './schema-change.ts';
import { backfillClientCapabilities } from './backfill-client-capabilities.ts';
import { defineMigration, reservedSlot, type Migration } from './migration.ts';
import { moveJobActionsJson } from './move-job-actions.ts';

const LAYOUT_A_TABLE_NAMES = ['clients', 'sessions', 'jobs', 'actions', 'action_reports', 'backups'];

const createTables = (...tables: ReturnType<typeof migrateVersionTable>[]): SchemaChange[] => tables.map((table) => ({ kind: 'createTable', table }));

const reserved = (first: number, track: Migration['track'], after: string): Migration[] =>
  Array.from({ length: 5 }, (_, i) => reservedSlot(String(first + i).padStart(4, '0'), track, after));

/**
 * Every migration es2sql knows, in order. Ids are permanent. Each track (see {@link Migration.track})
 * mirrors freezer-api's own history, so every prefix of a plan leaves the database at a real
 * freezer-api revision that its bookkeeping names. Five no-op slots follow each head a release can
 * stop at (A version 3, B `23c8ad2655a6`, B head) for backports (seed 003).
 *
 * Expand migrations only add (tables, nullable or defaulted columns, indexes, widenings); renames,
 * drops and every data move are contract migrations (seed 004).
 */
export const MIGRATIONS: readonly Migration[] = [
  defineMigration({
    id: '0001', name: 'a-init', phase: 'expand', track: 'a', reaches: { layout: 'A', revision: '1' },
    summary: 'layout A tables as sqlalchemy-migrate 001 creates them (MySQL charset utf8)',
    changes: (adapter) => createTables(migrateVersionTable(), ...layoutAInitialTables(adapter.layoutAInitialModeColumn)),
  }),
  defineMigration({
    id: '0002', name: 'a-actions-mode-to-actionmode', phase: 'contract', track: 'a', reaches: { layout: 'A', revision: '2' },
    summary: 'rename actions.mode to actionmode (002; already so on SQLite)',
    changes: [{ kind: 'renameColumn', table: 'actions', from: 'mode', to: 'actionmode' }],
  }),
  defineMigration({
    id: '0003', name: 'a-actions-src-file-to-path-to-backup', phase: 'contract', track: 'a', reaches: { layout: 'A', revision: '3' },
    summary: 'rename actions.src_file to path_to_backup (003)',
    changes: [{ kind: 'renameColumn', table: 'actions', from: 'src_file', to: 'path_to_backup' }],
  }),
  ...reserved(4, 'a', 'layout A version 3'),
  defineMigration({
    id: '0009', name: 'b-init', phase: 'expand', track: 'b-fresh', reaches: { layout: 'B', revision: '1333cef214d9' },
    summary: 'layout B tables as alembic 1333cef214d9 creates them in an empty database',
    changes: createTables(alembicVersionTable(), ...layoutBInitialTables()),
  }),
  defineMigration({
    id: '0010', name: 'b-actions-src-file-to-path-to-backup', phase: 'contract', track: 'b-fresh', reaches: { layout: 'B', revision: 'e74c32f034c5' },
    summary: 'rename actions.src_file to path_to_backup (e74c32f034c5)',
    changes: [{ kind: 'renameColumn', table: 'actions', from: 'src_file', to: 'path_to_backup' }],
  }),
  defineMigration({
    id: '0011', name: 'a-to-b-takeover', phase: 'expand', track: 'a-to-b', reaches: { layout: 'B', revision: 'e74c32f034c5' },
    summary: 'take layout A version 3 over into alembic at e74c32f034c5 (not 1333cef214d9), converting utf8mb3 tables to a utf8mb4 database default',
    changes: [
      { kind: 'widenCharset', tables: LAYOUT_A_TABLE_NAMES, until: 'alembic_version' },
      ...createTables(alembicVersionTable()),
    ],
  }),
  defineMigration({
    id: '0012', name: 'b-client-capability-columns', phase: 'expand', track: 'b',
    summary: 'add clients.supported_actions/_modes/_storages/_engines (23c8ad2655a6, schema part)',
    changes: CLIENT_CAPABILITY_DEFAULTS.map(({ column }): SchemaChange => ({ kind: 'addColumn', table: 'clients', column: varchar(column, 255) })),
  }),
  defineMigration({
    id: '0013', name: 'b-client-capability-backfill', phase: 'contract', track: 'b', reaches: { layout: 'B', revision: '23c8ad2655a6' },
    summary: 'fill missing client capability lists with the defaults (23c8ad2655a6, data part)',
    dataMove: backfillClientCapabilities,
  }),
  ...reserved(14, 'b', 'alembic 23c8ad2655a6 (freezer-api 16.0.0–18.0.0)'),
  defineMigration({
    id: '0019', name: 'b-user-credentials', phase: 'expand', track: 'b', reaches: { layout: 'B', revision: '29a2fd19eb86' },
    summary: 'create user_credentials (29a2fd19eb86)',
    changes: createTables(userCredentialsTable()),
  }),
  defineMigration({
    id: '0020', name: 'b-client-is-central', phase: 'expand', track: 'b', reaches: { layout: 'B', revision: '30a3fd20ec97' },
    summary: 'add clients.is_central NOT NULL DEFAULT false (30a3fd20ec97)',
    changes: [{ kind: 'addColumn', table: 'clients', column: boolean('is_central', { ...NOT_NULL, default: false }) }],
  }),
  defineMigration({
    id: '0021', name: 'b-drop-backups-user-name', phase: 'contract', track: 'b', reaches: { layout: 'B', revision: '4f8c679a1d3b' },
    summary: 'drop backups.user_name (4f8c679a1d3b)',
    changes: [{ kind: 'dropColumn', table: 'backups', column: 'user_name' }],
  }),
  defineMigration({
    id: '0022', name: 'b-job-actions-table', phase: 'expand', track: 'b',
    summary: 'create job_actions with its foreign keys and indexes (a1b2c3d4e5f6, schema part)',
    changes: [
      ...createTables(jobActionsTable()),
      { kind: 'createIndex', table: 'job_actions', index: { name: 'ix_job_actions_job_id', columns: ['job_id'], unique: false } },
      { kind: 'createIndex', table: 'job_actions', index: { name: 'ix_job_actions_action_id', columns: ['action_id'], unique: false } },
    ],
  }),
  defineMigration({
    id: '0023', name: 'b-job-actions-from-json', phase: 'contract', track: 'b', reaches: { layout: 'B', revision: 'a1b2c3d4e5f6' },
    summary: 'move jobs.job_actions JSON into job_actions rows, then drop the column (a1b2c3d4e5f6, data part)',
    dataMove: moveJobActionsJson,
    changes: [{ kind: 'dropColumn', table: 'jobs', column: 'job_actions' }],
  }),
  defineMigration({
    id: '0024', name: 'b-backups-status', phase: 'expand', track: 'b', reaches: { layout: 'B', revision: '5c9d21e87f34' },
    summary: "add backups.status NOT NULL DEFAULT 'available' (5c9d21e87f34)",
    changes: [{ kind: 'addColumn', table: 'backups', column: varchar('status', 64, { ...NOT_NULL, default: 'available' }) }],
  }),
  defineMigration({
    id: '0025', name: 'b-widen-user-ids', phase: 'expand', track: 'b', reaches: { layout: 'B', revision: '7a3b9c1d2e4f' },
    summary: 'widen jobs.user_id and sessions.user_id to 64 (7a3b9c1d2e4f)',
    changes: [
      { kind: 'widenColumn', table: 'jobs', column: 'user_id', length: 64 },
      { kind: 'widenColumn', table: 'sessions', column: 'user_id', length: 64 },
    ],
  }),
  ...reserved(26, 'b', 'alembic 7a3b9c1d2e4f (current head)'),
];
