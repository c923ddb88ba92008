import test from 'ava';
import { freshLayoutSchema } from '../../schema/index.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { SUPPORTED_ACTIONS } from '../../transforms/freezer-enums.ts';
import { canonicalJson, documentFromRows, expectedFromDocument, type ApiDocument, type SqlRow } from '../../transforms/readback/index.ts';
import { makeDoc } from '../transforms/helpers/context.ts';

const A = freshLayoutSchema('mysql', 'A', '3');
const RELEASED = freshLayoutSchema('mysql', 'B', '23c8ad2655a6');
const HEAD = freshLayoutSchema('sqlite', 'B', '7a3b9c1d2e4f');
const ctx = (schema: TargetSchema, sqlId: string, extra: object = {}) => ({ schema, sqlId, defaultProjectId: null, ...extra });

test('client: extra keys and the top-level uuid go, description appears as null, capability lists and is_central follow the columns', (t) => {
  const doc = makeDoc('clients', 'AUTOid1', { uuid: 'c1', user_id: 'u1', client: { client_id: 'p_host', config_id: 'x' } });
  t.deepEqual(expectedFromDocument('clients', doc, ctx(A, 'c1')), { project_id: null, user_id: 'u1', client: { uuid: 'c1', hostname: '', client_id: 'p_host', description: null } });
  const released = expectedFromDocument('clients', doc, ctx(RELEASED, 'c1')) as { client: ApiDocument };
  t.deepEqual(released.client.supported_actions, [...SUPPORTED_ACTIONS]);
  t.is(released.client.hostname, null, 'hostname is nullable on fresh B');
  t.false('is_central' in released.client);
  t.is((expectedFromDocument('clients', doc, ctx(HEAD, 'c1')) as { client: ApiDocument }).client.is_central, false);
  const row: SqlRow = { id: 'c1', uuid: 'c1', user_id: 'u1', project_id: null, client_id: 'p_host', hostname: null, description: null, supported_actions: null, supported_modes: '["fs"]', supported_storages: '', supported_engines: '[]', is_central: 0, deleted: 0 };
  t.deepEqual((documentFromRows('clients', row, HEAD) as { client: ApiDocument }).client, { uuid: 'c1', hostname: null, client_id: 'p_host', description: null, is_central: false, supported_actions: [], supported_modes: ['fs'], supported_storages: [], supported_engines: [] });
});

test('action: columns override the JSON copy, retries default to 5/6, src_file fills path_to_backup, top-level mandatory is dropped', (t) => {
  const doc = makeDoc('actions', 'a1', '{"action_id":"a1","user_id":"u","project_id":"p","mandatory":true,"max_retries":"7","extra":1,"freezer_action":{"action":"backup","src_file":"/srv","timeout":"abc","priority":2.0,"_version":3,"custom":[1.0]}}');
  t.is(canonicalJson(expectedFromDocument('actions', doc, ctx(A, 'a1'))), canonicalJson({
    project_id: 'p',
    action_id: 'a1',
    user_id: 'u',
    max_retries: 7,
    max_retries_interval: 6,
    mandatory: false,
    freezer_action: { action: 'backup', src_file: '/srv', timeout: null, priority: 2, custom: [1], backup_name: null, mode: null, container: null, path_to_backup: '/srv', log_file: null },
  }));
  const row: SqlRow = { id: 'a1', user_id: 'u', project_id: 'p', action: 'backup', actionmode: null, path_to_backup: '/srv', backup_name: null, container: null, timeout: null, priority: 2, max_retries: 7, max_retries_interval: 6, mandatory: 0, log_file: null, backup_metadata: '{"action": "backup", "src_file": "/srv", "timeout": "abc", "priority": 2.0, "custom": [1.0]}', deleted: 0 };
  const fromRow = documentFromRows('actions', row, A) as { freezer_action: ApiDocument; mandatory: unknown };
  t.is(fromRow.freezer_action.timeout, null, 'the column hides the JSON value');
  t.is(fromRow.mandatory, false);
});

test('job on layout A keeps job_actions verbatim; defaults for absent keys, null kept where add_job keeps it', (t) => {
  const entries = [{ action_id: 'a1', mandatory: true, freezer_action: { action: 'backup' } }];
  const doc = makeDoc('jobs', 'j1', { job_id: 'j1', user_id: 'u', project_id: 'p', session_id: null, session_tag: null, job_schedule: { time_created: 1 }, job_actions: entries, session_name: 'x' });
  t.deepEqual(expectedFromDocument('jobs', doc, ctx(A, 'j1')), {
    job_id: 'j1', project_id: 'p', user_id: 'u', job_schedule: { time_created: 1 }, client_id: '', session_id: null, session_tag: 0, description: '', job_actions: entries,
  });
});

