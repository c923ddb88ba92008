import test from 'ava';
import { derivedId } from '../../core/derived-id.ts';
import type { JsonObject } from '../../core/json-value.ts';
import { transformBackup } from '../../transforms/transform-backup.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import { accepted, codes, makeContext, makeDoc, MIGRATION_TIME, rowOf } from './helpers/context.ts';
import { layoutA, layoutBHead, layoutBReleased } from './helpers/layout-schemas.ts';
import { BACKUP_ID, backupSource, JOB_ID, PROJECT, USER } from './helpers/sample-docs.ts';

const CREATED = new Date('2017-07-14T02:43:20Z');
const METADATA_JSON =
  '{"container": "freezer_etc", "hostname": "node1.example.com", "backup_name": "etc-backup", "time_stamp": 1500000200, ' +
  `"curr_backup_level": 0, "job_id": "${JOB_ID}", "backup_size_compressed": 1234, "client_version": "2.0.0"}`;
const BASE = {
  created_at: CREATED,
  updated_at: null,
  deleted_at: null,
  deleted: false,
  id: BACKUP_ID,
  job_id: JOB_ID,
  project_id: PROJECT,
  user_id: USER,
  backup_metadata: METADATA_JSON,
};

test('backup on A: user_name kept, no status', (t) => {
  const outcome = transformDocument(makeDoc('backups', BACKUP_ID, backupSource()), makeContext(layoutA('mysql')));
  t.deepEqual(rowOf(outcome, 'backups'), { ...BASE, user_name: 'admin' });
  t.like(accepted(outcome), { sqlId: BACKUP_ID, findings: [] });
});

test('backup on B head: no user_name, status available unless set', (t) => {
  t.deepEqual(rowOf(transformDocument(makeDoc('backups', BACKUP_ID, backupSource()), makeContext(layoutBHead('mysql'))), 'backups'), {
    ...BASE,
    status: 'available',
  });
  const errored = { ...backupSource(), status: 'error' };
  t.is(rowOf(transformBackup(makeDoc('backups', BACKUP_ID, errored), makeContext(layoutBHead('sqlite'))), 'backups').status, 'error');
  const odd = accepted(transformBackup(makeDoc('backups', BACKUP_ID, { ...backupSource(), status: 'lost' }), makeContext(layoutBHead('sqlite'))));
  t.deepEqual(odd.findings.map((f) => [f.code, f.field]), [['head_schema_violation', 'status']]);
});

const userNameCases = [
  { name: 'A (nullable)', schema: layoutA('sqlite'), expected: null, findings: [] },
  { name: 'B@23c8ad2655a6 (NOT NULL)', schema: layoutBReleased('sqlite'), expected: '', findings: ['user_name_filled'] },
  { name: 'B head (no column)', schema: layoutBHead('sqlite'), expected: undefined, findings: [] },
];
for (const c of userNameCases) {
  test(`backup with user_name null on ${c.name}`, (t) => {
    const outcome = transformBackup(makeDoc('backups', BACKUP_ID, { ...backupSource(), user_name: null }), makeContext(c.schema));
    t.is(rowOf(outcome, 'backups').user_name, c.expected);
    t.deepEqual(codes(accepted(outcome).findings), c.findings);
  });
}

test('≤ 3.x composite backup id → backup_uuid, mapping reported, sqlId is the new id', (t) => {
  const composite = 'freezer_etc_node1.example.com_etc-backup_1500000200_0';
  const source = { ...backupSource(), backup_id: composite, backup_uuid: 'e'.repeat(32) };
  const outcome = accepted(transformDocument(makeDoc('backups', composite, source), makeContext(layoutA('mysql'))));
  t.is(outcome.sqlId, 'e'.repeat(32));
  t.is(outcome.docId, composite);
  t.is(rowOf(outcome, 'backups').id, 'e'.repeat(32));
  t.deepEqual(codes(outcome.findings), ['backup_id_replaced']);
  t.regex(outcome.findings[0]?.detail ?? '', new RegExp(`${composite}.*eeee`));
  t.regex(String(rowOf(outcome, 'backups').backup_metadata), /"container": "freezer_etc"/);
});

test('composite backup id without a usable backup_uuid → derived id', (t) => {
  const composite = 'freezer_etc_node1/etc_1500000200_0';
  for (const extra of [{}, { backup_uuid: 'not a uuid!' }] as JsonObject[]) {
    const source: JsonObject = { ...backupSource(), backup_id: composite, ...extra };
    const outcome = accepted(transformBackup(makeDoc('backups', composite, source), makeContext(layoutA('sqlite'))));
    t.is(outcome.sqlId, derivedId('backups', composite));
    t.deepEqual(codes(outcome.findings), ['backup_id_replaced']);
  }
});

test('short word-character backup ids without backup_uuid are kept', (t) => {
  const source = { ...backupSource(), backup_id: 'my-backup_1' };
  t.is(accepted(transformBackup(makeDoc('backups', 'my-backup_1', source), makeContext(layoutA('sqlite')))).sqlId, 'my-backup_1');
});

test('backup job_id: from backup_metadata; one that does not fit is dropped with a finding', (t) => {
  const source = backupSource();
  (source.backup_metadata as JsonObject).job_id = 'j'.repeat(40);
  const outcome = transformDocument(makeDoc('backups', BACKUP_ID, source), makeContext(layoutA('mysql')));
  t.is(rowOf(outcome, 'backups').job_id, null);
  t.deepEqual(codes(accepted(outcome).findings), ['backup_job_id_dropped']);
  const noJob = backupSource();
  delete (noJob.backup_metadata as JsonObject).job_id;
  t.is(rowOf(transformBackup(makeDoc('backups', BACKUP_ID, noJob), makeContext(layoutA('sqlite'))), 'backups').job_id, null);
});

test('backup without backup_metadata: {} and the migration time', (t) => {
  const { backup_metadata: _m, ...source } = backupSource();
  const outcome = transformBackup(makeDoc('backups', BACKUP_ID, source), makeContext(layoutA('sqlite')));
  t.like(rowOf(outcome, 'backups'), { backup_metadata: '{}', created_at: MIGRATION_TIME });
  t.deepEqual(codes(accepted(outcome).findings), ['backup_metadata_missing']);
});

test('backup metadata JSON keeps big integers and 1.0 exactly', (t) => {
  const text = `{"backup_id":"${BACKUP_ID}","user_id":"u","project_id":"p","backup_metadata":{"size":12345678901234567890,"ratio":1.0,"name":"é"}}`;
  const row = rowOf(transformBackup(makeDoc('backups', BACKUP_ID, text), makeContext(layoutA('sqlite'))), 'backups');
  t.is(row.backup_metadata, '{"size": 12345678901234567890, "ratio": 1.0, "name": "\\u00e9"}');
});

test('backup rejected without backup_id or user_id', (t) => {
  const ctx = makeContext(layoutA('sqlite'));
  const { backup_id: _b, ...noId } = backupSource();
  t.like(transformBackup(makeDoc('backups', 'x', noId), ctx), { kind: 'rejected', reason: 'missing_required_field', field: 'backup_id' });
  const { user_id: _u, ...noUser } = backupSource();
  t.like(transformBackup(makeDoc('backups', 'x', noUser), ctx), { kind: 'rejected', reason: 'missing_required_field', field: 'user_id' });
});
