import test from 'ava';
import { actionCatalogEntry, createActionCatalog, freezerActionFingerprint } from '../../transforms/action-catalog.ts';
import { derivedId } from '../../core/derived-id.ts';
import type { JsonObject } from '../../core/json-value.ts';
import { pythonJsonDumps } from '../../core/python-json.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import { transformJob } from '../../transforms/transform-job.ts';
import { accepted, codes, makeContext, makeDoc, rowOf } from './helpers/context.ts';
import { layoutA, layoutBHead, layoutBReleased } from './helpers/layout-schemas.ts';
import { ACTION_ID, actionSource, JOB_ID, jobEntry, jobSource, PROJECT, USER } from './helpers/sample-docs.ts';

const CREATED = new Date('2017-07-14T02:40:00Z');
const JOB_ROW = {
  created_at: CREATED,
  updated_at: null,
  deleted_at: null,
  deleted: false,
  id: JOB_ID,
  project_id: PROJECT,
  user_id: USER,
  client_id: `${PROJECT}_node1.example.com`,
  session_id: '',
  session_tag: 0,
  description: 'nightly etc',
};

for (const [name, schema] of [['A/mysql', layoutA('mysql')], ['B@23c8ad2655a6/sqlite', layoutBReleased('sqlite')]] as const) {
  test(`job on ${name}: job_actions JSON verbatim, schedule JSON, created_at from time_created`, (t) => {
    const source = jobSource();
    const outcome = transformDocument(makeDoc('jobs', JOB_ID, source), makeContext(schema));
    t.deepEqual(rowOf(outcome, 'jobs'), {
      ...JOB_ROW,
      schedule: pythonJsonDumps(source.job_schedule!),
      job_actions: pythonJsonDumps(source.job_actions!),
    });
    t.deepEqual(accepted(outcome).writes.length, 1);
    t.deepEqual(accepted(outcome).children, []);
    t.deepEqual(accepted(outcome).findings, []);
  });
}

test('job on B head: link rows as children, the entry as an insert-if-absent action written first', (t) => {
  const outcome = accepted(transformDocument(makeDoc('jobs', JOB_ID, jobSource()), makeContext(layoutBHead('mysql'))));
  t.deepEqual(outcome.writes.map((w) => [w.table, w.mode]), [['actions', 'insert-if-absent'], ['jobs', 'upsert']]);
  t.false('job_actions' in rowOf(outcome, 'jobs'));
  t.like(rowOf(outcome, 'actions'), { id: ACTION_ID, action: 'backup', max_retries: 3, mandatory: true, created_at: CREATED, project_id: PROJECT });
  t.deepEqual(outcome.children, [
    {
      table: 'job_actions',
      parentColumn: 'job_id',
      parentId: JOB_ID,
      rows: [
        {
          id: derivedId('job_actions', JOB_ID, '0'),
          job_id: JOB_ID,
          action_id: ACTION_ID,
          position: 0,
          created_at: CREATED,
          updated_at: null,
          deleted_at: null,
          deleted: false,
        },
      ],
      fields: [{ job_id: 'job_id', action_id: 'job_actions.0.action_id' }],
    },
  ]);
  t.deepEqual(outcome.findings, []);
});

test('B head without a catalog: entries without action_id, without action name, not objects; positions keep gaps', (t) => {
  const source = jobSource();
  const nameless = jobEntry();
  delete (nameless.freezer_action as JsonObject).action;
  const namelessNoId = jobEntry(null);
  delete (namelessNoId.freezer_action as JsonObject).action;
  source.job_actions = [jobEntry(null), 'junk', namelessNoId, nameless, jobEntry()];
  const outcome = accepted(transformJob(makeDoc('jobs', JOB_ID, source), makeContext(layoutBHead('sqlite'))));
  const created = derivedId('job_actions.action', JOB_ID, '0');
  t.deepEqual(outcome.writes.map((w) => [w.table, w.row.id, w.mode]), [
    ['actions', created, 'upsert'],
    ['actions', ACTION_ID, 'insert-if-absent'],
    ['jobs', JOB_ID, 'upsert'],
  ]);
  t.like(outcome.writes[0]?.row, { user_id: USER, project_id: PROJECT });
  t.deepEqual(outcome.children[0]?.rows.map((r) => [r.position, r.action_id]), [[0, created], [4, ACTION_ID]]);
  t.deepEqual(outcome.findings.map((f) => [f.code, f.field]), [
    ['job_entry_action_created', 'job_actions.0'],
    ['job_entry_skipped', 'job_actions.1'],
    ['job_entry_skipped', 'job_actions.2.freezer_action.action'],
    ['job_entry_skipped', 'job_actions.3.freezer_action.action'],
  ]);
});

