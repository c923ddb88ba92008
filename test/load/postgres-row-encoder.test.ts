import test from 'ava';
import { postgresRowEncoder } from '../../pipeline/load/postgres-row-encoder.ts';
import type { TableWrite } from '../../pipeline/load/table-write.ts';
import type { SqlValue } from '../../transforms/transform-result.ts';

function copyText(write: TableWrite): string {
  const encoded = postgresRowEncoder.encode(write);
  if (encoded.kind !== 'copy') throw new Error('expected COPY');
  return Buffer.from(encoded.text).toString('utf8');
}

const write = (rows: SqlValue[][]): TableWrite => ({ table: 't', columns: ['a', 'b', 'c'], rows, primaryKey: ['a'], mode: 'upsert' });

test('COPY text: tab-separated fields, \\N for NULL, t/f, microsecond datetimes, \\\\x bytes', (t) => {
  const text = copyText(write([
    ['plain', null, true],
    [42, 12345678901234567890n, false],
    [new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6)), new Uint8Array([0, 255, 16]), ''],
  ]));
  t.is(text, 'plain\t\\N\tt\n42\t12345678901234567890\tf\n2020-01-02 03:04:05.006000\t\\\\x00ff10\t\n');
});

test('COPY text: backslash, tab, newline and carriage return escaped; other text kept as UTF-8', (t) => {
  const text = copyText(write([['back\\slash \\N', 'tab\there\nline\r\nCRLF', 'emoji 😀 ünïcödé \u2028 \u007f \u0000 "q"']]));
  t.is(text, 'back\\\\slash \\\\N\ttab\\there\\nline\\r\\nCRLF\temoji 😀 ünïcödé \u2028 \u007f \u0000 "q"\n');
});

test('COPY text: a lone surrogate becomes U+FFFD, as the COPY stream encoded text before', (t) => {
  const text = copyText(write([['a\ud800b', 'x', 'y']]));
  t.is(text, 'a\ufffdb\tx\ty\n');
});

test('COPY text: a batch larger than the scratch buffer (several MiB, multi-byte) comes out whole', (t) => {
  const long = `${'é'.repeat(3000)}\t${'x'.repeat(3000)}`;
  const rows: SqlValue[][] = Array.from({ length: 2000 }, (_, i) => [`id-${i}`, long, i]);
  const text = copyText(write(rows));
  const expected = rows.map(([id, , n]) => `${String(id)}\t${'é'.repeat(3000)}\\t${'x'.repeat(3000)}\t${String(n)}\n`).join('');
  t.is(text.length, expected.length);
  t.true(text === expected);
  // The scratch is reused: a small batch after the large one holds only its own rows.
  t.is(copyText(write([['a', 'b', 'c']])), 'a\tb\tc\n');
});
