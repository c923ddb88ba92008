import type { LayoutName } from '../table-schema.ts';

/** A point in freezer-api's schema history: a layout and its revision there. */
export interface LayoutRevision {
  layout: LayoutName;
  /** sqlalchemy-migrate version (`'1'`…`'3'`) for layout A, alembic revision for layout B. */
  revision: string;
}

/** sqlalchemy-migrate versions of layout A (contract §2.2); 3 is what freezer-api 8.0.0 … 15.0.0 expect. */
export const LAYOUT_A_VERSIONS = ['1', '2', '3'] as const;

/** Alembic revisions of layout B in `down_revision` order (contract §2.3). */
export const LAYOUT_B_REVISIONS = [
  '1333cef214d9',
  'e74c32f034c5',
  '23c8ad2655a6',
  '29a2fd19eb86',
  '30a3fd20ec97',
  '4f8c679a1d3b',
  'a1b2c3d4e5f6',
  '5c9d21e87f34',
  '7a3b9c1d2e4f',
] as const;

export const LAYOUT_A_HEAD: LayoutRevision = { layout: 'A', revision: '3' };
/** The alembic head shipped by freezer-api 16.0.0, 17.0.0 and 18.0.0. */
export const LAYOUT_B_RELEASED_HEAD: LayoutRevision = { layout: 'B', revision: '23c8ad2655a6' };
/** The current alembic head (upstream master after 18.0.0). */
export const LAYOUT_B_HEAD: LayoutRevision = { layout: 'B', revision: '7a3b9c1d2e4f' };

/** sqlalchemy-migrate's repository id for freezer-api, the key of its `migrate_version` row. */
export const MIGRATE_REPOSITORY_ID = 'freezer-api';
/**
 * What es2sql writes into `migrate_version.repository_path`. freezer-api writes the absolute path of
 * its installed `migrate_repo`; sqlalchemy-migrate never reads it back, and es2sql cannot know where
 * the operator's freezer-api lives, so the package-relative path is written.
 */
export const MIGRATE_REPOSITORY_PATH = 'freezer_api/db/sqlalchemy/migrate_repo';

/** Position of a revision in freezer-api's whole history (A 1…3, then B's chain); -1 if unknown. */
export function revisionRank(point: LayoutRevision): number {
  if (point.layout === 'A') return (LAYOUT_A_VERSIONS as readonly string[]).indexOf(point.revision);
  const index = (LAYOUT_B_REVISIONS as readonly string[]).indexOf(point.revision);
  return index < 0 ? -1 : LAYOUT_A_VERSIONS.length + index;
}

export function isKnownRevision(point: LayoutRevision): boolean {
  return revisionRank(point) >= 0;
}

export function sameRevision(a: LayoutRevision, b: LayoutRevision): boolean {
  return a.layout === b.layout && a.revision === b.revision;
}

/** `layout A (sqlalchemy-migrate version 3)` / `layout B (alembic 23c8ad2655a6)`. */
export function describeRevision(point: LayoutRevision): string {
  return point.layout === 'A'
    ? `layout A (sqlalchemy-migrate version ${point.revision})`
    : `layout B (alembic ${point.revision})`;
}
