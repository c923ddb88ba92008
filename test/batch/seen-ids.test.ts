import test from 'ava';
import { SeenIds } from '../../pipeline/batch/seen-ids.ts';

test('a key added tells whether the filter might have held it: never for the first add of a new key, always for a repeat', (t) => {
  const seen = new SeenIds({ bitsLog2: 20, probes: 7 });
  const ids = Array.from({ length: 20_000 }, (_, i) => `${(i * 2_654_435_761 >>> 0).toString(16)}-${i}`);
  let claimedBefore = 0;
  for (const id of ids) if (seen.add('backups', 'd', id)) claimedBefore++;
  // 20,000 keys in 2^20 bits with 7 probes: a new key looks held with a probability of about 1e-6 each.
  t.true(claimedBefore <= 2, `${claimedBefore} new keys looked held`);
  for (const id of ids) {
    t.true(seen.mightHave('backups', 'd', id));
    if (!seen.add('backups', 'd', id)) t.fail(`repeat of ${id} looked new`);
  }
  // The scope and the tag are part of the key.
  t.false(seen.mightHave('jobs', 'd', ids[0]!));
  t.false(seen.mightHave('backups', 's', ids[0]!));
  t.is(seen.size, 40_000);
});

test('mightHave and add agree: a key mightHave denies is new to add, and add leaves it held', (t) => {
  const seen = new SeenIds({ bitsLog2: 12, probes: 3 });
  // A small filter fills up, so both answers occur.
  let held = 0;
  for (let i = 0; i < 3_000; i++) {
    const id = `id-${i}`;
    const before = seen.mightHave('p', 'd', id);
    t.is(seen.add('p', 'd', id), before, id);
    t.true(seen.mightHave('p', 'd', id), id);
    if (before) held++;
  }
  t.true(held > 0 && held < 3_000, `${held} of 3000 looked held`);
});
