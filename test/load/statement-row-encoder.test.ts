import test from 'ava';
import { rowEncoderFor } from '../../pipeline/load/row-encoder-for.ts';
import { statementRowEncoder } from '../../pipeline/load/statement-row-encoder.ts';
import type { TableWrite } from '../../pipeline/load/table-write.ts';
import type { SqlValue } from '../../transforms/transform-result.ts';

const write = (rows: number, columns = 2): TableWrite => ({
  table: 't',
  columns: Array.from({ length: columns }, (_, c) => `c${c}`),
  rows: Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => r * columns + c)),
  primaryKey: ['c0'],
  mode: 'upsert',
});

/** A builder that records which rows each statement holds. */
const rowsOf = (w: TableWrite, first: number, end: number) => ({ sql: `${end - first} rows`, parameters: w.rows.slice(first, end).flat() as SqlValue[] });

function split(rows: number, powerOfTwoTail: boolean, maxValues = 1000) {
  const encoded = statementRowEncoder((v) => v, { maxValues, powerOfTwoTail }, rowsOf).encode(write(rows));
  if (encoded.kind !== 'statements') throw new Error('expected statements');
  return encoded.statements;
}

test('statements: full statements, then the rest in one statement or in power-of-two row counts', (t) => {
  // 2 columns, 1000 values: 500 rows per statement.
  t.deepEqual(split(1417, false).map((s) => s.sql), ['500 rows', '500 rows', '417 rows']);
  t.deepEqual(split(1417, true).map((s) => s.sql), ['500 rows', '500 rows', '256 rows', '128 rows', '32 rows', '1 rows']);
  t.deepEqual(split(1000, true).map((s) => s.sql), ['500 rows', '500 rows']);
  t.deepEqual(split(3, true).map((s) => s.sql), ['2 rows', '1 rows']);
  // An empty write still gives one statement, as the adapters expect.
  t.deepEqual(split(0, true).map((s) => s.sql), ['0 rows']);
});

test('statements: the rows keep their order and each is written once, whatever the split', (t) => {
  for (const rows of [1, 7, 499, 500, 501, 917, 1999]) {
    const expected = write(rows).rows.flat();
    t.deepEqual(split(rows, true).flatMap((s) => s.parameters), expected, `${rows} rows`);
    t.deepEqual(split(rows, false).flatMap((s) => s.parameters), expected, `${rows} rows`);
  }
});

test('SQLite statement texts repeat from batch to batch: 100 writes of 900-1000 rows use ten texts at most, not a hundred', (t) => {
  const texts = new Set<string>();
  let statements = 0;
  for (let rows = 900; rows < 1000; rows++) {
    const encoded = rowEncoderFor('sqlite').encode(write(rows, 20));
    if (encoded.kind !== 'statements') throw new Error('expected statements');
    for (const statement of encoded.statements) texts.add(statement.sql);
    statements += encoded.statements.length;
  }
  // 20 columns: 1,600 rows fit one statement; 900-999 rows are 512 + 256 + 128 + … in at most 10 texts.
  t.true(texts.size <= 10, `${texts.size} texts`);
  t.true(statements < 100 * 8);
});

test('MySQL statement text: strings quoted with backslash escapes, booleans as 0/1, datetimes as text, bytes as a hexadecimal literal', (t) => {
  const encoded = rowEncoderFor('mysql').encode({
    table: 't',
    columns: ['s', 'b', 'd', 'x', 'n'],
    rows: [["it's \\ a\nline", true, new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6)), new Uint8Array([0, 255, 16]), null]],
    primaryKey: ['s'],
    mode: 'upsert',
  });
  if (encoded.kind !== 'statements') throw new Error('expected statements');
  t.regex(encoded.statements[0]!.sql, /values \('it\\'s \\\\ a\\nline', 1, '2020-01-02 03:04:05', X'00ff10', NULL\)/);
});
