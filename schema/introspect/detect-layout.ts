import type { Catalog } from '../catalog/catalog.ts';
import { FREEZER_TABLES } from '../layout/bookkeeping-tables.ts';
import { LAYOUT_B_REVISIONS, isKnownRevision, type LayoutRevision } from '../layout/freezer-revisions.ts';
import type { Bookkeeping } from '../migrations/bookkeeping.ts';
import { ForeignSchemaError, UnknownRevisionError } from '../schema-errors.ts';

export interface DetectedLayout {
  point: LayoutRevision;
  /** `A` when sqlalchemy-migrate's bookkeeping is present (layout A, or B taken over from A). */
  origin: 'A' | 'B';
}

const ELSEWHERE = 'point es2sql at an empty database or at one freezer-api created';

/**
 * Reads the layout and revision from freezer-api's bookkeeping (`alembic_version` wins over
 * `migrate_version`, as in freezer-api's driver). Returns undefined for a database without freezer
 * tables and without bookkeeping.
 *
 * @throws ForeignSchemaError for freezer-named tables without bookkeeping, or bookkeeping of another application.
 * @throws UnknownRevisionError for a freezer-api revision newer than es2sql knows.
 */
export function detectLayout(catalog: Catalog, bookkeeping: Bookkeeping): DetectedLayout | undefined {
  const freezerTables = FREEZER_TABLES.filter((t) => catalog.tableNames.includes(t));
  const origin = bookkeeping.hasMigrateVersion && bookkeeping.migrateVersion !== undefined ? 'A' : 'B';
  if (bookkeeping.alembicRevisions.length > 1) {
    throw new ForeignSchemaError(`alembic_version holds several revisions (${bookkeeping.alembicRevisions.join(', ')}); freezer-api keeps exactly one, so this bookkeeping belongs to another application: ${ELSEWHERE}`, 'alembic_version');
  }
  const [alembic] = bookkeeping.alembicRevisions;
  if (alembic !== undefined) {
    if (isKnownRevision({ layout: 'B', revision: alembic })) return { point: { layout: 'B', revision: alembic }, origin };
    if (freezerTables.length === 0) {
      throw new ForeignSchemaError(`alembic_version says ${alembic}, which is not a freezer-api revision, and there are no freezer tables: the database belongs to another application; ${ELSEWHERE}`, 'alembic_version');
    }
    throw new UnknownRevisionError(`the target is at alembic revision ${alembic}, which es2sql does not know (it knows up to ${LAYOUT_B_REVISIONS.at(-1)}); it was probably made by a newer freezer-api: upgrade es2sql`);
  }
  if (bookkeeping.hasMigrateVersion) {
    const version = bookkeeping.migrateVersion;
    if (version === undefined) {
      const others = bookkeeping.otherRepositories.join(', ') || 'no rows';
      throw new ForeignSchemaError(`migrate_version has no freezer-api row (${others}): the database belongs to another application; ${ELSEWHERE}`, 'migrate_version');
    }
    if (version === 0) {
      throw new ForeignSchemaError(`freezer-api began creating its schema here but failed (migrate_version = 0; on PostgreSQL it stops at the BLOB column): drop the half-made tables or use an empty database, then let es2sql create the schema`, 'migrate_version');
    }
    if (isKnownRevision({ layout: 'A', revision: String(version) })) return { point: { layout: 'A', revision: String(version) }, origin: 'A' };
    throw new UnknownRevisionError(`the target is at sqlalchemy-migrate version ${version}, which es2sql does not know (freezer-api's last is 3): upgrade es2sql`);
  }
  if (bookkeeping.hasAlembicVersion && freezerTables.length > 0) {
    throw new ForeignSchemaError(`the target has freezer tables (${freezerTables.join(', ')}) but an empty alembic_version: a freezer-api db sync stopped half way; finish it with freezer-manage db sync, or use an empty database`, 'alembic_version');
  }
  if (freezerTables.length === 0) return undefined;
  throw new ForeignSchemaError(`the target holds tables named like freezer-api's (${freezerTables.join(', ')}) but neither migrate_version nor alembic_version, so freezer-api did not create them: ${ELSEWHERE}`, freezerTables[0]);
}
