import test from 'ava';
import { planJobActions, type LegacyJobRow } from '../../schema/migrations/plan-job-actions.ts';
import { derivedId } from '../../core/derived-id.ts';

const job = (id: string, jobActions: string | Uint8Array | null, extra: Partial<LegacyJobRow> = {}): LegacyJobRow => ({ id, project_id: 'p', user_id: 'u', job_actions: jobActions, ...extra });

test('an entry naming an existing action is only linked, at its list position, with a deterministic link id', (t) => {
  const plan = planJobActions([job('j', '[{"action_id": "a1", "freezer_action": {"action": "other"}}]')], new Set(['a1']));
  t.deepEqual(plan, { actions: [], links: [{ id: derivedId('job_actions', 'j', '0'), job_id: 'j', action_id: 'a1', position: 0, deleted: false }], warnings: [] });
});

test('entries without a known action become actions built from freezer_action, as alembic a1b2c3d4e5f6 does', (t) => {
  const text = '[{"freezer_action": {"action": "backup", "mode": "fs", "mandatory": 1, "timeout": "30"}, "project_id": "", "user_id": "u2"}, {"action_id": "gone", "freezer_action": {"action": "info"}, "max_retries": null}]';
  const plan = planJobActions([job('j', text)], new Set());
  t.deepEqual(plan.actions.map((a) => a.values), [
    {
      id: derivedId('job_actions.action', 'j', '0'), action: 'backup', project_id: 'p', user_id: 'u2', actionmode: 'fs', path_to_backup: null, backup_name: null, container: null,
      timeout: 30, priority: null, max_retries_interval: 6, max_retries: 5, mandatory: true, log_file: null,
      backup_metadata: '{"action": "backup", "mode": "fs", "mandatory": 1, "timeout": "30"}', deleted: false,
    },
    {
      id: 'gone', action: 'info', project_id: 'p', user_id: 'u', actionmode: null, path_to_backup: null, backup_name: null, container: null,
      timeout: null, priority: null, max_retries_interval: 6, max_retries: null, mandatory: null, log_file: null,
      backup_metadata: '{"action": "info"}', deleted: false,
    },
  ]);
  t.deepEqual(plan.links.map((l) => [l.position, l.action_id]), [[0, derivedId('job_actions.action', 'j', '0')], [1, 'gone']]);
  t.deepEqual(plan.warnings, []);
});

test('the same new action named twice is created once; reruns plan identical rows', (t) => {
  const jobs = [job('j1', '[{"action_id": "n", "freezer_action": {"action": "backup"}}]'), job('j2', '[{"action_id": "n", "freezer_action": {"action": "backup"}}]')];
  const first = planJobActions(jobs, new Set());
  t.deepEqual(first.actions.map((a) => a.values.id), ['n']);
  t.deepEqual(first.links.map((l) => l.action_id), ['n', 'n']);
  t.deepEqual(planJobActions(jobs, new Set()), first);
});

test('bad JSON, non-lists, non-objects and entries without an action are skipped with a warning; bytes from SQLite are read', (t) => {
  const plan = planJobActions([
    job('bad', '{nope'),
    job('dict', '{"a": 1}'),
    job('empty', ''),
    job('null', null),
    job('mixed', '[1, {"freezer_action": {"mode": "fs"}}, {"freezer_action": "text"}]'),
    job('bytes', new TextEncoder().encode('[{"action_id": "a1"}]')),
  ], new Set(['a1']));
  t.deepEqual(plan.warnings, [
    'job bad: jobs.job_actions is not valid JSON; job skipped, no job_actions rows',
    'job dict: jobs.job_actions is not a list; job skipped, no job_actions rows',
    'job mixed, job_actions entry 0: not an object; skipped',
    'job mixed, job_actions entry 1: no action_id and freezer_action has no action to create one from; skipped',
    'job mixed, job_actions entry 2: no action_id and freezer_action has no action to create one from; skipped',
  ]);
  t.deepEqual(plan.links.map((l) => [l.job_id, l.action_id]), [['bytes', 'a1']]);
});
