import { LayoutConflictError } from '../schema-errors.ts';
import type { TargetSchema } from '../table-schema.ts';
import {
  LAYOUT_A_HEAD,
  LAYOUT_B_RELEASED_HEAD,
  describeRevision,
  revisionRank,
  type LayoutRevision,
} from './freezer-revisions.ts';
import type { LayoutChoice } from './layout-choice.ts';

/** The schema es2sql will write to, and why. */
export interface TargetResolution extends LayoutRevision {
  /** `existing`: the database's own layout; `explicit`: the operator's option; `default`: 18.0.0's schema. */
  source: 'existing' | 'explicit' | 'default';
  /** `create` an empty target, `use` the schema as it is, or `upgrade` it (e.g. layout A → B). */
  action: 'create' | 'use' | 'upgrade';
  /** One line for the operator (always set when the choice is not obvious). */
  message?: string;
}

/** The layout es2sql targets when nothing is named and the database is empty: freezer-api 18.0.0's. */
export const DEFAULT_TARGET: LayoutRevision = LAYOUT_B_RELEASED_HEAD;

/**
 * Where an existing database stands once es2sql has finished what its creator left half done:
 * layout A is completed to version 3 (7.x leftovers are renamed forward), and a layout-B database
 * stuck before the first released head is completed to `23c8ad2655a6`.
 */
function existingTarget(existing: TargetSchema): LayoutRevision {
  if (existing.layout === 'A') return LAYOUT_A_HEAD;
  return revisionRank(existing) < revisionRank(LAYOUT_B_RELEASED_HEAD) ? LAYOUT_B_RELEASED_HEAD : existing;
}

function conflict(existing: TargetSchema, choice: LayoutChoice): LayoutConflictError {
  const found = describeRevision(existing);
  if (existing.layout === 'B' && choice.layout === 'A') {
    return new LayoutConflictError(
      `the target already holds ${found}, but ${choice.label} asks for layout A; es2sql never turns layout B back into A: name the freezer-api release you run (16 or later), or omit the option to use the database's own layout`,
    );
  }
  return new LayoutConflictError(
    `the target already holds ${found}, newer than ${describeRevision(choice)} asked for by ${choice.label}; es2sql does not downgrade: omit the option to use the database's own layout, or point es2sql at another database`,
  );
}

/**
 * Decides the target layout: an existing database's own layout always wins over the default; an
 * explicit choice may move it forward (A → B, B → a later revision) but never back.
 *
 * @throws LayoutConflictError when the explicit choice would need a downgrade or B → A.
 */
export function resolveTargetLayout(existing: TargetSchema | null, choice: LayoutChoice | undefined): TargetResolution {
  if (!existing) {
    if (choice) {
      return { layout: choice.layout, revision: choice.revision, source: 'explicit', action: 'create', message: `creating ${describeRevision(choice)} (${choice.label})` };
    }
    return {
      ...DEFAULT_TARGET,
      source: 'default',
      action: 'create',
      message: `no target schema named: using freezer-api 18.0.0's schema, ${describeRevision(DEFAULT_TARGET)}; name another with --freezer-release <release> or --layout a|b`,
    };
  }
  const own = existingTarget(existing);
  const found = describeRevision(existing);
  if (!choice) {
    const unchanged = revisionRank(own) === revisionRank(existing);
    return {
      layout: own.layout,
      revision: own.revision,
      source: 'existing',
      action: unchanged ? 'use' : 'upgrade',
      message: unchanged ? `the target already holds ${found}: using it` : `the target holds ${found}, left unfinished: completing it to ${describeRevision(own)}`,
    };
  }
  if (revisionRank(choice) < revisionRank(existing)) throw conflict(existing, choice);
  const target: LayoutRevision = choice;
  const unchanged = revisionRank(target) === revisionRank(existing);
  return {
    layout: target.layout,
    revision: target.revision,
    source: 'explicit',
    action: unchanged ? 'use' : 'upgrade',
    message: unchanged
      ? `the target already holds ${found}, as ${choice.label} asks: using it`
      : `the target holds ${found}: upgrading it to ${describeRevision(target)} as ${choice.label} asks`,
  };
}
