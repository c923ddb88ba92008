import { ENTITIES, type Entity } from './entity.ts';
import type { JsonObject } from './json-value.ts';
import { partitioningFromRules, type SourcePartitioning } from './source-partitioning.ts';

/**
 * How a document's entity is recognised when the index carries no `_type` (typeless indices on
 * ES ≥ 7, or an NDJSON dump without `_type`). Rules are tried in order; the first rule with any of
 * its fields present at the top level of `_source` wins. The order matters: job documents carry a
 * `session_id`, so jobs are recognised before sessions.
 *
 * The extractor builds its per-entity Elasticsearch queries from the same list (a rule matches
 * documents where one of its fields exists and no field of an earlier rule does), so the server-side
 * split and {@link classifyDocument} always agree.
 */
export const CLASSIFICATION_RULES: ReadonlyArray<{ entity: Entity; fields: readonly string[] }> = [
  { entity: 'backups', fields: ['backup_id', 'backup_metadata'] },
  { entity: 'clients', fields: ['client'] },
  { entity: 'jobs', fields: ['job_id', 'job_schedule', 'job_actions'] },
  { entity: 'actions', fields: ['action_id', 'freezer_action'] },
  { entity: 'sessions', fields: ['session_id'] },
];

/** The entity of a typeless document, or null when no rule matches. */
export function classifyDocument(source: JsonObject): Entity | null {
  for (const rule of CLASSIFICATION_RULES) {
    if (rule.fields.some((field) => Object.hasOwn(source, field))) return rule.entity;
  }
  return null;
}

/** The entity named by an ES `_type` (Freezer's five types), or null for `_doc`, absent or unknown. */
export function entityOfType(type: string | null): Entity | null {
  switch (type) {
    case 'clients':
    case 'sessions':
    case 'actions':
    case 'jobs':
    case 'backups':
      return type;
    default:
      return null;
  }
}

/**
 * Freezer's partitioning of a source: one partition per entity (FK-safe order), its five `_type`s,
 * per-entity indices `<index>-<entity>`/`<index>_<entity>`, and CLASSIFICATION_RULES for typeless
 * documents. Also what a source opened without a mapping uses (es2sql's original behaviour).
 */
export const FREEZER_PARTITIONING: SourcePartitioning = partitioningFromRules({
  partitions: ENTITIES,
  rules: CLASSIFICATION_RULES.map((rule) => ({ partition: rule.entity, fields: rule.fields })),
  indexSuffixes: Object.fromEntries(ENTITIES.map((entity) => [entity, entity])),
});
