import test from 'ava';
import { derivedId, isHexId } from '../../core/derived-id.ts';

test('derivedId is 32 lowercase hex with UUID version 8 and RFC variant bits', (t) => {
  const id = derivedId('job_actions', 'job-1', '0');
  t.regex(id, /^[0-9a-f]{12}8[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
  t.true(isHexId(id));
});

test('derivedId is deterministic and separates its parts', (t) => {
  t.is(derivedId('a', 'b'), derivedId('a', 'b'));
  t.not(derivedId('ab', 'c'), derivedId('a', 'bc'));
  t.not(derivedId('job_actions', 'j', '1'), derivedId('job_actions', 'j', '2'));
  t.not(derivedId('x'), derivedId('x', ''));
});

test('derivedId has a fixed value (a change would break reruns against existing targets)', (t) => {
  t.is(derivedId('backups', 'freezer_node1_etc_1500000000_0'), '0ee9d14597118aebb8fbf355d76bc5e9');
});

test('isHexId accepts only 32 lowercase hex characters', (t) => {
  t.true(isHexId('0123456789abcdef0123456789abcdef'));
  t.false(isHexId('0123456789ABCDEF0123456789ABCDEF'));
  t.false(isHexId('01234567-89ab-cdef-0123-456789abcdef'));
});