test('B head: entry without user/project takes the job owner', (t) => {
  const source = jobSource();
  const entry = jobEntry();
  delete entry.user_id;
  delete entry.project_id;
  source.job_actions = [entry];
  const row = rowOf(transformJob(makeDoc('jobs', JOB_ID, source), makeContext(layoutBHead('sqlite'))), 'actions');
  t.like(row, { user_id: USER, project_id: PROJECT });
});

test('B head with an action catalog: diverged entries, deleted actions, cross-project references', (t) => {
  const stored = actionSource();
  const other = { ...actionSource(), action_id: 'other-action', project_id: 'other-project' };
  const catalog = createActionCatalog([stored, other].map((s) => actionCatalogEntry(makeDoc('actions', String(s.action_id), s))!));
  const source = jobSource();
  const diverged = jobEntry();
  (diverged.freezer_action as JsonObject).backup_name = 'renamed';
  const same = jobEntry();
  (same.freezer_action as JsonObject)._version = 4;
  const deleted = jobEntry('gone-action');
  const deletedNameless = jobEntry('gone-too');
  delete (deletedNameless.freezer_action as JsonObject).action;
  const cross = jobEntry('other-action');
  const storedNameless = jobEntry();
  delete (storedNameless.freezer_action as JsonObject).action;
  source.job_actions = [same, diverged, deleted, deletedNameless, cross, storedNameless];
  const outcome = accepted(transformJob(makeDoc('jobs', JOB_ID, source), makeContext(layoutBHead('sqlite'), { actionCatalog: catalog })));
  t.deepEqual(outcome.findings.map((f) => [f.code, f.field]), [
    ['version_in_source_dropped', 'job_actions.0.freezer_action._version'],
    ['job_entry_diverges', 'job_actions.1.freezer_action'],
    ['job_entry_action_missing', 'job_actions.2.action_id'],
    ['job_entry_skipped', 'job_actions.3.freezer_action.action'],
    ['cross_project_action_ref', 'job_actions.4.action_id'],
    ['job_entry_without_action_name', 'job_actions.5.freezer_action.action'],
    ['job_entry_diverges', 'job_actions.5.freezer_action'],
  ]);
  t.deepEqual(outcome.children[0]?.rows.map((r) => r.action_id), [ACTION_ID, ACTION_ID, 'gone-action', 'other-action', ACTION_ID]);
});

test('B head without a catalog: an entry naming a project other than the job is reported', (t) => {
  const source = jobSource();
  source.job_actions = [{ ...jobEntry(), project_id: 'other-project' }];
  const outcome = accepted(transformJob(makeDoc('jobs', JOB_ID, source), makeContext(layoutBHead('sqlite'))));
  t.deepEqual(codes(outcome.findings), ['cross_project_action_ref']);
  t.like(rowOf(outcome, 'actions'), { project_id: 'other-project' });
});

test('freezerActionFingerprint ignores key order, _version, user_id and 1.0 vs 1', (t) => {
  const a = makeDoc('x', 'x', '{"fa":{"action":"backup","timeout":1.0,"_version":3,"user_id":"u"}}').source.fa!;
  const b = makeDoc('x', 'x', '{"fa":{"timeout":1,"action":"backup"}}').source.fa!;
  t.is(freezerActionFingerprint(a), freezerActionFingerprint(b));
  t.not(freezerActionFingerprint(a), freezerActionFingerprint({ action: 'restore', timeout: 1 }));
});

test('actionCatalogEntry: actions that cannot become rows are not in the catalog', (t) => {
  const nameless = { ...actionSource(), freezer_action: { mode: 'fs' } };
  t.is(actionCatalogEntry(makeDoc('actions', 'x', nameless)), null);
  t.is(actionCatalogEntry(makeDoc('actions', 'x', { ...actionSource(), action_id: '' })), null);
  t.like(actionCatalogEntry(makeDoc('actions', 'x', { ...actionSource(), project_id: null })), { actionId: ACTION_ID, projectId: null });
});

test('the same action twice in one job: one action row, two links', (t) => {
  const source = jobSource();
  source.job_actions = [jobEntry(), jobEntry()];
  const outcome = accepted(transformJob(makeDoc('jobs', JOB_ID, source), makeContext(layoutBHead('sqlite'))));
  t.is(outcome.writes.filter((w) => w.table === 'actions').length, 1);
  t.is(outcome.children[0]?.rows.length, 2);
});

test('job defaults: absent client_id/session_id/description → "", session_tag 0, created_at from the run', (t) => {
  const source: JsonObject = { job_id: JOB_ID, user_id: USER, project_id: PROJECT, job_actions: [] };
  const ctx = makeContext(layoutA('sqlite'));
  const row = rowOf(transformJob(makeDoc('jobs', JOB_ID, source), ctx), 'jobs');
  t.like(row, { client_id: '', session_id: '', session_tag: 0, description: '', schedule: '{}', job_actions: '[]', created_at: ctx.migrationTime });
});

