/**
 * One field of an index mapping, as es2sql reads it from `_mapping` of any Elasticsearch or
 * OpenSearch version: a leaf with its ES type, or an `object` / `nested` with sub-fields.
 */
export interface EsField {
  /** Field name inside its parent object. */
  name: string;
  /** Dotted path from the document root (`customer.address.city`). */
  path: string;
  /** ES type: `keyword`, `long`, `date`, `object`, `nested`, `geo_point`, …; `string` on 1.x/2.x. */
  type: string;
  /** `format` of a `date`/`date_nanos` field, split on `||` (absent: ES's default). */
  formats?: string[];
  /** `scaling_factor` of a `scaled_float`. */
  scalingFactor?: number;
  /** `index: not_analyzed` (2.x) or `keyword` type: the whole value is a term. */
  exactTerm?: boolean;
  /** An `object` with `"enabled": false`: ES keeps it in `_source` only; migrated as JSON. */
  disabled?: boolean;
  /** Sub-fields of an `object` or `nested` field, in mapping order. */
  properties?: EsField[];
}

/** Something es2sql noticed in a mapping and does not migrate, with the reason shown in the plan. */
export interface MappingNote {
  field: string;
  note: string;
}

/** The mapping of one index (and one `_type` on a multi-type 1.x–5.x index). */
export interface IndexMapping {
  index: string;
  /** `_type` for typed mappings (1.x–6.x); `null` for typeless ones (7.x+, OpenSearch). */
  type: string | null;
  fields: EsField[];
  notes: MappingNote[];
  /** Fields that only receive `copy_to` copies: never in `_source`, so never columns. */
  copyTargets: string[];
}

/** True for fields that hold sub-fields. */
export function isContainer(field: EsField): boolean {
  return field.type === 'object' || field.type === 'nested';
}
