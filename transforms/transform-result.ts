import type { Entity } from '../core/entity.ts';
import type { ChildRows, Finding, RowWrite } from '../core/mapped-rows.ts';

export type { ChildRows, Finding, Row, RowWrite, SqlValue } from '../core/mapped-rows.ts';

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
