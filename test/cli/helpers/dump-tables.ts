import { openDatabase } from '../../../schema/connect.ts';
import { parseDatabaseUrl } from '../../../schema/database-url.ts';

/**
 * Every row of every table of a database as text (`table: {json}` per row), to grep for secrets:
 * es2sql's own es2sql_* tables and freezer-api's alike.
 */
export async function dumpAllTables(url: string): Promise<string> {
  const db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    const tables = await db.introspection.getTables();
    const out: string[] = [];
    for (const table of tables) {
      const rows = await db.selectFrom(table.name).selectAll().execute();
      for (const row of rows) {
        const text = Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value]));
        out.push(`${table.name}: ${JSON.stringify(text)}`);
      }
    }
    return out.join('\n');
  } finally {
    await db.destroy();
  }
}

/** The names of the tables a database holds. */
export async function tableNames(url: string): Promise<string[]> {
  const db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    return (await db.introspection.getTables()).map((table) => table.name).sort();
  } finally {
    await db.destroy();
  }
}
