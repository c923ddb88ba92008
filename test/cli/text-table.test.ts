import test from 'ava';
import { textTable } from '../../cli/output/text-table.ts';

test('numbers get the thousands separators toLocaleString("en-US") gives them, and columns line up', (t) => {
  const values = [0, -0, 7, -12, 999, 1000, -1000, 12345, 999999, 1000000, -1234567, 103557, Number.MAX_SAFE_INTEGER, 1.5, 1234.5678, 1e21, Number.NaN];
  const lines = textTable([{ header: 'value', align: 'right' }], values.map((value) => [value])).split('\n');
  t.deepEqual(lines.slice(2).map((line) => line.trim()), values.map((value) => value.toLocaleString('en-US')));
  t.is(lines[0]!.length, lines[1]!.length);
  t.true(lines.slice(2).every((line) => line.length === lines[1]!.length), 'right-aligned to the widest cell');
  t.is(textTable([{ header: 'table' }, { header: 'rows', align: 'right' }], [['backups', 66528], ['clients', null]]), ['table      rows', '-------  ------', 'backups  66,528', 'clients'].join('\n'));
});
