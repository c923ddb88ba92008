import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import mysql from 'mysql2';
import { createConnection } from 'mysql2/promise';
import type { BulkLoader, TableColumns } from './write-bound.ts';

/** Rows per INSERT statement, and statements per transaction. */
const ROWS_PER_STATEMENT = 2000;
const MAX_STATEMENT_BYTES = 4 << 20;
const STATEMENTS_PER_TRANSACTION = 25;

const quote = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``;

function connectionOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password) || undefined,
    database: u.pathname.slice(1),
    charset: 'utf8mb4',
    dateStrings: true,
    supportBigNumbers: true,
    timezone: 'Z',
  } as const;
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function writeStatements(connection: mysql.Connection, t: TableColumns, out: WriteStream): Promise<void> {
  const head = `INSERT INTO ${quote(t.table)} (${t.columns.map(quote).join(', ')}) VALUES `;
  let values: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (values.length === 0) return;
    await write(out, `${head}${values.join(',')}\n`);
    values = [];
    bytes = 0;
  };
  const rows = connection.query({ sql: `SELECT ${t.columns.map(quote).join(', ')} FROM ${quote(t.table)}`, rowsAsArray: true }).stream();
  for await (const row of rows as AsyncIterable<unknown[]>) {
    const tuple = `(${row.map((v) => mysql.escape(v as mysql.SqlValue)).join(',')})`;
    values.push(tuple);
    bytes += tuple.length;
    if (values.length >= ROWS_PER_STATEMENT || bytes >= MAX_STATEMENT_BYTES) await flush();
  }
  await flush();
}

/**
 * MySQL/MariaDB: plain multi-row `INSERT … VALUES (…), (…)` text statements (values escaped up
 * front), 2,000 rows or 4 MiB each, committed every 25 statements. Only the statements' execution
 * is timed, not reading them from the file.
 */
export const mysqlInsertLoader: BulkLoader = {
  method: `multi-row INSERT (${ROWS_PER_STATEMENT} rows), COMMIT every ${STATEMENTS_PER_TRANSACTION} statements`,
  async prepare(fromUrl, tables, workDir) {
    const connection = mysql.createConnection(connectionOptions(fromUrl));
    try {
      for (const t of tables) {
        const out = createWriteStream(join(workDir, `${t.table}.sql`));
        await writeStatements(connection, t, out);
        out.end();
        await once(out, 'finish');
      }
    } finally {
      connection.end();
    }
  },
  async load(intoUrl, tables, workDir) {
    const connection = await createConnection(connectionOptions(intoUrl));
    let seconds = 0;
    const timed = async (sql: string) => {
      const started = performance.now();
      await connection.query(sql);
      seconds += (performance.now() - started) / 1000;
    };
    try {
      await connection.query("SET SESSION sql_mode = 'TRADITIONAL', time_zone = '+00:00'");
      for (const t of tables) {
        let inTransaction = 0;
        await timed('START TRANSACTION');
        for await (const line of createInterface({ input: createReadStream(join(workDir, `${t.table}.sql`)), crlfDelay: Infinity })) {
          if (line === '') continue;
          await timed(line);
          if (++inTransaction >= STATEMENTS_PER_TRANSACTION) {
            await timed('COMMIT');
            await timed('START TRANSACTION');
            inTransaction = 0;
          }
        }
        await timed('COMMIT');
      }
      return seconds;
    } finally {
      await connection.end();
    }
  },
};
