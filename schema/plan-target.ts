import type { Catalog } from './catalog/catalog.ts';
import { readCatalog } from './catalog/read-catalog.ts';
import type { AnyKysely } from './connect.ts';
import type { Dialect } from './dialect.ts';
import { schemaAdapterFor } from './ddl/schema-adapter-for.ts';
import type { SchemaAdapter } from './ddl/schema-adapter.ts';
import { describeTarget } from './introspect/introspect-target.ts';
import type { LayoutChoice } from './layout/layout-choice.ts';
import { resolveTargetLayout, type TargetResolution } from './layout/resolve-target-layout.ts';
import type { Migration, MigrationContext } from './migrations/migration.ts';
import { MIGRATIONS } from './migrations/migration-list.ts';
import { migrationPlan, type PlanOrigin } from './migrations/migration-plan.ts';
import { asUnreachable } from './schema-errors.ts';
import type { TargetSchema } from './table-schema.ts';

/** Everything `schema upgrade` and `schema status` start from. */
export interface TargetPlan {
  adapter: SchemaAdapter;
  catalog: Catalog;
  existing: TargetSchema | null;
  target: TargetResolution;
  origin: PlanOrigin;
  plan: Migration[];
}

export interface PlanOptions {
  choice?: LayoutChoice;
  /** How to name the target in errors (`DatabaseLocation.display`). */
  targetDisplay?: string;
  /** Replaces es2sql's migration list (tests: backported twins in reserved slots). */
  migrations?: readonly Migration[];
}

/** Reads the target, decides the target layout and lists the migrations that lead there. */
export async function planTarget(db: AnyKysely, dialect: Dialect, options: PlanOptions): Promise<TargetPlan> {
  const adapter = schemaAdapterFor(dialect);
  let catalog: Catalog;
  try {
    catalog = await readCatalog(db, adapter);
  } catch (error) {
    throw asUnreachable(error, options.targetDisplay ?? `(a ${dialect} database: pass targetDisplay to name it)`);
  }
  const existing = await describeTarget(db, catalog, adapter);
  const target = resolveTargetLayout(existing, options.choice);
  const origin: PlanOrigin = existing ? (existing.origin ?? existing.layout) : 'empty';
  const plan = migrationPlan(origin, target, options.migrations ?? MIGRATIONS);
  return { adapter, catalog, existing, target, origin, plan };
}

export function migrationContext(db: AnyKysely, adapter: SchemaAdapter, catalog: Catalog, report: (line: string) => void = () => {}): MigrationContext {
  return { db, adapter, catalog, inTransaction: false, report };
}
