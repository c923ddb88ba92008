import test from 'ava';
import type { JsonObject } from '../../core/json-value.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import { transformSession } from '../../transforms/transform-session.ts';
import { accepted, codes, makeContext, makeDoc, MIGRATION_TIME, rowOf } from './helpers/context.ts';
import { allTargets, layoutA } from './helpers/layout-schemas.ts';
import { JOB_ID, PROJECT, SESSION_ID, sessionSource, USER } from './helpers/sample-docs.ts';

const SESSION_ROW = {
  created_at: MIGRATION_TIME,
  updated_at: null,
  deleted_at: null,
  deleted: false,
  id: SESSION_ID,
  session_tag: 4,
  description: 'weekly',
  hold_off: 60,
  schedule: '{"schedule_interval": "7 days", "status": "scheduled"}',
  job: `{"${JOB_ID}": {"client_id": "${PROJECT}_node1.example.com", "status": "completed", "result": "success", "time_started": 1500000100, "time_ended": ""}}`,
  project_id: PROJECT,
  user_id: USER,
  time_start: 1_500_000_000,
  time_end: 1_500_000_500,
  time_started: -1,
  time_ended: -1,
  status: 'active',
  result: null,
};

for (const { name, schema } of [...allTargets('mysql'), ...allTargets('sqlite')]) {
  test(`session on ${name}: every column, jobs verbatim (blank times kept), last_start dropped`, (t) => {
    const outcome = transformDocument(makeDoc('sessions', SESSION_ID, sessionSource()), makeContext(schema));
    t.deepEqual(rowOf(outcome, 'sessions'), SESSION_ROW);
    t.deepEqual(accepted(outcome).findings, []);
  });
}

test('session defaults: hold_off 30, session_tag 0, times -1, schedule {}; absent jobs stay NULL', (t) => {
  const source: JsonObject = { session_id: SESSION_ID, user_id: USER, project_id: PROJECT };
  t.like(rowOf(transformSession(makeDoc('sessions', SESSION_ID, source), makeContext(layoutA('sqlite'))), 'sessions'), {
    hold_off: 30,
    session_tag: 0,
    time_start: -1,
    time_end: -1,
    time_started: -1,
    time_ended: -1,
    schedule: '{}',
    job: null,
    description: null,
    status: null,
  });
});

test('session jobs [] is kept as [] (so freezer-api returns the key)', (t) => {
  const source = { ...sessionSource(), jobs: [] };
  t.is(rowOf(transformSession(makeDoc('sessions', SESSION_ID, source), makeContext(layoutA('sqlite'))), 'sessions').job, '[]');
});

test('session stringly and invalid integers', (t) => {
  const source = { ...sessionSource(), hold_off: '45', session_tag: 'x', time_start: '' };
  const outcome = transformSession(makeDoc('sessions', SESSION_ID, source), makeContext(layoutA('sqlite')));
  t.like(rowOf(outcome, 'sessions'), { hold_off: 45, session_tag: 0, time_start: -1 });
  t.deepEqual(codes(accepted(outcome).findings), ['string_coerced_to_integer', 'invalid_integer', 'invalid_integer']);
});

test('session rejected without session_id or user_id; schedule must be an object', (t) => {
  const ctx = makeContext(layoutA('sqlite'));
  const { session_id: _s, ...noId } = sessionSource();
  t.like(transformSession(makeDoc('sessions', 'x', noId), ctx), { kind: 'rejected', reason: 'missing_required_field', field: 'session_id' });
  const { user_id: _u, ...noUser } = sessionSource();
  t.like(transformSession(makeDoc('sessions', 'x', noUser), ctx), { kind: 'rejected', reason: 'missing_required_field', field: 'user_id' });
  t.like(transformSession(makeDoc('sessions', 'x', { ...sessionSource(), schedule: [1] }), ctx), { kind: 'rejected', reason: 'malformed_document', field: 'schedule' });
});
