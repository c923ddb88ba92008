import type { Catalog } from './catalog/catalog.ts';
import { readCatalog } from './catalog/read-catalog.ts';
import type { AnyKysely } from './connect.ts';
import type { Dialect } from './dialect.ts';
import { schemaAdapterFor } from './ddl/schema-adapter-for.ts';
import type { SchemaAdapter } from './ddl/schema-adapter.ts';
import { describeTarget } from './introspect/introspect-target.ts';
import { describeRevision, revisionRank, type LayoutRevision } from './layout/freezer-revisions.ts';
import type { TargetResolution } from './layout/resolve-target-layout.ts';
import { readBookkeeping, stampedRevision, writeStamp } from './migrations/bookkeeping.ts';
import type { Migration, MigrationPhase } from './migrations/migration.ts';
import { migrationContext, planTarget, type PlanOptions } from './plan-target.ts';
import { MigrationFailedError, PhaseOrderError, SchemaError, asUnreachable } from './schema-errors.ts';
import type { TargetSchema } from './table-schema.ts';

/** Which migrations a run applies: additive ones, destructive ones and data moves, or both. */
export type UpgradePhase = MigrationPhase | 'all';

export interface UpgradeOptions extends PlanOptions {
  /** Default `all`. */
  phase?: UpgradePhase;
  /** Receives one line per decision, migration, warning and stamp. */
  onProgress?: (line: string) => void;
}

export interface UpgradeResult {
  target: TargetResolution;
  /** Ids of the migrations this run applied, in order. */
  applied: string[];
  /** Ids still pending after the run, per phase. */
  pending: { expand: string[]; contract: string[] };
  /** What freezer-api's bookkeeping says after the run. */
  stamp: LayoutRevision | null;
  /** Nothing pending and the bookkeeping names the target: freezer-api can take the database. */
  handOffReady: boolean;
  /** The schema as it now is (introspected). */
  schema: TargetSchema;
}

function runsIn(phase: UpgradePhase, migration: Migration): boolean {
  return phase === 'all' || migration.phase === phase;
}

function failure(migration: Migration, adapter: SchemaAdapter, error: unknown): Error {
  if (error instanceof SchemaError) return error;
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const kept = adapter.supportsTransactionalDdl
    ? 'it was rolled back'
    : 'this dialect commits DDL as it goes, so part of it may be in place';
  return new MigrationFailedError(
    migration.id,
    `migration ${migration.id} ${migration.name} failed: ${reason}; ${kept}. Fix the cause and rerun es2sql schema upgrade: finished steps are detected and skipped`,
    error,
  );
}

/**
 * Runs one migration (and writes the stamp it earns, if any) on one connection, inside a transaction
 * where the dialect allows DDL in one. Exported for tests that step through a plan.
 */
export async function applyMigration(
  db: AnyKysely, adapter: SchemaAdapter, catalog: Catalog, migration: Migration, stamp: LayoutRevision | undefined,
  report: (line: string) => void, inTransaction = false,
): Promise<void> {
  const apply = async (handle: AnyKysely, insideTransaction: boolean) => {
    const context = { ...migrationContext(handle, adapter, catalog, report), inTransaction: insideTransaction };
    await migration.up(context);
    if (stamp && (await writeStamp(handle, context.catalog, stamp))) report(`stamped ${describeRevision(stamp)}`);
  };
  if (inTransaction) return apply(db, true);
  await adapter.withMigrationConnection(db, async (connection) => {
    if (adapter.supportsTransactionalDdl) await connection.transaction().execute((trx) => apply(trx, true));
    else await apply(connection, false);
  });
}

