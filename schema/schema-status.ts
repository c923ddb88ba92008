import type { AnyKysely } from './connect.ts';
import type { Dialect } from './dialect.ts';
import { revisionRank, type LayoutRevision } from './layout/freezer-revisions.ts';
import type { LayoutChoice } from './layout/layout-choice.ts';
import type { TargetResolution } from './layout/resolve-target-layout.ts';
import { readBookkeeping, stampedRevision } from './migrations/bookkeeping.ts';
import type { MigrationPhase, MigrationTrack } from './migrations/migration.ts';
import { migrationContext, planTarget, type PlanOptions } from './plan-target.ts';
import type { TargetSchema } from './table-schema.ts';

/** One migration of the plan and whether the database already shows it. */
export interface MigrationStatus {
  id: string;
  name: string;
  phase: MigrationPhase;
  track: MigrationTrack;
  /** The freezer-api revision reached once this and every earlier migration are applied. */
  reaches?: LayoutRevision;
  /** A numbered no-op slot kept for backports. */
  reserved: boolean;
  summary: string;
  state: 'applied' | 'pending';
}

export interface SchemaStatus {
  /** What the target holds now (null: no freezer-api schema yet). */
  existing: TargetSchema | null;
  target: TargetResolution;
  /** The plan from what is there to the target, in order. */
  migrations: MigrationStatus[];
  pending: { expand: string[]; contract: string[] };
  /** What freezer-api's bookkeeping says now. */
  stamp: LayoutRevision | null;
  /** Nothing pending and the bookkeeping names the target. */
  handOffReady: boolean;
}

/**
 * Reports, without changing anything, which migrations lead from the target's current schema to
 * the target layout (see `upgradeSchema` for how it is chosen) and which of them are applied.
 */
export async function schemaStatus(db: AnyKysely, dialect: Dialect, choice?: LayoutChoice, options: Omit<PlanOptions, 'choice'> = {}): Promise<SchemaStatus> {
  const { adapter, catalog, existing, target, plan } = await planTarget(db, dialect, { ...options, choice });
  const context = migrationContext(db, adapter, catalog);
  const migrations: MigrationStatus[] = [];
  const pending = { expand: [] as string[], contract: [] as string[] };
  for (const m of plan) {
    const state = (await m.isApplied(context)) ? 'applied' : 'pending';
    if (state === 'pending') pending[m.phase].push(m.id);
    const entry: MigrationStatus = { id: m.id, name: m.name, phase: m.phase, track: m.track, reserved: m.reserved, summary: m.summary, state };
    if (m.reaches) entry.reaches = m.reaches;
    migrations.push(entry);
  }
  const stamp = stampedRevision(await readBookkeeping(db, catalog)) ?? null;
  const handOffReady = pending.expand.length + pending.contract.length === 0 && stamp !== null && revisionRank(stamp) === revisionRank(target);
  return { existing, target, migrations, pending, stamp, handOffReady };
}
