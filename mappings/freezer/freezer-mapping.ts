import { FREEZER_PARTITIONING } from '../../core/classify.ts';
import { ENTITIES } from '../../core/entity.ts';
import type { Mapping } from '../../pipeline/mapping/mapping.ts';
import { introspectTarget } from '../../schema/index.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import { buildTransformContext, learningActionTransform, type FreezerContext } from './build-transform-context.ts';
import { FREEZER_PORTABLE } from './freezer-portable.ts';
import { validationSchema } from './describe-freezer-schema.ts';
import { findingSeverity } from './freezer-finding-severity.ts';
import { FREEZER_REFERENCES } from './freezer-references.ts';
import { TABLE_WRITE_ORDER } from './freezer-table-order.ts';
import { freezerVerifier } from './freezer-verifier.ts';
import { prepareTargetSchema } from './prepare-freezer-schema.ts';
import { removeEntityRows } from './remove-freezer-rows.ts';
import { FREEZER_SYNC_UPKEEP } from './job-action-upkeep.ts';

/** Whether the run maps `partition` after every action (the partitions' order: ENTITIES, then unclassified). */
function mappedAfterActions(partition: string): boolean {
  const at = (ENTITIES as readonly string[]).indexOf(partition);
  return at < 0 || at > ENTITIES.indexOf('actions');
}

/**
 * OpenStack Freezer's five document types into freezer-api's relational layouts A and B: the
 * built-in mapping and the default. Partitions by `_type`, per-entity indices or content
 * (core/classify.ts); targets an existing freezer-api schema as found or creates the chosen layout
 * (schema/); maps documents with transforms/ after a first pass that builds the client registry and
 * the action catalog; verifies through the read-back rules (what freezer-api's API returns); deletes
 * as freezer-api does (soft: `deleted`, `deleted_at`).
 */
export const freezerMapping: Mapping<FreezerContext> = {
  name: 'freezer',
  label: 'Freezer',
  partitioning: FREEZER_PARTITIONING,
  target: {
    tableOrder: TABLE_WRITE_ORDER,
    prepare: (target, request) => prepareTargetSchema(target, request.choice, request.emit, { create: request.create }),
    describe: (database, dialect, display, request) => validationSchema(database, dialect, display, request.choice, request.emit),
    introspect: (db, dialect, display) => introspectTarget(db, dialect, display),
  },
  prepare: (input) =>
    buildTransformContext(
      input.source,
      { pageSize: input.pageSize, slices: input.slices, signal: input.signal },
      { schema: input.schema, migrationTime: input.settings.migrationTime, defaultProjectId: input.settings.defaultProjectId },
      // Actions are mapped before jobs (ENTITIES' order), so a run that maps them all learns the catalog.
      { learnActions: input.mappedInOrder?.has('actions') === true },
    ),
  transform: (partition, context) => {
    if (context.learnsActions) {
      if (partition === 'actions') return learningActionTransform(context);
      if (mappedAfterActions(partition)) {
        // Every action is in: the catalog gives back the capacity it grew into, once.
        context.actionCatalog.trim();
        context.learnsActions = false;
      }
    }
    return (doc) => transformDocument(doc, context);
  },
  validation: { findingSeverity, references: FREEZER_REFERENCES },
  verify: { verifier: freezerVerifier },
  sync: { removeRows: removeEntityRows, defaultDeleteMode: 'soft', recheckPartitions: ['clients'], upkeep: FREEZER_SYNC_UPKEEP },
  portable: FREEZER_PORTABLE,
};
