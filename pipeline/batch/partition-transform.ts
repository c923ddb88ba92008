import type { SourceDocument } from '../../core/source-document.ts';
import { UNCLASSIFIED, type AnyMapping, type DocumentTransform, type MappingOutcome } from '../mapping/mapping.ts';
import type { SourcePartition } from '../source/document-source.ts';

/** A document of the `unclassified` partition: a `_type` the mapping does not know, or no shape it recognises. */
function rejectUnclassified(label: string, doc: SourceDocument): MappingOutcome {
  return {
    kind: 'rejected',
    entity: null,
    docId: doc.id,
    reason: 'unclassified_document',
    detail: doc.type ? `_type "${doc.type}" is not a ${label} document type` : `the document matches no ${label} document shape`,
    findings: [],
  };
}

/** How migrate, sync and validate map the documents of one source partition with a mapping. */
export function partitionTransform<Context>(mapping: AnyMapping, partition: SourcePartition, context: Context): DocumentTransform {
  return partition === UNCLASSIFIED ? (doc) => rejectUnclassified(mapping.label, doc) : mapping.transform(partition, context);
}
