import type { SourceDocument } from '../core/source-document.ts';
import { checkAgainstSchema } from './check-against-schema.ts';
import { classifyDocument, entityOfType } from '../core/classify.ts';
import type { Entity } from '../core/entity.ts';
import { isJsonObject } from '../core/json-value.ts';
import type { TransformContext } from './transform-context.ts';
import type { TransformOutcome } from './transform-result.ts';
import { transformAction } from './transform-action.ts';
import { transformBackup } from './transform-backup.ts';
import { transformClient } from './transform-client.ts';
import { transformJob } from './transform-job.ts';
import { transformSession } from './transform-session.ts';

/** The entity transforms by entity; each is pure and checks nothing against column limits. */
export const ENTITY_TRANSFORMS: Readonly<Record<Entity, (doc: SourceDocument, ctx: TransformContext) => TransformOutcome>> = {
  clients: transformClient,
  sessions: transformSession,
  actions: transformAction,
  jobs: transformJob,
  backups: transformBackup,
};

/**
 * One Elasticsearch document → the rows it becomes in the target, or the reason it cannot be
 * migrated. The entity is the document's `_type` when that is one of Freezer's five types,
 * otherwise classified from the shape of `_source` (typeless indices); an unrecognisable document
 * is rejected `unclassified_document`. The entity transform's rows are then checked against the
 * real target columns ({@link checkAgainstSchema}). Pure and deterministic: the same document and
 * context always give deep-equal outcomes.
 */
export function transformDocument(doc: SourceDocument, ctx: TransformContext): TransformOutcome {
  const entity = entityOfType(doc.type) ?? (isJsonObject(doc.source) ? classifyDocument(doc.source) : null);
  if (entity === null) {
    return {
      kind: 'rejected',
      entity: null,
      docId: doc.id,
      reason: isJsonObject(doc.source) ? 'unclassified_document' : 'malformed_document',
      detail: isJsonObject(doc.source)
        ? `_type ${doc.type ?? '(none)'} and the fields of _source match no Freezer entity`
        : '_source is not a JSON object',
      findings: [],
    };
  }
  return checkAgainstSchema(ENTITY_TRANSFORMS[entity](doc, ctx), ctx.schema);
}
