import type { Entity } from '../core/entity.ts';

/** A value bound to a SQL parameter. Dialect adapters convert booleans and dates. */
export type SqlValue = string | number | bigint | boolean | null | Date | Uint8Array;
export type Row = Record<string, SqlValue>;

/** One row to write. */
export interface RowWrite {
  table: string;
  row: Row;
  /**
   * `upsert` replaces a row with the same primary key (the document's own row);
   * `insert-if-absent` leaves an existing row untouched (an action rebuilt from a job entry must
   * not overwrite the action document itself).
   */
  mode: 'upsert' | 'insert-if-absent';
  /**
   * Dotted source path (in `_source`) of the value of each column, where there is one, e.g.
   * `{ backup_name: 'freezer_action.backup_name' }`. Used by `checkAgainstSchema` to name the
   * offending field of a rejected row; optional for writers that have no source paths.
   */
  fields?: Readonly<Record<string, string>>;
}

/** Child rows owned by one parent row, replaced as a set (e.g. a job's `job_actions` links). */
export interface ChildRows {
  table: string;
  parentColumn: string;
  parentId: string;
  rows: Row[];
  /** Source paths per row (same index as `rows`), as in {@link RowWrite.fields}. Optional. */
  fields?: ReadonlyArray<Readonly<Record<string, string>>>;
}

/** Stable codes for documents that cannot be migrated. Documented in docs/dirty-data.md. */
export type RejectReason =
  | 'malformed_document'
  | 'unclassified_document'
  | 'missing_required_field'
  | 'invalid_value'
  | 'too_long'
  | 'charset_unsupported'
  | 'integer_out_of_range'
  | 'duplicate_client_registration'
  | 'duplicate_document';

/** A normalisation applied to a migrated document, or a hazard worth reporting. */
export interface Finding {
  /** Stable code, e.g. `v1_document_without_project`, `hostname_filled`, `string_coerced_to_integer`. */
  code: string;
  /** Dotted path of the source field concerned, when there is one. */
  field?: string;
  detail: string;
}

/** A document mapped to rows. */
export interface Accepted {
  kind: 'accepted';
  entity: Entity;
  /** ES `_id`. */
  docId: string;
  /** Primary key of the entity's own row (differs from `_id` for clients and composite backup ids). */
  sqlId: string;
  writes: RowWrite[];
  children: ChildRows[];
  findings: Finding[];
}

/** A document that cannot be migrated, with the reason shown to the operator. */
export interface Rejected {
  kind: 'rejected';
  entity: Entity | null;
  docId: string;
  reason: RejectReason;
  field?: string;
  detail: string;
  findings: Finding[];
}

export type TransformOutcome = Accepted | Rejected;