test('job on layout B head: entries rebuilt from action rows in position order, missing and cross-project actions skipped', (t) => {
  const stored = { a1: { projectId: 'p', document: { action_id: 'a1', project_id: 'p', stored: true } }, a2: { projectId: 'other', document: { action_id: 'a2' } } } as Record<string, { projectId: string; document: ApiDocument }>;
  const catalog = { get: (id: string) => (id in stored ? { projectId: stored[id]!.projectId, fingerprint: '' } : undefined) };
  const doc = makeDoc('jobs', 'j1', {
    job_id: 'j1', user_id: 'u', project_id: 'p', client_id: 'c', job_schedule: {},
    job_actions: [
      { action_id: 'a1', freezer_action: { action: 'backup', backup_name: 'diverged copy' } },
      { action_id: 'a2', freezer_action: { action: 'backup' } },
      { freezer_action: { action: 'restore' }, mandatory: true },
      { action_id: 'gone', freezer_action: {} },
      'not an entry',
    ],
  });
  const expected = expectedFromDocument('jobs', doc, ctx(HEAD, 'j1', { storedAction: (id: string) => stored[id], actionCatalog: catalog })) as { job_actions: ApiDocument[] };
  t.is(expected.job_actions.length, 2);
  t.deepEqual(expected.job_actions[0], stored.a1!.document, 'the stored action, not the diverged copy');
  t.like(expected.job_actions[1], { project_id: 'p', user_id: 'u', max_retries: 5, freezer_action: { action: 'restore' } });
  t.false('mandatory' in expected.job_actions[1]!);

  const actionRow = (id: string, project: string, deleted = 0): SqlRow => ({ id, project_id: project, user_id: 'u', action: 'backup', actionmode: null, path_to_backup: null, backup_name: null, container: null, timeout: null, priority: null, max_retries: 5, max_retries_interval: 6, mandatory: 0, log_file: null, backup_metadata: '{"action": "backup"}', deleted });
  const links: SqlRow[] = [
    { id: 'l2', job_id: 'j1', action_id: 'x2', position: 2, deleted: 0 },
    { id: 'l0', job_id: 'j1', action_id: 'x0', position: 0, deleted: 0 },
    { id: 'l1', job_id: 'j1', action_id: 'x1', position: 1, deleted: 0 },
    { id: 'l3', job_id: 'j1', action_id: 'x3', position: 3, deleted: 1 },
  ];
  const actions = new Map([['x0', actionRow('x0', 'p')], ['x1', actionRow('x1', 'elsewhere')], ['x2', actionRow('x2', 'p', 1)], ['x3', actionRow('x3', 'p')]]);
  const job: SqlRow = { id: 'j1', project_id: 'p', user_id: 'u', schedule: '{}', client_id: 'c', session_id: '', session_tag: 0, description: '', deleted: 0 };
  const fromRows = documentFromRows('jobs', job, HEAD, { links, actions }) as { job_actions: ApiDocument[] };
  t.deepEqual(fromRows.job_actions.map((a) => a.action_id), ['x0']);
});

test('session: absent times are -1, jobs only when stored; backup: user_name or status per layout, the SQL id replaces a composite id', (t) => {
  const session = makeDoc('sessions', 's1', { session_id: 's1', user_id: 'u', project_id: 'p', last_start: '', schedule: {}, time_start: 5 });
  t.deepEqual(expectedFromDocument('sessions', session, ctx(A, 's1')), {
    project_id: 'p', session_id: 's1', user_id: 'u', description: null, session_tag: 0, result: null, hold_off: 30, status: null, schedule: {}, time_start: 5, time_end: -1, time_started: -1, time_ended: -1,
  });
  const withJobs = makeDoc('sessions', 's2', { session_id: 's2', user_id: 'u', jobs: [] });
  t.deepEqual((expectedFromDocument('sessions', withJobs, ctx(A, 's2')) as { jobs: unknown }).jobs, []);

  const backup = makeDoc('backups', 'c_host_name_1_0', { backup_id: 'c_host_name_1_0', backup_uuid: 'b1', user_id: 'u', user_name: null, project_id: 'p', backup_metadata: { container: 'c' } });
  t.deepEqual(expectedFromDocument('backups', backup, ctx(A, 'b1')), { project_id: 'p', backup_id: 'b1', user_id: 'u', backup_metadata: { container: 'c' }, user_name: null });
  t.deepEqual(expectedFromDocument('backups', backup, ctx(RELEASED, 'b1')), { project_id: 'p', backup_id: 'b1', user_id: 'u', backup_metadata: { container: 'c' }, user_name: '' });
  t.deepEqual(expectedFromDocument('backups', backup, ctx(HEAD, 'b1')), { project_id: 'p', backup_id: 'b1', user_id: 'u', backup_metadata: { container: 'c' }, status: 'available' });
  t.deepEqual(
    documentFromRows('backups', { id: 'b1', project_id: 'p', user_id: 'u', job_id: 'j', status: 'available', backup_metadata: new TextEncoder().encode('{"container": "c"}'), deleted: 0 }, HEAD),
    { project_id: 'p', backup_id: 'b1', user_id: 'u', backup_metadata: { container: 'c' }, status: 'available' },
    "freezer-api's BLOB-typed JSON bytes on SQLite decode too",
  );
});
