import type { SourceDocument } from '../core/source-document.ts';
import { coerceBoolean, coerceInteger, coerceString } from './coerce.ts';
import type { Entity } from '../core/entity.ts';
import type { FindingCode } from './finding-codes.ts';
import { isJsonObject, JsonNumber, type JsonObject } from '../core/json-value.ts';
import { targetCapabilities, type TargetCapabilities } from './target-capabilities.ts';
import type { TransformContext } from './transform-context.ts';
import type { Accepted, Finding, RejectReason, TransformOutcome } from './transform-result.ts';

/**
 * Thrown inside a transform to reject the document; turned into a `Rejected` by {@link runTransform},
 * which catches it and nothing else. Not an `Error`: a rejection is an answer about the data, and
 * dirty corpora reject thousands of documents, each of which would pay for a stack trace.
 */
class DocumentRejection {
  readonly reason: RejectReason;
  readonly field: string | undefined;
  readonly detail: string;
  constructor(reason: RejectReason, field: string | undefined, detail: string) {
    this.reason = reason;
    this.field = field;
    this.detail = detail;
  }
}

/** Short printable form of a source value for finding details. */
export function show(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value instanceof JsonNumber || typeof value !== 'object' || value === null) text = String(value);
  else text = Array.isArray(value) ? 'an array' : 'an object';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Owner columns of a row. */
export interface Ownership {
  userId: string;
  projectId: string | null;
}

/**
 * Per-document state of a transform: the context, the findings collected so far, and helpers that
 * apply es2sql's coercion policy (docs/dirty-data.md) while recording what they changed.
 */
export class DocumentScope {
  readonly ctx: TransformContext;
  readonly capabilities: TargetCapabilities;
  readonly entity: Entity;
  readonly doc: SourceDocument;
  readonly findings: Finding[] = [];

  constructor(entity: Entity, doc: SourceDocument, ctx: TransformContext) {
    this.entity = entity;
    this.doc = doc;
    this.ctx = ctx;
    this.capabilities = targetCapabilities(ctx.schema);
  }

  note(code: FindingCode, field: string | undefined, detail: string): void {
    this.findings.push(field === undefined ? { code, detail } : { code, field, detail });
  }

  reject(reason: RejectReason, field: string | undefined, detail: string): never {
    throw new DocumentRejection(reason, field, detail);
  }

  /** A non-empty string identity or owner field; rejects when absent/empty or not a string. */
  requiredString(source: JsonObject, key: string, field: string = key): string {
    const value = source[key];
    if (value === undefined || value === null || value === '') {
      this.reject('missing_required_field', field, `${field} is missing`);
    }
    if (typeof value !== 'string') this.reject('malformed_document', field, `${field} is ${show(value)}, not a string`);
    return value;
  }

  /** A nested object, or undefined when absent/null; rejects a non-object. */
  object(source: JsonObject, key: string, field: string = key): JsonObject | undefined {
    const value = source[key];
    if (value === undefined || value === null) return undefined;
    if (!isJsonObject(value)) this.reject('malformed_document', field, `${field} is ${show(value)}, not an object`);
    return value;
  }

  /** `user_id` (required) and `project_id` (v1 documents have none: default project or NULL). */
  ownership(source: JsonObject): Ownership {
    const userId = this.requiredString(source, 'user_id');
    const project = source.project_id;
    if (typeof project === 'string' && project !== '') return { userId, projectId: project };
    if (project !== undefined && project !== null && project !== '') {
      this.reject('malformed_document', 'project_id', `project_id is ${show(project)}, not a string`);
    }
    const projectId = this.ctx.defaultProjectId;
    this.note(
      'v1_document_without_project',
      'project_id',
      projectId === null
        ? 'no project_id (v1 document): project_id left NULL, the row is invisible to freezer-api until a project is assigned'
        : `no project_id (v1 document): assigned the default project ${projectId}`,
    );
    return { userId, projectId };
  }

