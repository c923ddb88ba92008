import test from 'ava';
import { DIRTY_CASES, expectedOutcome } from '../../transforms/dirty-data-policy.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import type { TransformOutcome } from '../../transforms/transform-result.ts';
import { makeContext } from './helpers/context.ts';
import { DIRTY_SAMPLES } from './helpers/dirty-samples.ts';
import { allTargets } from './helpers/layout-schemas.ts';

const TARGETS = [...allTargets('mysql'), ...allTargets('sqlite'), ...allTargets('postgres')];

function summary(outcome: TransformOutcome): string {
  return outcome.kind === 'rejected'
    ? `rejected ${outcome.reason}: ${outcome.detail}`
    : `migrated with [${outcome.findings.map((f) => f.code).join(', ')}]`;
}

for (const code of DIRTY_CASES) {
  for (const withCatalog of [false, true]) {
    test(`${code}${withCatalog ? ' (with action catalog)' : ''}: outcome on every target follows the policy`, (t) => {
      for (const { name, schema } of TARGETS) {
        const made = DIRTY_SAMPLES[code]();
        for (const [variant, sample] of (Array.isArray(made) ? made : [made]).entries()) {
          const registry = sample.clientRegistry === undefined ? {} : { clientRegistry: sample.clientRegistry };
          const ctx = makeContext(schema, { ...registry, ...(withCatalog ? { actionCatalog: sample.actionCatalog } : {}) });
          const outcome = transformDocument(sample.doc, ctx);
          const expected = expectedOutcome(code, { schema, entity: sample.entity, actionCatalog: withCatalog, doc: sample.doc, ...registry });
          const where = `${name} variant ${variant} (${sample.entity}): ${summary(outcome)}`;
          if (expected.outcome === 'rejected') {
            t.is(outcome.kind === 'rejected' ? outcome.reason : 'migrated', expected.reason, where);
            continue;
          }
          t.is(outcome.kind, 'accepted', where);
          if (expected.finding === undefined) continue;
          const wanted: readonly string[] = typeof expected.finding === 'string' ? [expected.finding] : expected.finding;
          t.true(outcome.findings.some((f) => wanted.includes(f.code)), `${where}, expected one of ${wanted.join(', ')}`);
        }
      }
    });
  }
}

test('the policy distinguishes layouts where the contract says they differ', (t) => {
  const [a, released, head, headFromA] = allTargets('mysql').map((target) => target.schema);
  const hostname = (schema: typeof a) => expectedOutcome('dirty.overlong_hostname', { schema: schema!, entity: 'clients' });
  t.deepEqual([a, released, head, headFromA].map(hostname), [
    { outcome: 'migrated' },
    { outcome: 'rejected', reason: 'too_long' },
    { outcome: 'rejected', reason: 'too_long' },
    { outcome: 'migrated' },
  ]);
  t.deepEqual(expectedOutcome('dirty.four_byte_utf8', { schema: a!, entity: 'clients' }), { outcome: 'rejected', reason: 'charset_unsupported' });
  t.deepEqual(expectedOutcome('dirty.four_byte_utf8', { schema: head!, entity: 'clients' }), { outcome: 'migrated', finding: 'four_byte_utf8_connection_hazard' });
  t.deepEqual(expectedOutcome('dirty.backup_user_name_null', { schema: released!, entity: 'backups' }), { outcome: 'migrated', finding: 'user_name_filled' });
});
