import { CompiledQuery } from 'kysely';
import type { SqlValue } from '../../transforms/transform-result.ts';
import type { TableWrite } from './load-adapter.ts';
import type { ToDriver } from './statement-row-encoder.ts';

// Batches write thousands of rows per statement: building the statement text directly, instead of
// a Kysely tree of one node per value, was a tenth of migrate's CPU on MySQL and SQLite.

const ansi = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const backtick = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``;

/** Statement texts by shape (table, columns, mode, rows): full chunks repeat, and SQLite caches by text. */
const sqliteTexts = new Map<string, string>();

/**
 * SQLite: `INSERT … VALUES (?, …), … ON CONFLICT (key) DO UPDATE SET c = excluded.c` (or
 * `DO NOTHING` for `insert-if-absent`) with rows `first` … `end - 1` bound, converted for the driver.
 */
export function sqliteMultiRowInsert(write: TableWrite, first: number, end: number, toDriver: ToDriver): CompiledQuery {
  const count = end - first;
  const shape = `${write.table}\u0000${write.columns.join('\u0000')}\u0000${write.mode}\u0000${write.primaryKey.join('\u0000')}\u0000${count}`;
  let text = sqliteTexts.get(shape);
  if (text === undefined) {
    const updatable = write.columns.filter((c) => !write.primaryKey.includes(c));
    const tuple = `(${write.columns.map(() => '?').join(', ')})`;
    const action = write.mode === 'insert-if-absent' || updatable.length === 0 ? 'do nothing' : `do update set ${updatable.map((c) => `${ansi(c)} = excluded.${ansi(c)}`).join(', ')}`;
    text = `insert into ${ansi(write.table)} (${write.columns.map(ansi).join(', ')}) values ${Array.from({ length: count }, () => tuple).join(', ')} on conflict (${write.primaryKey.map(ansi).join(', ')}) ${action}`;
    if (sqliteTexts.size > 256) sqliteTexts.clear();
    sqliteTexts.set(shape, text);
  }
  const width = write.columns.length;
  const parameters = new Array<SqlValue>(count * width);
  let i = 0;
  for (let r = first; r < end; r++) {
    const row = write.rows[r]!;
    for (let c = 0; c < width; c++) parameters[i++] = toDriver(row[c] ?? null);
  }
  return CompiledQuery.raw(text, parameters);
}

// What a quoted MySQL string needs escaped with backslash escapes on (es2sql's sessions run without
// NO_BACKSLASH_ESCAPES): the quote, the backslash, and NUL, CR, LF, Ctrl-Z as mysql_real_escape_string
// writes them. A double quote is left as it is: inside '…' it is itself, and the JSON columns hold
// one for every key and string, which made mysql2's escaper walk and re-slice each JSON text.
const MYSQL_SPECIAL = /[\0\n\r\x1a'\\]/;
const MYSQL_SPECIALS = /[\0\n\r\x1a'\\]/g;
const MYSQL_ESCAPES: Record<string, string> = { '\0': '\\0', '\n': '\\n', '\r': '\\r', '\x1a': '\\Z', "'": "\\'", '\\': '\\\\' };
const mysqlEscapeChar = (ch: string): string => MYSQL_ESCAPES[ch]!;

function mysqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return MYSQL_SPECIAL.test(value) ? `'${value.replace(MYSQL_SPECIALS, mysqlEscapeChar)}'` : `'${value}'`;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  // Bytes as a hexadecimal literal, as mysql2's escaper writes a Buffer.
  if (value instanceof Uint8Array) return `X'${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}'`;
  throw new TypeError(`unexpected value for a MySQL literal: ${String(value)}`);
}

/** The statement's bytes, written into one reused buffer and read out as one flat string. */
let scratch = Buffer.allocUnsafeSlow(1 << 20);
let used = 0;

function room(bytes: number): void {
  if (used + bytes <= scratch.length) return;
  const grown = Buffer.allocUnsafeSlow(Math.max(scratch.length * 2, used + bytes));
  scratch.copy(grown, 0, 0, used);
  scratch = grown;
}

function put(text: string): void {
  room(text.length * 3);
  used += scratch.write(text, used, 'utf8');
}

const QUOTE = 0x27;
const COMMA = 0x2c;
const SPACE = 0x20;
const OPEN = 0x28;
const CLOSE = 0x29;

/** {@link mysqlLiteral} written into the scratch; a string without specials is copied between quotes as it is. */
function putLiteral(value: SqlValue): void {
  if (typeof value === 'string' && !MYSQL_SPECIAL.test(value)) {
    room(value.length * 3 + 2);
    scratch[used++] = QUOTE;
    used += scratch.write(value, used, 'utf8');
    scratch[used++] = QUOTE;
    return;
  }
  put(mysqlLiteral(value));
}

/**
 * MySQL/MariaDB: `INSERT … VALUES (…), … ON DUPLICATE KEY UPDATE c = VALUES(c)` with the values
 * written into the text as literals ({@link mysqlLiteral}) — what mysql2's client-side formatting of
 * `?` did, minus the placeholder scan over a statement of thousands of values. `insert-if-absent`
 * assigns the key to itself: `INSERT IGNORE` would also hide truncation and type errors. The text is
 * written as bytes and decoded once: built from pieces (`+=` or a joined array), a statement of
 * 250 KB was thousands of pieces that took a second per 100k documents to flatten.
 */
export function mysqlMultiRowInsert(write: TableWrite, first: number, end: number, toDriver: ToDriver): CompiledQuery {
  const updatable = write.columns.filter((c) => !write.primaryKey.includes(c));
  const keep = backtick(write.primaryKey[0]!);
  const set = write.mode === 'insert-if-absent' || updatable.length === 0 ? `${keep} = ${keep}` : updatable.map((c) => `${backtick(c)} = VALUES(${backtick(c)})`).join(', ');
  const width = write.columns.length;
  used = 0;
  put(`insert into ${backtick(write.table)} (${write.columns.map(backtick).join(', ')}) values `);
  for (let r = first; r < end; r++) {
    const row = write.rows[r]!;
    room(3);
    if (r > first) {
      scratch[used++] = COMMA;
      scratch[used++] = SPACE;
    }
    scratch[used++] = OPEN;
    for (let c = 0; c < width; c++) {
      if (c > 0) {
        room(2);
        scratch[used++] = COMMA;
        scratch[used++] = SPACE;
      }
      putLiteral(toDriver(row[c] ?? null));
    }
    room(1);
    scratch[used++] = CLOSE;
  }
  put(` on duplicate key update ${set}`);
  return CompiledQuery.raw(scratch.toString('utf8', 0, used), []);
}
