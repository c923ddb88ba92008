import test from 'ava';
import { sql } from 'kysely';
import { introspectTarget, parseLayoutChoice, schemaStatus, upgradeSchema } from '../../schema/index.ts';
import { derivedId } from '../../core/derived-id.ts';
import { TEST_DIALECTS } from '../helpers/databases.ts';
import { rawCatalog } from './helpers/raw-catalog.ts';
import { scratchTarget } from './helpers/scratch-target.ts';
import { JOB_4_ACTIONS_TEXT, seedLayoutA } from './helpers/seed-layout-a.ts';
import { tableRows } from './helpers/table-rows.ts';

const LAYOUT_A = parseLayoutChoice({ layout: 'a' });
const HEAD = parseLayoutChoice({ layout: 'b' });

/** Columns a layout-A database keeps after reaching B head (contract §2.4); everything else matches a fresh B. */
const LEGACY_WIDTHS: Record<string, { length?: number; nullable?: boolean }> = {
  'clients.user_id': { length: 36 },
  'clients.hostname': { length: 255, nullable: false },
  'actions.user_id': { length: 36 },
  'action_reports.user_id': { length: 36 },
};

const CAPABILITIES = {
  supported_actions: '["backup", "restore", "info", "admin", "exec"]',
  supported_modes: '["fs", "mongo", "mysql", "sqlserver", "cinder", "glance", "cindernative", "nova"]',
  supported_storages: '["local", "swift", "ssh", "s3", "ftp", "ftps"]',
  supported_engines: '["tar", "rsync", "rsyncv2", "nova", "osbrick", "glance"]',
};

const INLINE_1 = derivedId('job_actions.action', 'job-1', '1');
const INLINE_4 = derivedId('job_actions.action', 'job-4', '0');

/** The actions contract §3.4 says the move creates, as the database returns them. */
const CREATED_ACTIONS = [
  {
    id: INLINE_1, action: 'backup', project_id: 'p1', user_id: 'u1', actionmode: 'mysql', path_to_backup: '/var/lib/mysql', backup_name: 'db', container: 'c1',
    timeout: 60, priority: 2, max_retries_interval: 9, max_retries: 7, mandatory: 1, log_file: '/tmp/log',
    backup_metadata: '{"action": "backup", "mode": "mysql", "path_to_backup": "/var/lib/mysql", "backup_name": "db", "container": "c1", "timeout": 60, "priority": 2, "mandatory": true, "log_file": "/tmp/log", "engine_name": "tar"}',
    created_at: '2024-05-06 07:08:09', updated_at: '2024-06-07 08:09:10', deleted_at: null, deleted: 0,
  },
  {
    id: INLINE_4, action: 'backup', project_id: 'p2', user_id: 'u2', actionmode: null, path_to_backup: null, backup_name: null, container: null,
    timeout: null, priority: null, max_retries_interval: 6, max_retries: 5, mandatory: null, log_file: null,
    backup_metadata: JOB_4_ACTIONS_TEXT.slice(20, -2),
    created_at: '2024-06-07 08:09:10', updated_at: '2024-06-07 08:09:10', deleted_at: null, deleted: 0,
  },
  {
    id: 'missing-action-9', action: 'restore', project_id: 'p1', user_id: 'u-entry', actionmode: 'fs', path_to_backup: null, backup_name: null, container: null,
    timeout: null, priority: null, max_retries_interval: 6, max_retries: 5, mandatory: null, log_file: null,
    backup_metadata: '{"action": "restore", "mode": "fs", "restore_abs_path": "/restore"}',
    created_at: '2024-05-06 07:08:09', updated_at: '2024-06-07 08:09:10', deleted_at: null, deleted: 0,
  },
];

const LINKS = [
  { job_id: 'job-1', position: 0, action_id: 'act-known-1' },
  { job_id: 'job-1', position: 1, action_id: INLINE_1 },
  { job_id: 'job-1', position: 2, action_id: 'missing-action-9' },
  { job_id: 'job-4', position: 0, action_id: INLINE_4 },
].map((l) => ({ id: derivedId('job_actions', l.job_id, String(l.position)), ...l, deleted_at: null, deleted: 0, created_at: null, updated_at: null }));

