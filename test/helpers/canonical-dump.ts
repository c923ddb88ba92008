import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';

function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `hex:${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return value;
  const text = String(value);
  // MySQL DATETIME comes back as text without fraction, SQLite/PG with; compare what both carry.
  return text;
}

/**
 * Every freezer table of a database (es2sql's own `es2sql_*` tables and freezer's bookkeeping
 * excluded), rows sorted by primary key and values normalised, as one JSON text. Two databases of the
 * same dialect with equal dumps hold the same data.
 */
export async function canonicalDump(url: string): Promise<{ text: string; sha256: string; rows: Record<string, number> }> {
  const location = parseDatabaseUrl(url);
  const db = openDatabase(location);
  try {
    const tables = (await db.introspection.getTables())
      .map((t) => t.name)
      .filter((name) => !name.startsWith('es2sql_') && name !== 'alembic_version' && name !== 'migrate_version')
      .sort();
    const dump: Record<string, unknown[]> = {};
    const rows: Record<string, number> = {};
    for (const table of tables) {
      const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
      const normalised = result.rows.map((row) => Object.fromEntries(Object.keys(row).sort().map((k) => [k, normalise(row[k])])));
      normalised.sort((a, b) => {
        const ka = JSON.stringify(a);
        const kb = JSON.stringify(b);
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
      dump[table] = normalised;
      rows[table] = normalised.length;
    }
    const text = JSON.stringify(dump);
    return { text, sha256: createHash('sha256').update(text).digest('hex'), rows };
  } finally {
    await db.destroy();
  }
}

/** Rows in one table right now (0 when the table does not exist yet). */
export async function tableCount(url: string, table: string): Promise<number> {
  const db = openDatabase(parseDatabaseUrl(url));
  try {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    return Number(row.rows[0]?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await db.destroy();
  }
}
