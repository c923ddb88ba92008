import type { SourceDocument } from '../../core/source-document.ts';
import type { RefusedDocument as Rejected } from '../mapping/mapping.ts';
import type { RejectRecord } from '../state/state-store.ts';

/** The raw hit as an elasticdump line, so a reject can be inspected or re-imported as is. */
export function rawDocumentLine(doc: SourceDocument): string {
  return JSON.stringify({ _index: doc.index, _type: doc.type ?? undefined, _id: doc.id, _version: doc.version ?? undefined, _source: doc.source });
}

export function toRejectRecord(partition: string, doc: SourceDocument, outcome: Rejected): RejectRecord {
  return {
    partition,
    docId: doc.id,
    reason: outcome.reason,
    field: outcome.field ?? null,
    detail: outcome.detail,
    document: rawDocumentLine(doc),
  };
}
