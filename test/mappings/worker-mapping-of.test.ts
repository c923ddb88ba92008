import test from 'ava';
import { freezerMapping } from '../../mappings/freezer/freezer-mapping.ts';
import { createActionCatalog } from '../../transforms/action-catalog.ts';
import { createClientRegistry } from '../../transforms/client-registry.ts';
import { planMapping } from '../../mappings/auto/plan-mapping.ts';
import { workerMappingOf } from '../../pipeline/batch/worker-mapping-of.ts';
import { AUTO_DIALECTS } from '../../mappings/auto/auto-dialect.ts';
import type { AnyMapping } from '../../pipeline/mapping/mapping.ts';
import { notesMapping } from './helpers/notes-mapping.ts';

const plan = { format: 'es2sql-mapping/1', source: { index: 'orders', indices: [], documentsScanned: 0, scan: 'sample' }, tables: [{ name: 'orders', key: ['_id'], columns: [{ name: '_id', kind: 'keyword', field: '_id', length: 512 }] }], notes: [] } as never;

test('Freezer crosses to a worker as its module URL and plain context; the worker side rebuilds registry and catalog', async (t) => {
  const context = { schema: { dialect: 'sqlite', tables: {} }, migrationTime: new Date(0), defaultProjectId: null, clientRegistry: createClientRegistry([]), actionCatalog: createActionCatalog([]) } as never;
  const portable = workerMappingOf(freezerMapping, context);
  if (portable.kind !== 'portable') return t.fail(portable.reason);
  t.true(portable.mapping.module.endsWith('/mappings/freezer/freezer-mapping.ts'));
  const rebuilt = ((await import(portable.mapping.module)) as Record<string, AnyMapping>)[portable.mapping.exportName]!;
  t.is(rebuilt, freezerMapping);
  const adopted = rebuilt.portable!.adoptContext(structuredClone(portable.context)) as { clientRegistry: unknown; actionCatalog: unknown; migrationTime: Date };
  t.truthy(adopted.clientRegistry);
  t.truthy(adopted.actionCatalog);
  t.deepEqual(adopted.migrationTime, new Date(0));
});

test('a plan mapping crosses as its plan; the dialect object as its name', async (t) => {
  const mapping = planMapping(plan, 'auto');
  const portable = workerMappingOf(mapping, AUTO_DIALECTS.postgres);
  if (portable.kind !== 'portable') return t.fail(portable.reason);
  t.is(portable.context, 'postgres');
  const exported = ((await import(portable.mapping.module)) as Record<string, (data: unknown) => AnyMapping>)[portable.mapping.exportName]!;
  const rebuilt = exported(structuredClone(portable.mapping.data));
  t.is(rebuilt.name, 'auto');
  t.deepEqual(rebuilt.partitioning.partitions, ['orders']);
  t.is(rebuilt.portable!.adoptContext(portable.context), AUTO_DIALECTS.postgres);
});

test('a mapping without "portable", or whose context cannot be cloned, stays on the main thread with the reason', (t) => {
  const local = workerMappingOf(notesMapping, null);
  t.deepEqual(local, { kind: 'local', reason: 'it does not say how a worker thread rebuilds it (no "portable")' });
  const withFunction: AnyMapping = { ...notesMapping, portable: { module: 'file:///x.ts', exportName: 'x', shareContext: () => () => 1, adoptContext: (shared) => shared } };
  const refused = workerMappingOf(withFunction, null);
  t.is(refused.kind, 'local');
  t.regex(refused.kind === 'local' ? refused.reason : '', /cannot be sent to a worker thread/);
});
