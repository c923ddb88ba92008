import type { LayoutRevision } from '../layout/freezer-revisions.ts';
import { describeRevision, sameRevision } from '../layout/freezer-revisions.ts';
import { LayoutConflictError } from '../schema-errors.ts';
import type { LayoutName } from '../table-schema.ts';
import type { Migration, MigrationTrack } from './migration.ts';
import { MIGRATIONS } from './migration-list.ts';

/** Where a database starts from: nothing, layout A (also once taken over into B), or a native layout B. */
export type PlanOrigin = 'empty' | LayoutName;

function tracksFor(origin: PlanOrigin, target: LayoutRevision): MigrationTrack[] {
  if (target.layout === 'A') {
    if (origin === 'B') throw new LayoutConflictError(`a layout-B database cannot become ${describeRevision(target)}`);
    return ['a'];
  }
  return origin === 'A' ? ['a', 'a-to-b', 'b'] : ['b-fresh', 'b'];
}

/**
 * The migrations that bring a database from `origin` to `target`, in order: its tracks up to the
 * migration that reaches the target revision, plus the backport slots right after it (placeholders,
 * or backports that filled them).
 */
export function migrationPlan(origin: PlanOrigin, target: LayoutRevision, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  const tracks = tracksFor(origin, target);
  const candidates = migrations.filter((m) => tracks.includes(m.track));
  let last = candidates.findLastIndex((m) => m.reaches !== undefined && sameRevision(m.reaches, target));
  if (last < 0) throw new LayoutConflictError(`no es2sql migration reaches ${describeRevision(target)}`);
  while (candidates[last + 1]?.backportSlot) last += 1;
  return candidates.slice(0, last + 1);
}
