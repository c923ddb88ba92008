import test from 'ava';
import { transformAction } from '../../transforms/transform-action.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import type { JsonObject } from '../../core/json-value.ts';
import { accepted, codes, makeContext, makeDoc, MIGRATION_TIME, rowOf } from './helpers/context.ts';
import { layoutA, layoutBHead, layoutBReleased } from './helpers/layout-schemas.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { ACTION_ID, actionSource, PROJECT, USER } from './helpers/sample-docs.ts';

const BOOKKEEPING = { created_at: MIGRATION_TIME, updated_at: null, deleted_at: null, deleted: false };
const FA_JSON =
  '{"action": "backup", "mode": "fs", "path_to_backup": "/etc", "backup_name": "etc-backup", "container": "freezer_etc", ' +
  '"storage": "swift", "engine_name": "tar", "log_file": "/var/log/freezer.log", "timeout": 3600, "priority": 10, "mandatory": true}';

const ACTION_ROW = {
  ...BOOKKEEPING,
  id: ACTION_ID,
  action: 'backup',
  project_id: PROJECT,
  user_id: USER,
  actionmode: 'fs',
  path_to_backup: '/etc',
  backup_name: 'etc-backup',
  container: 'freezer_etc',
  timeout: 3600,
  priority: 10,
  max_retries_interval: 30,
  max_retries: 3,
  mandatory: true,
  log_file: '/var/log/freezer.log',
  backup_metadata: FA_JSON,
};
const REPORT_ROW = {
  ...BOOKKEEPING,
  id: ACTION_ID,
  project_id: PROJECT,
  user_id: USER,
  result: null,
  time_elapsed: null,
  report_date: null,
  log: null,
};

const targets: Array<[string, TargetSchema]> = [
  ['A/mysql', layoutA('mysql')],
  ['B@23c8ad2655a6/sqlite', layoutBReleased('sqlite')],
  ['B head/postgres', layoutBHead('postgres')],
];
for (const [name, schema] of targets) {
  test(`action → actions + action_reports rows on ${name}`, (t) => {
    const outcome = transformDocument(makeDoc('actions', ACTION_ID, actionSource()), makeContext(schema));
    const result = accepted(outcome);
    t.deepEqual(result.writes.map((w) => [w.table, w.mode]), [['actions', 'upsert'], ['action_reports', 'upsert']]);
    t.deepEqual(rowOf(outcome, 'actions'), ACTION_ROW);
    t.deepEqual(rowOf(outcome, 'action_reports'), REPORT_ROW);
    t.deepEqual(result.findings, []);
    t.is(result.sqlId, ACTION_ID);
  });
}

test('defaults: max_retries 5, max_retries_interval 6, mandatory false, absent keys NULL', (t) => {
  const source: JsonObject = { action_id: ACTION_ID, user_id: USER, project_id: PROJECT, freezer_action: { action: 'info' } };
  const row = rowOf(transformAction(makeDoc('actions', ACTION_ID, source), makeContext(layoutA('sqlite'))), 'actions');
  t.like(row, { max_retries: 5, max_retries_interval: 6, mandatory: false, actionmode: null, timeout: null, backup_name: null });
  t.is(row.backup_metadata, '{"action": "info"}');
});

test('mode column follows the target: `mode` on a 7.0.0-era database', (t) => {
  const schema = layoutA('sqlite');
  const actions = schema.tables.actions!;
  const renamed = { ...schema, tables: { ...schema.tables, actions: { ...actions, columns: actions.columns.map((c) => (c.name === 'actionmode' ? { ...c, name: 'mode' } : c)) } } };
  const row = rowOf(transformAction(makeDoc('actions', ACTION_ID, actionSource()), makeContext(renamed)), 'actions');
  t.is(row.mode, 'fs');
  t.false('actionmode' in row);
});

test('top-level mandatory is not a column: reported when it differs', (t) => {
  const source = actionSource();
  delete (source.freezer_action as JsonObject).mandatory;
  source.mandatory = true;
  const outcome = transformAction(makeDoc('actions', ACTION_ID, source), makeContext(layoutA('sqlite')));
  t.is(rowOf(outcome, 'actions').mandatory, false);
  t.deepEqual(codes(accepted(outcome).findings), ['top_level_mandatory_ignored']);
  t.is(accepted(outcome).findings[0]?.field, 'mandatory');
});

test('legacy src_file fills path_to_backup; the JSON copy keeps src_file', (t) => {
  const source = actionSource();
  const fa = source.freezer_action as JsonObject;
  delete fa.path_to_backup;
  fa.src_file = '/var/lib/mysql';
  const outcome = transformAction(makeDoc('actions', ACTION_ID, source), makeContext(layoutA('sqlite')));
  const row = rowOf(outcome, 'actions');
  t.is(row.path_to_backup, '/var/lib/mysql');
  t.regex(String(row.backup_metadata), /"src_file": "\/var\/lib\/mysql"/);
  t.notRegex(String(row.backup_metadata), /path_to_backup/);
  t.deepEqual(codes(accepted(outcome).findings), ['src_file_copied_to_path_to_backup']);
});