const byId = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));
const omit = (rows: Record<string, unknown>[], ...keys: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: layout A with data, upgraded by es2sql to B head, equals a fresh B head apart from the documented legacy widths, data intact`, async (t) => {
    const legacy = await scratchTarget(t, dialect, 'atob');
    const fresh = await scratchTarget(t, dialect, 'atob_fresh');
    await upgradeSchema(legacy.db, dialect, { choice: LAYOUT_A });
    await seedLayoutA(legacy.db);
    const before = Object.fromEntries(await Promise.all(['clients', 'sessions', 'jobs', 'actions', 'action_reports', 'backups'].map(async (name) => [name, await tableRows(legacy.db, name)] as const)));

    const lines: string[] = [];
    const result = await upgradeSchema(legacy.db, dialect, { choice: HEAD, onProgress: (l) => lines.push(l) });
    await upgradeSchema(fresh.db, dialect, { choice: HEAD });
    t.deepEqual(result.applied, ['0011', '0012', '0013', '0019', '0020', '0021', '0022', '0023', '0024', '0025']);
    t.true(result.handOffReady);
    t.deepEqual(result.stamp, { layout: 'B', revision: '7a3b9c1d2e4f' });
    t.deepEqual(lines.filter((l) => l.startsWith('warning:')), [
      'warning: job job-1, job_actions entry 3: no action_id and freezer_action has no action to create one from; skipped',
      'warning: job job-1, job_actions entry 4: not an object; skipped',
      'warning: job job-3: jobs.job_actions is not valid JSON; job skipped, no job_actions rows',
      'warning: job job-4, job_actions entry 0: timeout "soon" is not an integer, stored as NULL',
    ]);

    // Schema: same tables, keys and columns as a fresh B head, except the legacy widths and column order.
    const [upgraded, reference] = [await introspectTarget(legacy.db, dialect), await introspectTarget(fresh.db, dialect)];
    t.like(upgraded, { layout: 'B', revision: '7a3b9c1d2e4f', origin: 'A' });
    t.deepEqual(Object.keys(upgraded?.tables ?? {}).sort(), [...Object.keys(reference?.tables ?? {}), 'migrate_version'].sort());
    for (const [name, table] of Object.entries(reference?.tables ?? {})) {
      const mine = upgraded?.tables[name];
      t.deepEqual(mine?.columns.map((c) => c.name).sort(), table.columns.map((c) => c.name).sort(), `${name} columns`);
      for (const column of table.columns) {
        t.deepEqual(mine?.columns.find((c) => c.name === column.name), { ...column, ...LEGACY_WIDTHS[`${name}.${column.name}`] }, `${name}.${column.name}`);
      }
      t.deepEqual([mine?.primaryKey, mine?.foreignKeys, mine?.indexes, mine?.charset], [table.primaryKey, table.foreignKeys, table.indexes, table.charset], `${name} keys`);
    }
    t.deepEqual(await tableRows(legacy.db, 'migrate_version', ['repository_id']), [{ repository_id: 'freezer-api', repository_path: 'freezer_api/db/sqlalchemy/migrate_repo', version: 3 }]);

    // Data: every row kept, dropped columns gone, new columns at their defaults, JSON moved into rows.
    t.deepEqual(await tableRows(legacy.db, 'clients'), before.clients!.map((r) => ({ ...r, ...CAPABILITIES, is_central: 0 })));
    t.deepEqual(await tableRows(legacy.db, 'sessions'), before.sessions);
    t.deepEqual(await tableRows(legacy.db, 'action_reports'), before.action_reports);
    t.deepEqual(await tableRows(legacy.db, 'jobs'), omit(before.jobs!, 'job_actions'));
    t.deepEqual(await tableRows(legacy.db, 'backups'), omit(before.backups!, 'user_name').map((r) => ({ ...r, status: 'available' })));
    const actions = await tableRows(legacy.db, 'actions');
    t.deepEqual(actions.filter((a) => String(a.id).startsWith('act-known')), before.actions);
    t.deepEqual(omit(actions.filter((a) => !String(a.id).startsWith('act-known')), 'created_at', 'updated_at', 'deleted_at', 'deleted'), omit(byId(CREATED_ACTIONS), 'created_at', 'updated_at', 'deleted_at', 'deleted'));
    t.deepEqual(actions.filter((a) => !String(a.id).startsWith('act-known')).map((a) => [a.id, a.created_at, a.updated_at, a.deleted]), byId(CREATED_ACTIONS).map((a) => [a.id, a.created_at, a.updated_at, a.deleted]));
    t.deepEqual(await tableRows(legacy.db, 'job_actions', ['job_id', 'position']), LINKS);

    // A second run is a no-op: nothing applied, same catalog, same rows.
    const catalog = await rawCatalog(legacy.db, dialect);
    const again = await upgradeSchema(legacy.db, dialect, {});
    t.deepEqual(again.applied, []);
    t.deepEqual(await rawCatalog(legacy.db, dialect), catalog);
    t.deepEqual(await tableRows(legacy.db, 'job_actions', ['job_id', 'position']), LINKS);
    const status = await schemaStatus(legacy.db, dialect);
    t.deepEqual(status.pending, { expand: [], contract: [] });
    t.true(status.handOffReady);
  });
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a job entry too wide for the target's columns stops the move before it writes; fixed, a rerun finishes`, async (t) => {
    const target = await scratchTarget(t, dialect, 'atob_wide');
    await upgradeSchema(target.db, dialect, { choice: LAYOUT_A });
    const longId = 'x'.repeat(40);
    await sql`insert into jobs (id, user_id, client_id, job_actions) values ('job-w', 'u', 'c', ${`[{"action_id": "${longId}", "freezer_action": {"action": "backup"}}]`})`.execute(target.db);
    const upgrade = upgradeSchema(target.db, dialect, { choice: HEAD });
    if (dialect === 'sqlite') {
      // SQLite does not enforce widths, and neither would freezer-api's own migration there.
      t.true((await upgrade).handOffReady);
      return;
    }
    await t.throwsAsync(upgrade, {
      name: 'SchemaError',
      message: `cannot move jobs.job_actions into rows: job job-w, job_actions entry 0 needs actions.id = "${longId}" (40 characters) but the column holds 36; shorten it in jobs.job_actions, then rerun es2sql schema upgrade (the move wrote nothing)`,
    });
    const status = await schemaStatus(target.db, dialect, HEAD);
    t.deepEqual(status.stamp, { layout: 'B', revision: '4f8c679a1d3b' });
    t.deepEqual(status.pending, { expand: ['0024', '0025'], contract: ['0023'] });
    t.deepEqual(await tableRows(target.db, 'job_actions'), []);
    await sql`update jobs set job_actions = ${'[{"action_id": "short-id", "freezer_action": {"action": "backup"}}]'} where id = 'job-w'`.execute(target.db);
    const resumed = await upgradeSchema(target.db, dialect, { choice: HEAD });
    t.deepEqual(resumed.applied, ['0023', '0024', '0025']);
    t.true(resumed.handOffReady);
    t.deepEqual((await tableRows(target.db, 'job_actions')).map((r) => r.action_id), ['short-id']);
  });
}