  /** Records a `_version` key found inside `_source` (never copied anywhere). */
  versionKey(source: JsonObject, field = '_version'): void {
    if (Object.hasOwn(source, '_version')) {
      this.note('version_in_source_dropped', field, `${field} ${show(source._version)} inside _source dropped`);
    }
  }

  /**
   * An optional INTEGER column: coerced per `coerceInteger`; absent → `fallback`; not coercible →
   * `fallback` (freezer-api's ORM default, or NULL where it has none) with an `invalid_integer`
   * finding. The JSON copy, where the value has one, keeps the original.
   */
  integer(value: unknown, field: string, fallback: number | null): number | bigint | null {
    // The common cases first, without building a coercion result.
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (value === undefined || value === null) return fallback;
    const result = coerceInteger(value);
    switch (result.kind) {
      case 'absent':
        return fallback;
      case 'invalid':
        this.note('invalid_integer', field, `${show(value)} is not an integer: stored ${String(fallback ?? 'NULL')}`);
        return fallback;
      case 'ok':
        if (result.from === 'string') this.note('string_coerced_to_integer', field, `${show(value)} stored as ${result.value}`);
        else if (result.from === 'float') this.note('float_coerced_to_integer', field, `${show(value)} stored as ${result.value}`);
        return result.value;
    }
  }

  /** An optional BOOLEAN column: coerced per `coerceBoolean`; absent or invalid → `fallback`. */
  boolean(value: unknown, field: string, fallback: boolean): boolean {
    if (typeof value === 'boolean') return value;
    if (value === undefined || value === null) return fallback;
    const result = coerceBoolean(value);
    switch (result.kind) {
      case 'absent':
        return fallback;
      case 'invalid':
        this.note('invalid_boolean', field, `${show(value)} is not a boolean: stored ${fallback}`);
        return fallback;
      case 'ok':
        if (result.from !== undefined) this.note('value_coerced_to_boolean', field, `${show(value)} stored as ${result.value}`);
        return result.value;
    }
  }

  /** An optional VARCHAR column: strings as is, numbers as text; anything else → NULL + finding. */
  string(value: unknown, field: string): string | null {
    if (typeof value === 'string') return value;
    if (value === undefined || value === null) return null;
    const result = coerceString(value);
    switch (result.kind) {
      case 'absent':
        return null;
      case 'invalid':
        this.note('invalid_string', field, `${show(value)} is not a string: stored NULL`);
        return null;
      case 'ok':
        if (result.from !== undefined) this.note('number_coerced_to_string', field, `${show(value)} stored as text`);
        return result.value;
    }
  }
}

/** What an entity transform returns when it accepts the document. */
export type AcceptedBody = Pick<Accepted, 'sqlId' | 'writes' | 'children'>;

/**
 * Runs an entity transform body with a fresh scope and turns its result or rejection into a
 * {@link TransformOutcome}. `_source` that is not an object is `malformed_document`.
 */
export function runTransform(
  entity: Entity,
  doc: SourceDocument,
  ctx: TransformContext,
  body: (scope: DocumentScope, source: JsonObject) => AcceptedBody,
): TransformOutcome {
  const scope = new DocumentScope(entity, doc, ctx);
  try {
    if (!isJsonObject(doc.source)) scope.reject('malformed_document', undefined, '_source is not a JSON object');
    const accepted = body(scope, doc.source);
    return { kind: 'accepted', entity, docId: doc.id, sqlId: accepted.sqlId, writes: accepted.writes, children: accepted.children, findings: scope.findings };
  } catch (error) {
    if (!(error instanceof DocumentRejection)) throw error;
    const rejected = { kind: 'rejected', entity, docId: doc.id, reason: error.reason, detail: error.detail, findings: scope.findings } as const;
    return error.field === undefined ? rejected : { ...rejected, field: error.field };
  }
}
