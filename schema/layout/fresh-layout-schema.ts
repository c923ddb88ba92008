import { emptyCatalog } from '../catalog/catalog.ts';
import { sortKeys } from '../catalog/read-catalog.ts';
import type { Dialect } from '../dialect.ts';
import { schemaAdapterFor } from '../ddl/schema-adapter-for.ts';
import type { SchemaAdapter } from '../ddl/schema-adapter.ts';
import { foldChange } from '../migrations/change-state.ts';
import { migrationPlan, type PlanOrigin } from '../migrations/migration-plan.ts';
import { UnknownLayoutError } from '../schema-errors.ts';
import type { LayoutName, TargetSchema } from '../table-schema.ts';
import { describeRevision, isKnownRevision, type LayoutRevision } from './freezer-revisions.ts';

/**
 * The schema a database reaches by following es2sql's migrations from `origin` to `point`, computed
 * without a database by folding the declared changes. MySQL charsets of layout-B tables are left
 * undefined (they take the database default).
 */
export function layoutSchemaFrom(adapter: SchemaAdapter, origin: PlanOrigin, point: LayoutRevision): TargetSchema {
  const catalog = emptyCatalog(adapter.dialect);
  for (const migration of migrationPlan(origin, point)) {
    for (const change of migration.changes(adapter)) foldChange(change, catalog, adapter);
  }
  return { dialect: adapter.dialect, layout: point.layout, revision: point.revision, tables: sortKeys(catalog).tables, origin: origin === 'empty' ? point.layout : origin };
}

/**
 * What a fresh database of `layout` at `revision` looks like on `dialect` (tables in creation order,
 * columns in table order, bookkeeping tables included): layout A at version 3, layout B at any of
 * its alembic revisions. Used when the target does not exist yet.
 *
 * @throws UnknownLayoutError for a revision the layout does not have.
 */
export function freshLayoutSchema(dialect: Dialect, layout: LayoutName, revision: string): TargetSchema {
  const point = { layout, revision };
  if (!isKnownRevision(point) || (layout === 'A' && revision !== '3')) {
    throw new UnknownLayoutError(`es2sql cannot create ${describeRevision(point)}; use layout A version 3 or a known layout-B revision`);
  }
  return layoutSchemaFrom(schemaAdapterFor(dialect), 'empty', point);
}
