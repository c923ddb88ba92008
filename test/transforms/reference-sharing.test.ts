import test from 'ava';
import { adoptActionCatalog, createActionCatalog, freezerActionFingerprint } from '../../transforms/action-catalog.ts';
import { createClientRegistry } from '../../transforms/client-registry.ts';

test('the action catalog gives back each stored action’s project and fingerprint, also after crossing to another thread', (t) => {
  const entries = Array.from({ length: 300 }, (_, i) => ({
    actionId: `action-${i}`,
    projectId: i % 3 === 0 ? null : `project-${i % 7}`,
    fingerprint: freezerActionFingerprint({ action: 'backup', path_to_backup: `/data/${i}` }),
    version: i % 5 === 0 ? null : i,
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
  for (let i = 0; i < 70_000; i++) catalog.add({ actionId: `a${i}`, projectId: `p${i}`, fingerprint: freezerActionFingerprint({ action: 'x', n: i }), version: 1 });
  const adopted = adoptActionCatalog(catalog.share());
  for (const i of [0, 255, 256, 65_534, 65_535, 65_536, 69_999]) {
    t.deepEqual(adopted.get(`a${i}`), { projectId: `p${i}`, fingerprint: freezerActionFingerprint({ action: 'x', n: i }) }, `action ${i}`);
  }
});

test('documents naming the same action: the higher _version wins, then one with a version, then the greater fingerprint, in any order', (t) => {
  const fingerprint = (n: number) => freezerActionFingerprint({ action: 'backup', n });
  const [low, high] = [fingerprint(1), fingerprint(2)].sort();
  const cases: { name: string; copies: { projectId: string | null; fingerprint: string; version: number | null }[]; winner: number }[] = [
    { name: 'higher version', copies: [{ projectId: 'p', fingerprint: high!, version: 3 }, { projectId: 'q', fingerprint: low!, version: 7 }], winner: 1 },
    { name: 'a version beats none', copies: [{ projectId: 'p', fingerprint: high!, version: null }, { projectId: 'p', fingerprint: low!, version: 1 }], winner: 1 },
    { name: 'equal versions: greater fingerprint', copies: [{ projectId: 'p', fingerprint: low!, version: 2 }, { projectId: 'p', fingerprint: high!, version: 2 }], winner: 1 },
    { name: 'no versions: greater fingerprint', copies: [{ projectId: 'p', fingerprint: high!, version: null }, { projectId: 'p', fingerprint: low!, version: null }], winner: 0 },
    { name: 'same content: greater project', copies: [{ projectId: null, fingerprint: low!, version: 1 }, { projectId: 'p', fingerprint: low!, version: 1 }], winner: 1 },
  ];
  for (const { name, copies, winner } of cases) {
    const expected = { projectId: copies[winner]!.projectId, fingerprint: copies[winner]!.fingerprint };
    for (const order of [copies, [...copies].reverse()]) {
      const catalog = createActionCatalog(order.map((copy) => ({ actionId: 'shared', ...copy })));
      t.is(catalog.size, 1, name);
      t.deepEqual(catalog.get('shared'), expected, name);
      t.deepEqual(adoptActionCatalog(catalog.share()).get('shared'), expected, `${name}, adopted`);
    }
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