// MySQL-only cases (character sets): registered when MySQL is among the test dialects, like every
// per-dialect suite here, instead of passing without a check when it is not.
if (TEST_DIALECTS.includes('mysql')) {
  test('mysql: a layout-A database on a utf8mb4 server gets its utf8mb3 tables converted before job_actions references them (no errno 150)', async (t) => {
    const target = await scratchTarget(t, 'mysql', 'atob_mb4', { mysqlCharset: 'utf8mb4' });
    await upgradeSchema(target.db, 'mysql', { choice: LAYOUT_A });
    await sql`insert into clients (user_id, id, client_id, hostname, uuid, description) values ('u', 'c1', 'cid', 'h', 'c1', 'café ✓')`.execute(target.db);
    const lines: string[] = [];
    await upgradeSchema(target.db, 'mysql', { choice: HEAD, onProgress: (l) => lines.push(l) });
    t.true(lines.includes('applying 0011 a-to-b-takeover (expand): take layout A version 3 over into alembic at e74c32f034c5 (not 1333cef214d9), converting utf8mb3 tables to a utf8mb4 database default'));
    const raw = await rawCatalog(target.db, 'mysql');
    for (const [name, table] of Object.entries(raw)) t.is(table.options, 'InnoDB utf8mb4_general_ci', name);
    t.true(raw.clients?.columns.includes('description varchar(255) utf8mb4_general_ci'));
    t.true(raw.jobs?.columns.includes('schedule text utf8mb4_general_ci'));
    t.deepEqual(await tableRows(target.db, 'clients'), [expectClient('café ✓')]);
    // 4-byte characters now fit where layout A refused them.
    await sql`update clients set description = ${'backup 🎉'} where id = 'c1'`.execute(target.db);
    t.is((await tableRows(target.db, 'clients'))[0]?.description, 'backup 🎉');
  });

  test('mysql: a layout-A database on a utf8mb3 server keeps utf8mb3 (as freezer-api leaves it) and still gets job_actions', async (t) => {
    const target = await scratchTarget(t, 'mysql', 'atob_mb3', { mysqlCharset: 'utf8mb3' });
    await upgradeSchema(target.db, 'mysql', { choice: LAYOUT_A });
    const result = await upgradeSchema(target.db, 'mysql', { choice: HEAD });
    t.true(result.handOffReady);
    const raw = await rawCatalog(target.db, 'mysql');
    for (const [name, table] of Object.entries(raw)) t.is(table.options, 'InnoDB utf8mb3_general_ci', name);
    t.deepEqual(raw.job_actions?.foreignKeys, ['job_actions_ibfk_1: job_id -> jobs(id)', 'job_actions_ibfk_2: action_id -> actions(id)']);
  });
}

function expectClient(description: string) {
  return {
    created_at: null, updated_at: null, deleted_at: null, deleted: null, user_id: 'u', id: 'c1', project_id: null, client_id: 'cid', hostname: 'h', description, uuid: 'c1',
    ...CAPABILITIES, is_central: 0,
  };
}
