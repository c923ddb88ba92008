import { introspectTarget, resolveTargetLayout, schemaAdapterFor, SchemaError, TargetUnreachableError, upgradeSchema, type LayoutChoice } from '../../schema/index.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { SchemaUpgradeNeededError } from '../../pipeline/batch/schema-upgrade-needed-error.ts';
import type { SchemaRequest } from '../../pipeline/mapping/mapping.ts';
import type { OpenDatabase } from '../../pipeline/load/target-database.ts';

/**
 * The schema a run writes into: an existing freezer-api schema as introspected (its own layout
 * wins; a conflicting explicit choice is an error), or, for an empty database, the chosen layout
 * (default: freezer-api 18.0.0's) created by es2sql's migrations.
 */
export async function prepareTargetSchema(
  target: OpenDatabase,
  choice: LayoutChoice | undefined,
  emit: SchemaRequest['emit'],
  options: { create: boolean } = { create: true },
): Promise<{ schema: TargetSchema; label: string; created: boolean }> {
  const dialect = target.location.dialect;
  const look = async () => {
    const existing = await introspectTarget(target.db, dialect);
    return { existing, resolved: resolveTargetLayout(existing, choice) };
  };
  let found = await look().catch((error: unknown) => {
    if (error instanceof SchemaError && !(error instanceof TargetUnreachableError)) return undefined;
    throw error;
  });
  if (found === undefined || (found.existing && found.resolved.action === 'upgrade')) {
    // Another process of a scaled-out run may be creating the schema right now (MySQL DDL is not
    // transactional, so half of it is visible): wait for its schema lock, then look again.
    await schemaAdapterFor(dialect).withSchemaLock(target.db, async () => {});
    found = await look();
  }
  const { existing, resolved } = found;
  if (resolved.message) emit({ type: 'info', message: resolved.message });
  if (existing && resolved.action === 'upgrade') {
    throw new SchemaUpgradeNeededError(
      `the target holds layout ${existing.layout}@${existing.revision} and ${choice?.label ?? 'the chosen layout'} needs ${resolved.layout}@${resolved.revision}; run "es2sql schema upgrade" with the same options first, then rerun`,
    );
  }
  if (existing) return { schema: existing, label: `${existing.layout}@${existing.revision}`, created: false };
  if (!options.create) {
    throw new SchemaUpgradeNeededError(`the target ${target.location.display} has no freezer-api schema yet; run "es2sql schema upgrade" or "es2sql migrate" first`);
  }
  const result = await upgradeSchema(target.db, dialect, {
    choice: choice ?? { layout: resolved.layout, revision: resolved.revision, label: 'default' },
    phase: 'all',
    targetDisplay: target.location.display,
    onProgress: (line) => emit({ type: 'info', message: line }),
  });
  return { schema: result.schema, label: `${result.schema.layout}@${result.schema.revision}`, created: true };
}
