import test from 'ava';
import { clientRegistrationKey, createClientRegistry } from '../../transforms/client-registry.ts';
import { derivedId } from '../../core/derived-id.ts';
import { transformClient } from '../../transforms/transform-client.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import { accepted, codes, makeContext, makeDoc, MIGRATION_TIME, rowOf } from './helpers/context.ts';
import { layoutA, layoutBHead, layoutBReleased } from './helpers/layout-schemas.ts';
import { CLIENT_UUID, clientSource, PROJECT, USER } from './helpers/sample-docs.ts';

const CLIENT_ID = `${PROJECT}_node1.example.com`;
const DEFAULTS = {
  supported_actions: '["backup", "restore", "info", "admin", "exec"]',
  supported_modes: '["fs", "mongo", "mysql", "sqlserver", "cinder", "glance", "cindernative", "nova"]',
  supported_storages: '["local", "swift", "ssh", "s3", "ftp", "ftps"]',
  supported_engines: '["tar", "rsync", "rsyncv2", "nova", "osbrick", "glance"]',
};
const BASE = {
  created_at: MIGRATION_TIME,
  updated_at: null,
  deleted_at: null,
  deleted: false,
  user_id: USER,
  id: CLIENT_UUID,
  project_id: PROJECT,
  client_id: CLIENT_ID,
  hostname: 'node1.example.com',
  description: 'compute node',
  uuid: CLIENT_UUID,
};

test('layout A: id = uuid = client.uuid, no capability columns, extra client keys dropped', (t) => {
  const outcome = transformDocument(makeDoc('clients', 'AVx1', clientSource()), makeContext(layoutA('mysql')));
  t.deepEqual(rowOf(outcome, 'clients'), BASE);
  t.like(accepted(outcome), { entity: 'clients', docId: 'AVx1', sqlId: CLIENT_UUID, findings: [], children: [] });
  t.is(accepted(outcome).writes[0]?.mode, 'upsert');
});

test('layout B@23c8ad2655a6: full default capability lists with a finding', (t) => {
  const outcome = transformDocument(makeDoc('clients', 'AVx1', clientSource()), makeContext(layoutBReleased('sqlite')));
  t.deepEqual(rowOf(outcome, 'clients'), { ...BASE, ...DEFAULTS });
  t.deepEqual(codes(accepted(outcome).findings), ['capabilities_defaulted']);
});

test('layout B head: capability arrays as JSON, is_central from the document', (t) => {
  const source = clientSource();
  Object.assign(source.client as object, { supported_actions: ['backup'], supported_modes: ['fs', 'nova'], is_central: 'yes' });
  const outcome = transformDocument(makeDoc('clients', 'AVx1', source), makeContext(layoutBHead('postgres')));
  t.deepEqual(rowOf(outcome, 'clients'), {
    ...BASE,
    ...DEFAULTS,
    supported_actions: '["backup"]',
    supported_modes: '["fs", "nova"]',
    is_central: true,
  });
  t.deepEqual(codes(accepted(outcome).findings), ['capabilities_defaulted', 'value_coerced_to_boolean']);
  t.regex(accepted(outcome).findings[0]?.detail ?? '', /supported_storages, supported_engines/);
});

test('a capability value that is not a list of strings is replaced by the default list', (t) => {
  const source = clientSource();
  Object.assign(source.client as object, { supported_actions: 'backup', supported_modes: [1], supported_storages: ['swift'], supported_engines: ['tar'] });
  const row = rowOf(transformClient(makeDoc('clients', 'x', source), makeContext(layoutBHead('sqlite'))), 'clients');
  t.is(row.supported_actions, DEFAULTS.supported_actions);
  t.is(row.supported_modes, DEFAULTS.supported_modes);
  t.is(row.supported_storages, '["swift"]');
  t.is(row.is_central, false);
});

test('≤ 4.x client: top-level uuid becomes id and uuid', (t) => {
  const source = clientSource();
  delete (source.client as Record<string, unknown>).uuid;
  source.uuid = '11111111111111111111111111111111';
  const outcome = transformClient(makeDoc('clients', 'AVx2', source), makeContext(layoutA('sqlite')));
  t.like(rowOf(outcome, 'clients'), { id: source.uuid, uuid: source.uuid });
  t.deepEqual(codes(accepted(outcome).findings), ['client_uuid_from_top_level']);
});

test('client without any uuid: derived from the ES _id, stable across runs', (t) => {
  const source = clientSource();
  delete (source.client as Record<string, unknown>).uuid;
  const outcome = transformClient(makeDoc('clients', 'AVx3', source), makeContext(layoutA('sqlite')));
  t.is(accepted(outcome).sqlId, derivedId('clients', 'AVx3'));
  t.deepEqual(codes(accepted(outcome).findings), ['client_uuid_derived']);
});

