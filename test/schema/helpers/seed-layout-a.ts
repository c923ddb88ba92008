import type { AnyKysely } from '../../../schema/connect.ts';

const T1 = '2024-05-06 07:08:09';
const T2 = '2024-06-07 08:09:10';
const base = { created_at: T1, updated_at: T2, deleted_at: null, deleted: false };

/** The job entry list of job-1: a link, an inline action, an unknown id, an entry without action, a non-object. */
export const JOB_1_ACTIONS = [
  { action_id: 'act-known-1', freezer_action: { action: 'backup', mode: 'fs', path_to_backup: '/stale/copy' }, max_retries: 3, user_id: 'u1', project_id: 'p1' },
  { freezer_action: { action: 'backup', mode: 'mysql', path_to_backup: '/var/lib/mysql', backup_name: 'db', container: 'c1', timeout: 60, priority: 2, mandatory: true, log_file: '/tmp/log', engine_name: 'tar' }, max_retries: 7, max_retries_interval: 9, mandatory: false },
  { action_id: 'missing-action-9', freezer_action: { action: 'restore', mode: 'fs', restore_abs_path: '/restore' }, user_id: 'u-entry' },
  { freezer_action: { mode: 'fs' } },
  'not-an-object',
];

/** job-4's entry keeps a 20-digit number and non-ASCII text that must survive into the JSON copy. */
export const JOB_4_ACTIONS_TEXT = '[{"freezer_action": {"action": "backup", "timeout": "soon", "size": 12345678901234567890, "ratio": 1.0, "note": "caf\\u00e9 \\u2713"}}]';

/**
 * Rows as a loader would write them into a layout-A database (the same statements also fit layout B
 * at 23c8ad2655a6, whose columns have the same names): clients, sessions, actions (+ a
 * report), jobs whose `job_actions` JSON covers every case of contract §3.4, and backups with
 * `user_name`. Returns nothing; the tests read the rows back.
 */
export async function seedLayoutA(db: AnyKysely): Promise<void> {
  await db.insertInto('clients').values([
    { ...base, user_id: 'u1', id: 'c-uuid-1', project_id: 'p1', client_id: 'p1_host1.example.org', hostname: 'host1.example.org', description: 'first', uuid: 'c-uuid-1' },
    { ...base, user_id: 'u2', id: 'c-uuid-2', project_id: 'p2', client_id: 'p2_host2', hostname: 'host2', description: null, uuid: 'c-uuid-2' },
  ]).execute();
  await db.insertInto('sessions').values([
    { ...base, id: 's1', session_tag: 0, description: 'nightly', hold_off: 30, schedule: '{}', job: '{"job-1": {"status": "completed"}}', project_id: 'p1', user_id: 'u1', time_start: -1, time_end: -1, time_started: -1, time_ended: -1, status: 'active', result: null },
  ]).execute();
  await db.insertInto('actions').values([
    { ...base, id: 'act-known-1', action: 'backup', project_id: 'p1', user_id: 'u1', actionmode: 'fs', path_to_backup: '/etc', backup_name: 'etc', container: 'c0', timeout: null, priority: null, max_retries_interval: 6, max_retries: 5, mandatory: false, log_file: null, backup_metadata: '{"action": "backup", "mode": "fs", "path_to_backup": "/etc"}' },
    { ...base, id: 'act-known-2', action: 'info', project_id: 'p2', user_id: 'u2', actionmode: null, path_to_backup: null, backup_name: null, container: null, timeout: 10, priority: 1, max_retries_interval: 6, max_retries: 5, mandatory: true, log_file: null, backup_metadata: '{}' },
  ]).execute();
  await db.insertInto('action_reports').values([
    { ...base, id: 'act-known-1', project_id: 'p1', user_id: 'u1', result: 'success', time_elapsed: '12', report_date: '2024-05-06 07:09:00', log: null },
  ]).execute();
  await db.insertInto('jobs').values([
    { ...base, id: 'job-1', project_id: 'p1', user_id: 'u1', schedule: '{"time_created": 1714979289}', client_id: 'p1_host1.example.org', session_id: 's1', session_tag: 0, description: 'with entries', job_actions: JSON.stringify(JOB_1_ACTIONS) },
    { ...base, id: 'job-2', project_id: 'p1', user_id: 'u1', schedule: '{}', client_id: 'p1_host1.example.org', session_id: '', session_tag: 0, description: '', job_actions: '[]' },
    { ...base, id: 'job-3', project_id: 'p2', user_id: 'u2', schedule: '{}', client_id: 'p2_host2', session_id: '', session_tag: 0, description: '', job_actions: 'not json' },
    { ...base, created_at: T2, id: 'job-4', project_id: 'p2', user_id: 'u2', schedule: '{}', client_id: 'p2_host2', session_id: '', session_tag: 0, description: '', job_actions: JOB_4_ACTIONS_TEXT },
  ]).execute();
  await db.insertInto('backups').values([
    { ...base, id: 'b1', job_id: 'job-1', project_id: 'p1', user_id: 'u1', user_name: 'alice', backup_metadata: '{"container": "c1", "hostname": "host1", "backup_name": "etc"}' },
    { ...base, id: 'b2', job_id: null, project_id: 'p2', user_id: 'u2', user_name: 'bob', backup_metadata: '{}' },
  ]).execute();
}
