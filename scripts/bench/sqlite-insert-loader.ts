import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import type { BulkLoader, TableColumns } from './write-bound.ts';

/** SQLite's bind-parameter limit (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
const MAX_BIND = 32_766;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const pathOf = (url: string) => parseDatabaseUrl(url).path!;

function insertStatement(into: DatabaseSync, t: TableColumns, rows: number): StatementSync {
  const tuple = `(${t.columns.map(() => '?').join(',')})`;
  return into.prepare(`INSERT INTO ${quote(t.table)} (${t.columns.map(quote).join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(',')}`);
}

/**
 * SQLite: prepared multi-row `INSERT … VALUES (?, …), …` filling the bind-parameter limit, every
 * table in one transaction (journal and synchronous settings as es2sql opens the file: WAL,
 * NORMAL). Rows are read from the migrated file chunk by chunk; only the inserts are timed.
 */
export const sqliteInsertLoader: BulkLoader = {
  method: 'prepared multi-row INSERT (bind limit), one transaction',
  async prepare(fromUrl, _tables, workDir) {
    writeFileSync(join(workDir, 'source'), pathOf(fromUrl));
  },
  async load(intoUrl, tables, workDir) {
    const from = new DatabaseSync(readFileSync(join(workDir, 'source'), 'utf8'), { readOnly: true });
    const into = new DatabaseSync(pathOf(intoUrl), { timeout: 30_000 });
    into.exec('PRAGMA journal_mode = WAL');
    into.exec('PRAGMA synchronous = NORMAL');
    let seconds = 0;
    const timed = (work: () => void) => {
      const started = performance.now();
      work();
      seconds += (performance.now() - started) / 1000;
    };
    try {
      timed(() => into.exec('BEGIN'));
      for (const t of tables) {
        const perStatement = Math.floor(MAX_BIND / t.columns.length);
        const full = insertStatement(into, t, perStatement);
        const select = from.prepare(`SELECT ${t.columns.map(quote).join(', ')} FROM ${quote(t.table)}`);
        select.setReturnArrays(true);
        let values: SQLInputValue[] = [];
        let rows = 0;
        for (const row of select.iterate() as IterableIterator<SQLInputValue[]>) {
          for (const value of row) values.push(value);
          if (++rows === perStatement) {
            const bound = values;
            timed(() => full.run(...bound));
            values = [];
            rows = 0;
          }
        }
        if (rows > 0) {
          const last = insertStatement(into, t, rows);
          const bound = values;
          timed(() => last.run(...bound));
        }
      }
      timed(() => into.exec('COMMIT'));
      return seconds;
    } finally {
      from.close();
      into.close();
    }
  },
};
