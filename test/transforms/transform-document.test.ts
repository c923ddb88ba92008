import test from 'ava';
import type { JsonObject, JsonValue } from '../../core/json-value.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import { accepted, makeContext, makeDoc } from './helpers/context.ts';
import { allTargets } from './helpers/layout-schemas.ts';
import { actionSource, backupSource, clientSource, jobEntry, jobSource, sessionSource } from './helpers/sample-docs.ts';

const SAMPLES: Array<[string, () => JsonObject]> = [
  ['clients', clientSource],
  ['actions', actionSource],
  ['jobs', jobSource],
  ['sessions', sessionSource],
  ['backups', backupSource],
];

for (const [entity, make] of SAMPLES) {
  test(`typeless ${entity} document is classified from its shape`, (t) => {
    for (const type of [null, '_doc']) {
      t.like(transformDocument(makeDoc(type, 'x', make()), makeContext(allTargets('sqlite')[0]!.schema)), { kind: 'accepted', entity });
    }
  });
}

test('_type wins over the shape', (t) => {
  const outcome = transformDocument(makeDoc('sessions', 'x', { ...sessionSource(), backup_id: 'b' }), makeContext(allTargets('sqlite')[0]!.schema));
  t.like(outcome, { kind: 'accepted', entity: 'sessions' });
});

test('unclassifiable documents are rejected', (t) => {
  const ctx = makeContext(allTargets('sqlite')[0]!.schema);
  t.like(transformDocument(makeDoc(null, 'x', { hello: 'world' }), ctx), { kind: 'rejected', entity: null, reason: 'unclassified_document', docId: 'x' });
  t.like(transformDocument(makeDoc('widgets', 'x', {}), ctx), { kind: 'rejected', reason: 'unclassified_document' });
  const broken = { index: 'freezer', type: 'jobs', id: 'y', version: null, source: [] as unknown as JsonObject };
  t.like(transformDocument(broken, ctx), { kind: 'rejected', entity: 'jobs', reason: 'malformed_document' });
  t.like(transformDocument({ ...broken, type: null }, ctx), { kind: 'rejected', entity: null, reason: 'malformed_document' });
});

function deepFreeze(value: JsonValue): JsonValue {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

function dirtyJob(): JsonObject {
  const source = jobSource();
  source._version = 2;
  source.session_tag = '3';
  source.job_actions = [jobEntry(null), jobEntry(), 'junk'];
  return source;
}

for (const { name, schema } of [...allTargets('mysql'), ...allTargets('sqlite'), ...allTargets('postgres')]) {
  test(`deterministic and input-preserving on ${name}`, (t) => {
    for (const [entity, make] of [...SAMPLES, ['jobs', dirtyJob] as const]) {
      const source = deepFreeze(make()) as JsonObject;
      const first = transformDocument(makeDoc(entity, 'doc', source), makeContext(schema));
      const second = transformDocument(makeDoc(entity, 'doc', source), makeContext(schema));
      t.deepEqual(first, second, entity);
      accepted(first);
    }
  });
}