test('stringly-typed integers and booleans are coerced with findings', (t) => {
  const source = actionSource();
  Object.assign(source.freezer_action as JsonObject, { timeout: ' 30 ', priority: '5', mandatory: 'on' });
  source.max_retries = '3';
  const outcome = transformAction(makeDoc('actions', ACTION_ID, source), makeContext(layoutA('mysql')));
  t.like(rowOf(outcome, 'actions'), { timeout: 30, priority: 5, mandatory: true, max_retries: 3 });
  t.deepEqual(codes(accepted(outcome).findings).sort(), [
    'string_coerced_to_integer',
    'string_coerced_to_integer',
    'string_coerced_to_integer',
    'value_coerced_to_boolean',
  ]);
  t.regex(String(rowOf(outcome, 'actions').backup_metadata), /"timeout": " 30 "/);
});

test('non-numeric integers: NULL where freezer has no default, the default where it has one', (t) => {
  const source = actionSource();
  (source.freezer_action as JsonObject).timeout = 'abc';
  source.max_retries = 'many';
  const outcome = transformAction(makeDoc('actions', ACTION_ID, source), makeContext(layoutA('mysql')));
  t.like(rowOf(outcome, 'actions'), { timeout: null, max_retries: 5 });
  t.deepEqual(codes(accepted(outcome).findings), ['invalid_integer', 'invalid_integer']);
  t.is(accepted(outcome).findings[0]?.field, 'freezer_action.timeout');
});

test('report fields feed action_reports; time_elapsed numbers become text', (t) => {
  const source = actionSource();
  Object.assign(source.freezer_action as JsonObject, { result: 'success', time_elapsed: 12.5, report_date: 1_500_000_000 });
  const outcome = transformAction(makeDoc('actions', ACTION_ID, source), makeContext(layoutA('mysql')));
  t.like(rowOf(outcome, 'action_reports'), { result: 'success', time_elapsed: '12.5', report_date: new Date('2017-07-14T02:40:00Z') });
  t.deepEqual(codes(accepted(outcome).findings), ['number_coerced_to_string']);
});

test('bad report_date → NULL with a finding; MySQL TIMESTAMP range enforced', (t) => {
  for (const [value, schema] of [['last tuesday', layoutA('sqlite')], [4_102_444_800, layoutA('mysql')]] as const) {
    const source = actionSource();
    (source.freezer_action as JsonObject).report_date = value;
    const outcome = transformDocument(makeDoc('actions', ACTION_ID, source), makeContext(schema));
    t.is(rowOf(outcome, 'action_reports').report_date, null);
    t.deepEqual(codes(accepted(outcome).findings), ['invalid_report_date']);
  }
  const source = actionSource();
  (source.freezer_action as JsonObject).report_date = 4_102_444_800;
  const sqlite = transformDocument(makeDoc('actions', ACTION_ID, source), makeContext(layoutA('sqlite')));
  t.deepEqual(rowOf(sqlite, 'action_reports').report_date, new Date('2100-01-01T00:00:00Z'));
});

test('_version inside _source and inside freezer_action is dropped', (t) => {
  const source = actionSource();
  source._version = 3;
  (source.freezer_action as JsonObject)._version = 2;
  const outcome = transformAction(makeDoc('actions', ACTION_ID, source), makeContext(layoutA('sqlite')));
  t.is(rowOf(outcome, 'actions').backup_metadata, FA_JSON);
  t.deepEqual(codes(accepted(outcome).findings), ['version_in_source_dropped', 'version_in_source_dropped']);
  t.is((source.freezer_action as JsonObject)._version, 2, 'the input is not mutated');
});

test('HEAD targets report actions/modes outside HEAD enums', (t) => {
  const source = actionSource();
  Object.assign(source.freezer_action as JsonObject, { action: 'snapshot', mode: 'lvm' });
  t.deepEqual(codes(accepted(transformAction(makeDoc('actions', ACTION_ID, source), makeContext(layoutA('sqlite')))).findings), []);
  const head = accepted(transformAction(makeDoc('actions', ACTION_ID, source), makeContext(layoutBHead('sqlite'))));
  t.deepEqual(head.findings.map((f) => [f.code, f.field]), [
    ['head_schema_violation', 'freezer_action.action'],
    ['head_schema_violation', 'freezer_action.mode'],
  ]);
});

const rejections: Array<[string, (s: JsonObject) => void, string, string]> = [
  ['no action_id', (s) => delete s.action_id, 'missing_required_field', 'action_id'],
  ['empty action_id', (s) => (s.action_id = ''), 'missing_required_field', 'action_id'],
  ['numeric action_id', (s) => (s.action_id = 5), 'malformed_document', 'action_id'],
  ['no user_id', (s) => delete s.user_id, 'missing_required_field', 'user_id'],
  ['no freezer_action', (s) => delete s.freezer_action, 'missing_required_field', 'freezer_action'],
  ['freezer_action a list', (s) => (s.freezer_action = []), 'malformed_document', 'freezer_action'],
  ['no freezer_action.action', (s) => delete (s.freezer_action as JsonObject).action, 'missing_required_field', 'freezer_action.action'],
  ['freezer_action.action an object', (s) => ((s.freezer_action as JsonObject).action = {}), 'invalid_value', 'freezer_action.action'],
];
for (const [name, mutate, reason, field] of rejections) {
  test(`action rejected: ${name}`, (t) => {
    const source = actionSource();
    mutate(source);
    t.like(transformAction(makeDoc('actions', 'x', source), makeContext(layoutA('sqlite'))), { kind: 'rejected', entity: 'actions', reason, field });
  });
}
