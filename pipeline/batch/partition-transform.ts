import { isJsonObject } from '../../core/json-value.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import { UNCLASSIFIED, type AnyMapping, type DocumentTransform, type MappingOutcome } from '../mapping/mapping.ts';
import type { SourcePartition } from '../source/document-source.ts';

/** A document of the `unclassified` partition: a `_type` the mapping does not know, or no shape it recognises. */
function rejectUnclassified(mapping: AnyMapping, doc: SourceDocument): MappingOutcome {
  const { label } = mapping;
  // A foreign `_type` wins over the fields (docs/dirty-data.md, dirty.unclassifiable): another
  // application's documents in a multi-type index can carry a field named like the mapping's.
  const lookalike = doc.type && isJsonObject(doc.source) ? mapping.partitioning.classify(doc.source) : null;
  const detail = !doc.type
    ? `the document matches no ${label} document shape`
    : lookalike
      ? `_type "${doc.type}" is not a ${label} document type (its fields look like ${lookalike}; set _type to ${lookalike}, or drop _type, in the dump to migrate it)`
      : `_type "${doc.type}" is not a ${label} document type`;
  return { kind: 'rejected', entity: null, docId: doc.id, reason: 'unclassified_document', detail, findings: [] };
}

/** How migrate, sync and validate map the documents of one source partition with a mapping. */
export function partitionTransform<Context>(mapping: AnyMapping, partition: SourcePartition, context: Context): DocumentTransform {
  return partition === UNCLASSIFIED ? (doc) => rejectUnclassified(mapping, doc) : mapping.transform(partition, context);
}
