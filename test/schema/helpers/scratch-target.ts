import type { ExecutionContext } from 'ava';
import { openDatabase, type AnyKysely } from '../../../schema/connect.ts';
import { parseDatabaseUrl, type DatabaseLocation } from '../../../schema/database-url.ts';
import type { Dialect } from '../../../schema/dialect.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/databases.ts';

export interface ScratchTarget {
  dialect: Dialect;
  scratch: ScratchDatabase;
  location: DatabaseLocation;
  db: AnyKysely;
}

/**
 * An empty database for one test, opened with es2sql's own connection code; dropped (and its pool
 * closed) when the test ends, whatever its outcome.
 */
export async function scratchTarget(t: ExecutionContext, dialect: Dialect, prefix: string, options: { mysqlCharset?: string } = {}): Promise<ScratchTarget> {
  const scratch = await createScratchDatabase(dialect, prefix, options);
  const location = parseDatabaseUrl(scratch.url);
  const db = openDatabase(location, { poolSize: 2 });
  t.teardown(async () => {
    await db.destroy().catch(() => {});
    await scratch.drop();
  });
  return { dialect, scratch, location, db };
}

/** The SQLAlchemy URL freezer-api's own code takes for a scratch database (as in freezer-api.conf). */
export function sqlalchemyUrl(target: ScratchTarget): string {
  const { location } = target;
  if (location.dialect === 'sqlite') return `sqlite:///${location.path}`;
  if (location.dialect === 'mysql') return `mysql+pymysql://${location.user ?? 'root'}@${location.host}:${location.port ?? 3306}/${location.database}?charset=utf8`;
  return `postgresql://${location.user ?? 'postgres'}@${location.host}:${location.port ?? 5432}/${location.database}`;
}
