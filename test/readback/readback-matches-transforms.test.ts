import test from 'ava';
import { generateCorpus } from '../../fixtures/corpus/index.ts';
import { DIALECTS, freshLayoutSchema } from '../../schema/index.ts';
import { actionCatalogEntry, createActionCatalog, type ActionCatalogEntry } from '../../transforms/action-catalog.ts';
import { clientRegistrationKey, createClientRegistry, type ClientRegistrationKey } from '../../transforms/client-registry.ts';
import { canonicalJson, documentFromRows, expectedFromDocument, fieldDifferences, type SqlRow, type StoredAction } from '../../transforms/readback/index.ts';
import type { TransformContext } from '../../transforms/transform-context.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import { asSourceDocument } from '../validate/helpers/corpus-file.ts';

const DOCS = [...generateCorpus({ docs: 2500, seed: 3 })].map(asSourceDocument);
const LAYOUTS = [['A', '3'], ['B', '23c8ad2655a6'], ['B', '7a3b9c1d2e4f']] as const;

for (const dialect of DIALECTS) {
  for (const [layout, revision] of LAYOUTS) {
    test(`${dialect} ${layout}@${revision}: for every document the transforms accept, the rows they write read back as the expected API document`, (t) => {
      const schema = freshLayoutSchema(dialect, layout, revision);
      const context: TransformContext = {
        schema,
        migrationTime: new Date('2026-01-01T00:00:00Z'),
        defaultProjectId: 'default-project',
        clientRegistry: createClientRegistry(DOCS.map(clientRegistrationKey).filter((k): k is ClientRegistrationKey => k !== null)),
        actionCatalog: createActionCatalog(DOCS.map(actionCatalogEntry).filter((e): e is ActionCatalogEntry => e !== null)),
      };
      const actionRows = new Map<string, SqlRow>();
      const stored = new Map<string, StoredAction>();
      for (const doc of DOCS) {
        const outcome = transformDocument(doc, context);
        if (outcome.kind !== 'accepted' || outcome.entity !== 'actions') continue;
        const row = outcome.writes.find((w) => w.table === 'actions')!.row;
        actionRows.set(outcome.sqlId, row);
        const { mandatory: _mandatory, ...entry } = expectedFromDocument('actions', doc, { schema, sqlId: outcome.sqlId, defaultProjectId: 'default-project' });
        stored.set(outcome.sqlId, { projectId: row.project_id as string | null, document: entry });
      }
      const mismatches: string[] = [];
      let compared = 0;
      for (const doc of DOCS) {
        const outcome = transformDocument(doc, context);
        if (outcome.kind !== 'accepted') continue;
        const actions = new Map(actionRows);
        for (const write of outcome.writes) if (write.table === 'actions' && (write.mode === 'upsert' || !actions.has(String(write.row.id)))) actions.set(String(write.row.id), write.row);
        const own = outcome.writes.find((w) => w.table === outcome.entity)!;
        const fromRows = documentFromRows(outcome.entity, own.row, schema, { links: outcome.children[0]?.rows ?? [], actions });
        const expected = expectedFromDocument(outcome.entity, doc, { schema, sqlId: outcome.sqlId, defaultProjectId: 'default-project', storedAction: (id) => stored.get(id), actionCatalog: context.actionCatalog! });
        compared += 1;
        if (canonicalJson(fromRows) !== canonicalJson(expected)) mismatches.push(`${outcome.entity} ${doc.id}: ${fieldDifferences(expected, fromRows).join(', ')}`);
      }
      t.deepEqual(mismatches, []);
      t.true(compared > 2000);
    });
  }
}