const hostnameCases = [
  { name: 'A (NOT NULL)', schema: layoutA('mysql'), hostname: '', findings: ['hostname_filled'] },
  { name: 'B fresh (nullable)', schema: layoutBHead('mysql'), hostname: null, findings: ['capabilities_defaulted'] },
  { name: 'B from A (NOT NULL)', schema: layoutBHead('mysql', { origin: 'A' }), hostname: '', findings: ['hostname_filled', 'capabilities_defaulted'] },
];
for (const c of hostnameCases) {
  test(`client without hostname on ${c.name}`, (t) => {
    const source = clientSource();
    delete (source.client as Record<string, unknown>).hostname;
    const outcome = transformDocument(makeDoc('clients', 'x', source), makeContext(c.schema));
    t.is(rowOf(outcome, 'clients').hostname, c.hostname);
    t.deepEqual(codes(accepted(outcome).findings), c.findings);
  });
}

test('v1 client: NULL project with a finding, or the default project', (t) => {
  const source = clientSource();
  delete source.project_id;
  const plain = transformClient(makeDoc('clients', 'x', source), makeContext(layoutA('sqlite')));
  t.is(rowOf(plain, 'clients').project_id, null);
  t.deepEqual(codes(accepted(plain).findings), ['v1_document_without_project']);
  t.regex(accepted(plain).findings[0]?.detail ?? '', /invisible to freezer-api/);
  const assigned = transformClient(makeDoc('clients', 'x', source), makeContext(layoutA('sqlite'), { defaultProjectId: 'p-default' }));
  t.is(rowOf(assigned, 'clients').project_id, 'p-default');
});

const rejections: Array<[string, (s: Record<string, unknown>) => void, string, string]> = [
  ['no client object', (s) => delete s.client, 'missing_required_field', 'client'],
  ['client is a string', (s) => (s.client = 'node1'), 'malformed_document', 'client'],
  ['no client_id', (s) => delete (s.client as Record<string, unknown>).client_id, 'missing_required_field', 'client.client_id'],
  ['no user_id', (s) => delete s.user_id, 'missing_required_field', 'user_id'],
  ['numeric uuid', (s) => ((s.client as Record<string, unknown>).uuid = 5), 'malformed_document', 'client.uuid'],
  ['project_id not a string', (s) => (s.project_id = 7), 'malformed_document', 'project_id'],
];
for (const [name, mutate, reason, field] of rejections) {
  test(`client rejected: ${name}`, (t) => {
    const source = clientSource();
    mutate(source);
    t.like(transformClient(makeDoc('clients', 'x', source), makeContext(layoutA('sqlite'))), { kind: 'rejected', reason, field });
  });
}

test('duplicate registrations: the smallest uuid wins whatever the read order', (t) => {
  const docs = ['c', 'a', 'b'].map((letter, i) => {
    const source = clientSource();
    (source.client as Record<string, unknown>).uuid = letter.repeat(32);
    return makeDoc('clients', `doc${i}`, source);
  });
  const forward = createClientRegistry(docs.map((d) => clientRegistrationKey(d)!));
  const backward = createClientRegistry([...docs].reverse().map((d) => clientRegistrationKey(d)!));
  for (const registry of [forward, backward]) {
    const ctx = makeContext(layoutA('mysql'), { clientRegistry: registry });
    const outcomes = docs.map((d) => transformDocument(d, ctx));
    t.deepEqual(outcomes.map((o) => o.kind), ['rejected', 'accepted', 'rejected']);
    t.like(outcomes[0], { reason: 'duplicate_client_registration', field: 'client.client_id' });
    t.regex(outcomes[0]?.kind === 'rejected' ? outcomes[0].detail : '', new RegExp(`kept uuid ${'a'.repeat(32)}`));
  }
});

test('duplicate registrations with the same uuid: the smallest _id wins', (t) => {
  const docs = ['z9', 'a1'].map((id) => makeDoc('clients', id, clientSource()));
  const registry = createClientRegistry(docs.map((d) => clientRegistrationKey(d)!));
  const ctx = makeContext(layoutA('mysql'), { clientRegistry: registry });
  t.deepEqual(docs.map((d) => transformClient(d, ctx).kind), ['rejected', 'accepted']);
});

test('duplicates are grouped per project: the same client_id in two projects is not a duplicate', (t) => {
  const one = clientSource();
  const other = clientSource();
  other.project_id = 'another-project';
  (other.client as Record<string, unknown>).uuid = '0'.repeat(32);
  const docs = [makeDoc('clients', '1', one), makeDoc('clients', '2', other)];
  const registry = createClientRegistry(docs.map((d) => clientRegistrationKey(d)!));
  t.is(registry.winner(PROJECT, CLIENT_ID), undefined);
  const ctx = makeContext(layoutA('mysql'), { clientRegistry: registry });
  t.deepEqual(docs.map((d) => transformClient(d, ctx).kind), ['accepted', 'accepted']);
});

test('clientRegistrationKey: null for documents that cannot register', (t) => {
  t.is(clientRegistrationKey(makeDoc('clients', 'x', { client: { hostname: 'h' }, user_id: USER })), null);
  t.is(clientRegistrationKey(makeDoc('clients', 'x', { client: { client_id: 'c' } })), null);
  t.deepEqual(clientRegistrationKey(makeDoc('clients', 'x', { client: { client_id: 'c' }, user_id: USER, uuid: 'u' })), {
    projectId: null,
    clientId: 'c',
    uuid: 'u',
    docId: 'x',
  });
});