/**
 * Creates or evolves freezer-api's schema in the target: detects what is there, resolves the target
 * layout (existing > explicit > default, see `resolveTargetLayout`), runs the pending migrations of
 * the requested phase in order and keeps freezer-api's bookkeeping (`migrate_version` /
 * `alembic_version`) at the last revision whose every migration is applied, so `freezer-manage db
 * sync` treats the database as up to date once nothing is pending. Rerunning changes nothing.
 * Concurrent upgrades of one database wait for each other (the adapter's schema lock).
 *
 * @throws SchemaError subclasses: UnknownLayoutError, LayoutConflictError, ForeignSchemaError,
 *   UnknownRevisionError, TargetUnreachableError, PhaseOrderError, MigrationFailedError
 */
export async function upgradeSchema(db: AnyKysely, dialect: Dialect, options: UpgradeOptions = {}): Promise<UpgradeResult> {
  try {
    return await schemaAdapterFor(dialect).withSchemaLock(db, (connection, inTransaction) => runUpgrade(connection, dialect, options, inTransaction));
  } catch (error) {
    throw asUnreachable(error, options.targetDisplay ?? `(a ${dialect} database: pass targetDisplay to name it)`);
  }
}

async function runUpgrade(db: AnyKysely, dialect: Dialect, options: UpgradeOptions, inTransaction: boolean): Promise<UpgradeResult> {
  const report = options.onProgress ?? (() => {});
  const phase = options.phase ?? 'all';
  const { adapter, catalog: initial, existing, target, plan } = await planTarget(db, dialect, options);
  let catalog = initial;
  if (target.message) report(target.message);
  if (!existing && adapter.creationNotice) report(adapter.creationNotice);

  const applied: string[] = [];
  let prefixIntact = true;
  let reached: LayoutRevision | undefined;
  let expandSkipped: Migration | undefined;
  for (const migration of plan) {
    if (await migration.isApplied(migrationContext(db, adapter, catalog, report))) {
      if (prefixIntact && migration.reaches) reached = migration.reaches;
      continue;
    }
    if (!runsIn(phase, migration)) {
      prefixIntact = false;
      if (migration.phase === 'expand') expandSkipped ??= migration;
      continue;
    }
    if (expandSkipped) {
      throw new PhaseOrderError(
        `contract migration ${migration.id} ${migration.name} needs expand migration ${expandSkipped.id} ${expandSkipped.name} first; run es2sql schema upgrade --phase expand (or --phase all), then --phase contract`,
      );
    }
    const earns = prefixIntact ? (migration.reaches ?? reached) : undefined;
    report(`applying ${migration.id} ${migration.name} (${migration.phase}): ${migration.summary}`);
    try {
      await applyMigration(db, adapter, catalog, migration, earns, report, inTransaction);
    } catch (error) {
      throw failure(migration, adapter, error);
    }
    applied.push(migration.id);
    catalog = await readCatalog(db, adapter);
    if (prefixIntact) reached = earns;
  }

  // Catch-up stamp: a crash between DDL and stamp (MySQL), or an adopted database behind its shape.
  if (reached && (await writeStamp(db, catalog, reached))) report(`stamped ${describeRevision(reached)}`);

  const pending = { expand: [] as string[], contract: [] as string[] };
  for (const migration of plan) {
    if (!(await migration.isApplied(migrationContext(db, adapter, catalog)))) pending[migration.phase].push(migration.id);
  }
  const stamp = stampedRevision(await readBookkeeping(db, catalog)) ?? null;
  const handOffReady = pending.expand.length === 0 && pending.contract.length === 0 && stamp !== null && revisionRank(stamp) === revisionRank(target);
  if (applied.length === 0) report(`nothing to apply: ${pending.expand.length + pending.contract.length === 0 ? 'the schema is up to date' : `phase ${phase} has no pending migration`}`);
  if (!handOffReady && pending.contract.length > 0) report(`pending contract migrations: ${pending.contract.join(', ')}; run es2sql schema upgrade --phase contract before pointing freezer-api at this database`);
  const schema = await describeTarget(db, catalog, adapter);
  if (!schema) throw new SchemaError('the target holds no freezer-api schema after the upgrade; rerun es2sql schema upgrade');
  return { target, applied, pending, stamp, handOffReady, schema };
}
