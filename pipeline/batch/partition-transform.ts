import { classifyDocument } from '../../core/classify.ts';
import { isJsonObject } from '../../core/json-value.ts';
import type { TransformContext } from '../../transforms/transform-context.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import type { TransformOutcome } from '../../transforms/transform-result.ts';
import type { SourcePartition } from '../source/document-source.ts';
import type { SourceDocument } from '../../core/source-document.ts';

/** A document of the `unclassified` partition: a `_type` that is not Freezer's, or no Freezer shape. */
function rejectUnclassified(doc: SourceDocument): TransformOutcome {
  // A foreign `_type` wins over the fields (docs/dirty-data.md, dirty.unclassifiable): another
  // application's documents in a multi-type index can carry a field named like Freezer's.
  const lookalike = doc.type && isJsonObject(doc.source) ? classifyDocument(doc.source) : null;
  const detail = !doc.type
    ? 'the document matches no Freezer document shape'
    : lookalike
      ? `_type "${doc.type}" is not a Freezer document type (its fields look like ${lookalike}; set _type to ${lookalike}, or drop _type, in the dump to migrate it)`
      : `_type "${doc.type}" is not a Freezer document type`;
  return { kind: 'rejected', entity: null, docId: doc.id, reason: 'unclassified_document', detail, findings: [] };
}

/** How migrate, sync and validate map the documents of one source partition. */
export function partitionTransform(partition: SourcePartition, context: TransformContext): (doc: SourceDocument) => TransformOutcome {
  return partition === 'unclassified' ? rejectUnclassified : (doc) => transformDocument(doc, context);
}
