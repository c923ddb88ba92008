import test from 'ava';
import { adoptActionCatalog, createActionCatalog, freezerActionFingerprint } from '../../transforms/action-catalog.ts';
import { createClientRegistry } from '../../transforms/client-registry.ts';

test('the action catalog gives back each stored action’s project and fingerprint, also after crossing to another thread', (t) => {
  const entries = Array.from({ length: 300 }, (_, i) => ({
    actionId: `action-${i}`,
    projectId: i % 3 === 0 ? null : `project-${i % 7}`,
    fingerprint: freezerActionFingerprint({ action: 'backup', path_to_backup: `/data/${i}` }),
  }));
  const catalog = createActionCatalog(entries);
  const adopted = adoptActionCatalog(structuredClone(catalog.share()));
  t.is(catalog.size, 300);
  t.is(adopted.size, 300);
  for (const entry of entries) {
    const expected = { projectId: entry.projectId, fingerprint: entry.fingerprint };
    t.deepEqual(catalog.get(entry.actionId), expected);
    t.deepEqual(adopted.get(entry.actionId), expected);
  }
  t.is(catalog.get('action-300'), undefined);
  t.is(adopted.get('nope'), undefined);
});

test('the action catalog keeps projects apart beyond 65,534 distinct projects', (t) => {
  const catalog = createActionCatalog([]);
  for (let i = 0; i < 70_000; i++) catalog.add({ actionId: `a${i}`, projectId: `p${i}`, fingerprint: freezerActionFingerprint({ action: 'x', n: i }) });
  const adopted = adoptActionCatalog(catalog.share());
  for (const i of [0, 255, 256, 65_534, 65_535, 65_536, 69_999]) {
    t.deepEqual(adopted.get(`a${i}`), { projectId: `p${i}`, fingerprint: freezerActionFingerprint({ action: 'x', n: i }) }, `action ${i}`);
  }
});

test('the client registry shares only the duplicated registrations, and the registry built from them names the same winners', (t) => {
  const keys = [
    { projectId: 'p1', clientId: 'host-a', uuid: 'bbbb', docId: 'd1' },
    { projectId: 'p1', clientId: 'host-a', uuid: 'aaaa', docId: 'd2' },
    { projectId: 'p1', clientId: 'host-b', uuid: 'cccc', docId: 'd3' },
    { projectId: null, clientId: 'host-c', uuid: 'eeee', docId: 'd4' },
    { projectId: null, clientId: 'host-c', uuid: 'eeee', docId: 'd0' },
    { projectId: null, clientId: 'host-c', uuid: 'ffff', docId: 'd5' },
  ];
  const registry = createClientRegistry(keys);
  const shared = registry.share();
  t.deepEqual(shared.map((k) => k.docId).sort(), ['d0', 'd1', 'd2', 'd4', 'd5']);
  const rebuilt = createClientRegistry(structuredClone(shared));
  for (const r of [registry, rebuilt]) {
    t.is(r.winner('p1', 'host-a'), 'aaaa');
    t.is(r.winnerDocId!('p1', 'host-a'), 'd2');
    t.is(r.winner('p1', 'host-b'), undefined, 'registered once: no winner to decide');
    t.is(r.winner(null, 'host-c'), 'eeee');
    t.is(r.winnerDocId!(null, 'host-c'), 'd0');
    t.is(r.winner('p2', 'host-a'), undefined);
  }
});
