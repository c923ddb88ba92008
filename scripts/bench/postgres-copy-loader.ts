import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { BulkLoader, TableColumns } from './write-bound.ts';

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const columnList = (t: TableColumns) => t.columns.map(quote).join(', ');

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL's fastest path: `COPY … FROM STDIN` of text-format files straight into the fresh
 * tables (no stage table, no ON CONFLICT), all tables in one transaction.
 */
export const postgresCopyLoader: BulkLoader = {
  method: 'COPY FROM STDIN into the tables, one transaction',
  async prepare(fromUrl, tables, workDir) {
    await withClient(fromUrl, async (client) => {
      for (const t of tables) {
        const out = client.query(copyTo(`COPY (SELECT ${columnList(t)} FROM ${quote(t.table)}) TO STDOUT`));
        await pipeline(out, createWriteStream(join(workDir, `${t.table}.copy`)));
      }
    });
  },
  async load(intoUrl, tables, workDir) {
    return withClient(intoUrl, async (client) => {
      const started = performance.now();
      await client.query('BEGIN');
      for (const t of tables) {
        await pipeline(createReadStream(join(workDir, `${t.table}.copy`)), client.query(copyFrom(`COPY ${quote(t.table)} (${columnList(t)}) FROM STDIN`)));
      }
      await client.query('COMMIT');
      return (performance.now() - started) / 1000;
    });
  },
};
