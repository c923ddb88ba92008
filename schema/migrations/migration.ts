import type { Catalog } from '../catalog/catalog.ts';
import type { AnyKysely } from '../connect.ts';
import type { SchemaAdapter } from '../ddl/schema-adapter.ts';
import type { LayoutRevision } from '../layout/freezer-revisions.ts';
import { foldChange, isChangeApplied, runChange } from './change-state.ts';
import type { SchemaChange } from './schema-change.ts';

export type MigrationPhase = 'expand' | 'contract';

/**
 * Which databases a migration belongs to: `a` builds layout A; `b-fresh` builds layout B in an empty
 * database; `a-to-b` takes a layout-A database over into layout B; `b` evolves every layout-B
 * database, whatever its origin.
 */
export type MigrationTrack = 'a' | 'b-fresh' | 'a-to-b' | 'b';

/** What a migration works with. `catalog` is kept current as changes run. */
export interface MigrationContext {
  db: AnyKysely;
  adapter: SchemaAdapter;
  catalog: Catalog;
  /** True when the runner already opened a transaction around the migration. */
  inTransaction: boolean;
  /** Progress and warnings, one line each. */
  report(line: string): void;
}

/** A data move (contract phase only): rewrites rows from an old form into a new one. */
export interface DataMove {
  /** One line: what moves where. */
  description: string;
  /** True when nothing is left to move (decided from the data and the catalog). */
  isDone(context: MigrationContext): Promise<boolean>;
  /** Moves the data; must be rerunnable (deterministic ids, only missing rows written). */
  run(context: MigrationContext): Promise<void>;
}

/** A migration as declared in the list: data, plus an optional data move. */
export interface MigrationSpec {
  /** Stable four-digit number; ids never change once released. */
  id: string;
  /** kebab-case name, e.g. `b-client-is-central`. */
  name: string;
  phase: MigrationPhase;
  track: MigrationTrack;
  /** The freezer-api revision the database is at once this and every earlier migration are applied. */
  reaches?: LayoutRevision;
  /** A numbered placeholder kept free for a backport: no changes, always applied. */
  reserved?: boolean;
  /**
   * The id lies in a range kept for backports after a head (a placeholder, or a backport that filled
   * one). A plan to that head includes the whole range, so the release line runs its backports.
   */
  backportSlot?: boolean;
  /** One line for `schema status`. */
  summary: string;
  /** The changes, possibly depending on the dialect (layout A's mode column). */
  changes?: SchemaChange[] | ((adapter: SchemaAdapter) => SchemaChange[]);
  /** Runs before the changes (e.g. copy JSON into rows, then drop the JSON column). */
  dataMove?: DataMove;
}

/** A runnable migration. `isApplied` and `up` work from introspection; `up` is idempotent. */
export interface Migration extends Omit<MigrationSpec, 'changes'> {
  reserved: boolean;
  backportSlot: boolean;
  changes(adapter: SchemaAdapter): SchemaChange[];
  isApplied(context: MigrationContext): Promise<boolean>;
  up(context: MigrationContext): Promise<void>;
}

export function defineMigration(spec: MigrationSpec): Migration {
  const changes = (adapter: SchemaAdapter): SchemaChange[] => {
    const declared = spec.changes ?? [];
    return typeof declared === 'function' ? declared(adapter) : declared;
  };
  return {
    ...spec,
    reserved: spec.reserved ?? false,
    backportSlot: spec.backportSlot ?? spec.reserved ?? false,
    changes,
    async isApplied(context) {
      if (!changes(context.adapter).every((c) => isChangeApplied(c, context.catalog))) return false;
      return spec.dataMove ? spec.dataMove.isDone(context) : true;
    },
    async up(context) {
      if (spec.dataMove && !(await spec.dataMove.isDone(context))) await spec.dataMove.run(context);
      for (const change of changes(context.adapter)) {
        if (isChangeApplied(change, context.catalog)) continue;
        await runChange(context.db, change, context.catalog, context.adapter);
        foldChange(change, context.catalog, context.adapter);
      }
    },
  };
}

/** A reserved, numbered no-op slot after a layout's head, kept free for backports (seed 003). */
export function reservedSlot(id: string, track: MigrationTrack, after: string, phase: MigrationPhase = 'expand'): Migration {
  return defineMigration({ id, name: `reserved-${id}`, phase, track, reserved: true, summary: `reserved for a backport after ${after} (no-op)` });
}
