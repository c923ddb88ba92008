import type { TransformContext } from '../../transforms/transform-context.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import type { TransformOutcome } from '../../transforms/transform-result.ts';
import type { SourcePartition } from '../source/document-source.ts';
import type { SourceDocument } from '../../core/source-document.ts';

/** A document of the `unclassified` partition: a `_type` that is not Freezer's, or no Freezer shape. */
function rejectUnclassified(doc: SourceDocument): TransformOutcome {
  return {
    kind: 'rejected',
    entity: null,
    docId: doc.id,
    reason: 'unclassified_document',
    detail: doc.type ? `_type "${doc.type}" is not a Freezer document type` : 'the document matches no Freezer document shape',
    findings: [],
  };
}

/** How migrate, sync and validate map the documents of one source partition. */
export function partitionTransform(partition: SourcePartition, context: TransformContext): (doc: SourceDocument) => TransformOutcome {
  return partition === 'unclassified' ? rejectUnclassified : (doc) => transformDocument(doc, context);
}
