import type { TargetSchema } from '../../schema/table-schema.ts';
import type { ActionCatalog } from '../transform-context.ts';
import type { ApiDocument } from '../../core/canonical-json.ts';

/** An action row as a job's `job_actions` link will find it (layout B). */
export interface StoredAction {
  /** `actions.project_id` of the row. */
  projectId: string | null;
  /** The action as freezer-api's `convert_action_to_dict` returns it (no `mandatory`). */
  document: ApiDocument;
}

/**
 * What the read-back of one Elasticsearch document needs besides the document. Pure data and
 * lookups: the rules themselves do no I/O.
 */
export interface ReadbackContext {
  /** The target schema: which columns and tables exist decides which keys freezer-api returns. */
  schema: TargetSchema;
  /** Primary key of the document's own row (the state's id map, or the transform's `sqlId`). */
  sqlId: string;
  /** Project the migration assigned to documents without `project_id` (null: kept NULL). */
  defaultProjectId: string | null;
  /**
   * Layout B: the action row an action id resolves to when an action document of that id was
   * migrated, undefined otherwise (the link then shows the action rebuilt from the job entry).
   */
  storedAction?: (actionId: string) => StoredAction | undefined;
  /** The first pass's action catalog (decides whether an entry without an action name is linked). */
  actionCatalog?: ActionCatalog;
}
