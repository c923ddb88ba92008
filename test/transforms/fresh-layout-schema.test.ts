import test from 'ava';
import { freshLayoutSchema } from '../../schema/layout/fresh-layout-schema.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { DIRTY_CASES, expectedOutcome } from '../../transforms/dirty-data-policy.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import { makeContext } from './helpers/context.ts';
import { DIRTY_SAMPLES } from './helpers/dirty-samples.ts';
import { layoutA, layoutBHead, layoutBReleased } from './helpers/layout-schemas.ts';

const POINTS = [
  ['A', '3', layoutA],
  ['B', '23c8ad2655a6', layoutBReleased],
  ['B', '7a3b9c1d2e4f', layoutBHead],
] as const;

function shape(schema: TargetSchema): Record<string, string[]> {
  const tables: Record<string, string[]> = {};
  for (const [name, table] of Object.entries(schema.tables)) {
    if (name === 'migrate_version' || name === 'alembic_version') continue;
    tables[name] = table.columns
      .map((c) => `${c.name} ${c.type === 'timestamp' ? 'datetime' : c.type}(${c.length ?? ''}) ${c.nullable ? 'null' : 'nn'}${c.hasDefault ? ' default' : ''}`)
      .sort();
  }
  return tables;
}

for (const dialect of ['mysql', 'sqlite', 'postgres'] as const) {
  for (const [layout, revision, fixture] of POINTS) {
    const schema = freshLayoutSchema(dialect, layout, revision);

    test(`the transform fixture matches schema/'s fresh ${layout}@${revision} on ${dialect}`, (t) => {
      t.deepEqual(shape(fixture(dialect)), shape(schema));
    });

    test(`dirty-data policy holds on schema/'s fresh ${layout}@${revision} on ${dialect}`, (t) => {
      for (const code of DIRTY_CASES) {
        const made = DIRTY_SAMPLES[code]();
        for (const sample of Array.isArray(made) ? made : [made]) {
          const registry = sample.clientRegistry === undefined ? {} : { clientRegistry: sample.clientRegistry };
          const outcome = transformDocument(sample.doc, makeContext(schema, registry));
          const expected = expectedOutcome(code, { schema, entity: sample.entity, doc: sample.doc, ...registry });
          const got = outcome.kind === 'rejected' ? outcome.reason : 'migrated';
          t.is(got, expected.outcome === 'rejected' ? expected.reason : 'migrated', `${code} (${sample.entity})`);
        }
      }
    });
  }
}
