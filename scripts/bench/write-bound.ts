import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWritableDatabase } from '../../pipeline/load/target-database.ts';
import { tableRank } from '../../mappings/freezer/freezer-table-order.ts';
import { prepareTargetSchema } from '../../mappings/freezer/prepare-freezer-schema.ts';
import { ensureStateTables } from '../../pipeline/state/state-tables.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { createBenchDatabase } from './bench-database.ts';
import { mysqlInsertLoader } from './mysql-insert-loader.ts';
import { postgresCopyLoader } from './postgres-copy-loader.ts';
import { sqliteInsertLoader } from './sqlite-insert-loader.ts';

/** A table to copy: its name and columns in table order. */
export interface TableColumns {
  table: string;
  columns: string[];
}

/**
 * The fastest plain bulk load a dialect offers, in two steps so only the load is timed: `prepare`
 * turns the rows of tables in one database into load material (files, statements), `load` writes
 * that material into another database with the same schema and returns the seconds spent loading.
 */
export interface BulkLoader {
  /** How the load is done, for the report. */
  readonly method: string;
  prepare(fromUrl: string, tables: readonly TableColumns[], workDir: string): Promise<void>;
  load(intoUrl: string, tables: readonly TableColumns[], workDir: string): Promise<number>;
}

/** What the write bound measured. */
export interface WriteBound {
  method: string;
  /** Seconds to load the freezer tables (the bound). */
  seconds: number;
  rows: number;
  /** Seconds to load the document map and rejects the same way (what es2sql's bookkeeping adds at least). */
  bookkeepingSeconds: number;
  bookkeepingRows: number;
}

const LOADERS: Record<Dialect, BulkLoader> = { postgres: postgresCopyLoader, mysql: mysqlInsertLoader, sqlite: sqliteInsertLoader };
const BOOKKEEPING = new Set(['es2sql_documents', 'es2sql_rejects']);
const SKIPPED = new Set(['alembic_version', 'migrate_version']);

async function tablesOf(url: string): Promise<{ freezer: TableColumns[]; bookkeeping: TableColumns[]; rows: Record<string, number> }> {
  const db = openDatabase(parseDatabaseUrl(url));
  try {
    const tables = await db.introspection.getTables();
    const pick = (name: string) => ({ table: name, columns: tables.find((t) => t.name === name)!.columns.map((c) => c.name) });
    const names = tables.map((t) => t.name);
    const freezer = names.filter((n) => !n.startsWith('es2sql_') && !SKIPPED.has(n)).sort((a, b) => tableRank(a) - tableRank(b) || a.localeCompare(b));
    const rows: Record<string, number> = {};
    for (const name of [...freezer, ...BOOKKEEPING]) {
      const row = await db.selectFrom(name).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      rows[name] = Number(row?.n ?? 0);
    }
    return { freezer: freezer.map(pick), bookkeeping: [...BOOKKEEPING].map(pick), rows };
  } finally {
    await db.destroy();
  }
}

/**
 * The write bound of one dialect: the rows an es2sql run wrote into `migratedUrl` (exactly what
 * es2sql writes, after its transforms and upsert semantics), loaded by the dialect's fastest plain
 * bulk method into a fresh database with the same schema. Preparing the material is not timed.
 * The document map and rejects are loaded afterwards the same way and timed apart.
 */
export async function measureWriteBound(dialect: Dialect, migratedUrl: string): Promise<WriteBound> {
  const loader = LOADERS[dialect];
  const { freezer, bookkeeping, rows } = await tablesOf(migratedUrl);
  const workDir = mkdtempSync(join(tmpdir(), 'es2sql-bench-rows-'));
  const fresh = await createBenchDatabase(dialect, 'write');
  try {
    const target = openWritableDatabase(fresh.url);
    try {
      await prepareTargetSchema(target, undefined, () => {});
      await ensureStateTables(target.db, dialect);
    } finally {
      await target.close();
    }
    await loader.prepare(migratedUrl, [...freezer, ...bookkeeping], workDir);
    const seconds = await loader.load(fresh.url, freezer, workDir);
    const bookkeepingSeconds = await loader.load(fresh.url, bookkeeping, workDir);
    const count = (list: TableColumns[]) => list.reduce((n, t) => n + (rows[t.table] ?? 0), 0);
    return { method: loader.method, seconds, rows: count(freezer), bookkeepingSeconds, bookkeepingRows: count(bookkeeping) };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    await fresh.drop();
  }
}
