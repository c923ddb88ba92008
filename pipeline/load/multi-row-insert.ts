import { CompiledQuery } from 'kysely';
import { createRequire } from 'node:module';
import type { SqlValue } from '../../transforms/transform-result.ts';
import type { TableWrite } from './load-adapter.ts';

// Batches write thousands of rows per statement: building the statement text directly, instead of
// a Kysely tree of one node per value, was a tenth of migrate's CPU on MySQL and SQLite.

const ansi = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const backtick = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``;

/** Statement texts by shape (table, columns, mode, rows): full chunks repeat, and SQLite caches by text. */
const sqliteTexts = new Map<string, string>();

/**
 * SQLite: `INSERT … VALUES (?, …), … ON CONFLICT (key) DO UPDATE SET c = excluded.c` (or
 * `DO NOTHING` for `insert-if-absent`) with the values bound, rows already converted for the driver.
 */
export function sqliteMultiRowInsert(write: TableWrite, rows: SqlValue[][]): CompiledQuery {
  const shape = `${write.table}\u0000${write.columns.join('\u0000')}\u0000${write.mode}\u0000${write.primaryKey.join('\u0000')}\u0000${rows.length}`;
  let text = sqliteTexts.get(shape);
  if (text === undefined) {
    const updatable = write.columns.filter((c) => !write.primaryKey.includes(c));
    const tuple = `(${write.columns.map(() => '?').join(', ')})`;
    const action = write.mode === 'insert-if-absent' || updatable.length === 0 ? 'do nothing' : `do update set ${updatable.map((c) => `${ansi(c)} = excluded.${ansi(c)}`).join(', ')}`;
    text = `insert into ${ansi(write.table)} (${write.columns.map(ansi).join(', ')}) values ${Array.from({ length: rows.length }, () => tuple).join(', ')} on conflict (${write.primaryKey.map(ansi).join(', ')}) ${action}`;
    if (sqliteTexts.size > 256) sqliteTexts.clear();
    sqliteTexts.set(shape, text);
  }
  const parameters = new Array<SqlValue>(rows.length * write.columns.length);
  let i = 0;
  for (const row of rows) for (let c = 0; c < write.columns.length; c++) parameters[i++] = row[c] ?? null;
  return CompiledQuery.raw(text, parameters);
}

type Escape = (value: unknown) => string;
let mysqlEscape: Escape | undefined;

/** mysql2's escaper, loaded when the first MySQL statement is built (other dialects never load mysql2). */
function escapeFor(): Escape {
  return (mysqlEscape ??= (createRequire(import.meta.url)('mysql2') as { escape: Escape }).escape);
}

function mysqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  // Strings quoted and escaped (backslash escapes: es2sql's sessions run without NO_BACKSLASH_ESCAPES), Buffers as X'…'.
  return escapeFor()(value);
}

/**
 * MySQL/MariaDB: `INSERT … VALUES (…), … ON DUPLICATE KEY UPDATE c = VALUES(c)` with the values
 * written into the text by mysql2's own escaper — what its client-side formatting of `?` did, minus
 * the placeholder scan over a statement of thousands of values. `insert-if-absent` assigns the key
 * to itself: `INSERT IGNORE` would also hide truncation and type errors.
 */
export function mysqlMultiRowInsert(write: TableWrite, rows: SqlValue[][]): CompiledQuery {
  const updatable = write.columns.filter((c) => !write.primaryKey.includes(c));
  const keep = backtick(write.primaryKey[0]!);
  const set = write.mode === 'insert-if-absent' || updatable.length === 0 ? `${keep} = ${keep}` : updatable.map((c) => `${backtick(c)} = VALUES(${backtick(c)})`).join(', ');
  let text = `insert into ${backtick(write.table)} (${write.columns.map(backtick).join(', ')}) values `;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    text += r === 0 ? '(' : ', (';
    for (let c = 0; c < write.columns.length; c++) text += c === 0 ? mysqlLiteral(row[c] ?? null) : `, ${mysqlLiteral(row[c] ?? null)}`;
    text += ')';
  }
  return CompiledQuery.raw(`${text} on duplicate key update ${set}`, []);
}