test('job nulls: description/session_id stay NULL, session_tag and client_id get defaults', (t) => {
  const source = { ...jobSource(), description: null, session_id: null, session_tag: null, client_id: null };
  const outcome = transformJob(makeDoc('jobs', JOB_ID, source), makeContext(layoutA('sqlite')));
  t.like(rowOf(outcome, 'jobs'), { description: null, session_id: null, session_tag: 0, client_id: '' });
  t.deepEqual(codes(accepted(outcome).findings), ['null_replaced_by_default', 'null_replaced_by_default']);
});

test('job: stringly session_tag coerced, nonsense time_created falls back to the migration time', (t) => {
  const source: JsonObject = { ...jobSource(), session_tag: '7' };
  (source.job_schedule as JsonObject).time_created = -1;
  const ctx = makeContext(layoutA('sqlite'));
  const outcome = transformJob(makeDoc('jobs', JOB_ID, source), ctx);
  t.like(rowOf(outcome, 'jobs'), { session_tag: 7, created_at: ctx.migrationTime });
  t.deepEqual(codes(accepted(outcome).findings), ['string_coerced_to_integer']);
});

test('user_credentials: a row on targets with the table, nothing elsewhere', (t) => {
  const source = { ...jobSource(), user_credentials: { trust_id: 'trust-1', trustor_user_id: USER } };
  const head = accepted(transformJob(makeDoc('jobs', JOB_ID, source), makeContext(layoutBHead('sqlite'))));
  t.like(rowOf(head, 'user_credentials'), { id: derivedId('user_credentials', JOB_ID), trust_id: 'trust-1', trustor_user_id: USER, job_id: JOB_ID });
  t.is(head.writes.at(-1)?.table, 'user_credentials');
  const a = accepted(transformJob(makeDoc('jobs', JOB_ID, source), makeContext(layoutA('sqlite'))));
  t.false(a.writes.some((w) => w.table === 'user_credentials'));
  const partial = { ...jobSource(), user_credentials: { trust_id: 'trust-1' } };
  const skipped = accepted(transformJob(makeDoc('jobs', JOB_ID, partial), makeContext(layoutBHead('sqlite'))));
  t.deepEqual(codes(skipped.findings), ['user_credentials_skipped']);
});

test('HEAD schema violations are reported on HEAD targets only', (t) => {
  const source = jobSource();
  Object.assign(source.job_schedule as JsonObject, { schedule_date: '14/07/2017', legacy_key: 1, status: 'sleeping' });
  source.client_id = 'bad client!';
  (((source.job_actions as JsonObject[])[0]!).freezer_action as JsonObject).action = 'snapshot';
  t.deepEqual(accepted(transformJob(makeDoc('jobs', JOB_ID, source), makeContext(layoutBReleased('sqlite')))).findings, []);
  const head = accepted(transformJob(makeDoc('jobs', JOB_ID, source), makeContext(layoutBHead('sqlite'))));
  t.deepEqual(head.findings.map((f) => f.field), [
    'job_actions.0.freezer_action.action',
    'job_schedule',
    'job_schedule.schedule_date',
    'job_schedule.status',
    'client_id',
  ]);
  t.true(head.findings.every((f) => f.code === 'head_schema_violation'));
});

const rejections: Array<[string, (s: JsonObject) => void, string, string]> = [
  ['no job_id', (s) => delete s.job_id, 'missing_required_field', 'job_id'],
  ['no user_id', (s) => delete s.user_id, 'missing_required_field', 'user_id'],
  ['job_actions an object', (s) => (s.job_actions = {}), 'malformed_document', 'job_actions'],
  ['job_schedule a string', (s) => (s.job_schedule = 'daily'), 'malformed_document', 'job_schedule'],
  ['user_credentials a string', (s) => (s.user_credentials = 'x'), 'malformed_document', 'user_credentials'],
];
for (const [name, mutate, reason, field] of rejections) {
  test(`job rejected: ${name}`, (t) => {
    const source = jobSource();
    mutate(source);
    t.like(transformJob(makeDoc('jobs', 'x', source), makeContext(layoutBHead('sqlite'))), { kind: 'rejected', reason, field });
  });
}

test('an entry action that cannot be stored rejects the job (B head): over-long action id', (t) => {
  const source = jobSource();
  source.job_actions = [jobEntry('x'.repeat(40))];
  t.like(transformDocument(makeDoc('jobs', JOB_ID, source), makeContext(layoutBHead('sqlite'))), {
    kind: 'rejected',
    reason: 'too_long',
    field: 'job_actions.0.action_id',
  });
});
