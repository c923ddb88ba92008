import type { TargetSchema } from '../schema/table-schema.ts';

/**
 * Decides which of several registrations of the same client (data contract §5.4) is migrated.
 * Built from a first pass over the client documents so the choice does not depend on read order.
 */
export interface ClientRegistry {
  /** The client uuid kept for `(projectId, clientId)`, or undefined when only one exists. */
  winner(projectId: string | null, clientId: string): string | undefined;
  /**
   * The ES `_id` of the registration kept for `(projectId, clientId)`, or undefined when only one
   * exists. Breaks the tie when several documents carry the winning uuid (they would all map to the
   * same SQL row). Optional so that simple registries (tests) need not implement it.
   */
  winnerDocId?(projectId: string | null, clientId: string): string | undefined;
}

/**
 * What the stored action documents look like, for job transforms that want to report job entries
 * diverging from their action or naming a deleted one (data contract §5.7). Optional: built from a
 * first pass over the action documents (see `transforms/action-catalog.ts`); without it those
 * cases are migrated the same way but not reported.
 */
export interface ActionCatalog {
  /** The stored action with this id, or undefined when no action document has it. */
  get(actionId: string): { projectId: string | null; fingerprint: string } | undefined;
}

/** Everything a transform may depend on besides the document. Transforms never do I/O. */
export interface TransformContext {
  /** The target as it really is (introspected widths, charset, layout). */
  schema: TargetSchema;
  /**
   * Fallback for `created_at` when the document has no time of its own. Fixed per run and stored
   * with the run, so a resumed run writes the same value as an uninterrupted one.
   */
  migrationTime: Date;
  /** Project assigned to v1 documents that carry no `project_id` (null keeps them project-less). */
  defaultProjectId: string | null;
  clientRegistry: ClientRegistry;
  /** Stored actions, when the pipeline ran a first pass over them. */
  actionCatalog?: ActionCatalog;
}
