import type { Catalog } from '../catalog/catalog.ts';
import type { AnyKysely } from '../connect.ts';
import {
  MIGRATE_REPOSITORY_ID,
  MIGRATE_REPOSITORY_PATH,
  revisionRank,
  type LayoutRevision,
} from '../layout/freezer-revisions.ts';

/** freezer-api's bookkeeping as found: sqlalchemy-migrate's row and alembic's revision(s). */
export interface Bookkeeping {
  /** `migrate_version` exists. */
  hasMigrateVersion: boolean;
  /** `migrate_version.version` of repository `freezer-api`; undefined when there is no such row. */
  migrateVersion?: number;
  /** Other repository ids found in `migrate_version`. */
  otherRepositories: string[];
  /** `alembic_version` exists. */
  hasAlembicVersion: boolean;
  /** Rows of `alembic_version` (freezer-api has exactly one when stamped). */
  alembicRevisions: string[];
}

export async function readBookkeeping(db: AnyKysely, catalog: Catalog): Promise<Bookkeeping> {
  const result: Bookkeeping = { hasMigrateVersion: false, otherRepositories: [], hasAlembicVersion: false, alembicRevisions: [] };
  if (catalog.tableNames.includes('migrate_version')) {
    result.hasMigrateVersion = true;
    const rows = await db.selectFrom('migrate_version').select(['repository_id', 'version']).execute();
    for (const row of rows) {
      if (row.repository_id === MIGRATE_REPOSITORY_ID) result.migrateVersion = Number(row.version);
      else result.otherRepositories.push(String(row.repository_id));
    }
  }
  if (catalog.tableNames.includes('alembic_version')) {
    result.hasAlembicVersion = true;
    result.alembicRevisions = (await db.selectFrom('alembic_version').select('version_num').execute()).map((r) => String(r.version_num));
  }
  return result;
}

/** The revision the bookkeeping names (alembic wins, as in freezer-api's own driver). */
export function stampedRevision(bookkeeping: Bookkeeping): LayoutRevision | undefined {
  if (bookkeeping.alembicRevisions.length === 1) return { layout: 'B', revision: bookkeeping.alembicRevisions[0]! };
  if (bookkeeping.migrateVersion !== undefined) return { layout: 'A', revision: String(bookkeeping.migrateVersion) };
  return undefined;
}

/**
 * Writes the bookkeeping freezer-api reads for `point` when it is ahead of what is stamped: the
 * `migrate_version` row (layout A) or the single `alembic_version` row (layout B). A database taken
 * over from A keeps its `migrate_version` row, as freezer-api's own takeover does. Returns whether
 * anything was written.
 */
export async function writeStamp(db: AnyKysely, catalog: Catalog, point: LayoutRevision): Promise<boolean> {
  const current = stampedRevision(await readBookkeeping(db, catalog));
  if (current && revisionRank(current) >= revisionRank(point)) return false;
  if (point.layout === 'A') {
    const updated = await db.updateTable('migrate_version').set({ version: Number(point.revision) }).where('repository_id', '=', MIGRATE_REPOSITORY_ID).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await db.insertInto('migrate_version').values({ repository_id: MIGRATE_REPOSITORY_ID, repository_path: MIGRATE_REPOSITORY_PATH, version: Number(point.revision) }).execute();
    }
    return true;
  }
  await db.deleteFrom('alembic_version').execute();
  await db.insertInto('alembic_version').values({ version_num: point.revision }).execute();
  return true;
}
