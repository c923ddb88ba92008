import type { JsonObject } from './json-value.ts';

/**
 * One Elasticsearch hit with its metadata kept beside the payload, so a `_source` field named `id`
 * or `_id` can never overwrite the document's identity.
 */
export interface SourceDocument {
  /** `_index` of the hit. */
  index: string;
  /** `_type` of the hit; `null` on typeless indices (ES ≥ 7) and `_doc`-only indices. */
  type: string | null;
  /** `_id` of the hit. */
  id: string;
  /** `_version` of the hit when the source reports it, else `null`. */
  version: number | null;
  /** The parsed `_source` (numbers kept exactly, see JsonNumber). */
  source: JsonObject;
}
