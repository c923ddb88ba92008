import type { SourceDocument } from '../../core/source-document.ts';
import { contentHash } from '../sync/content-hash.ts';
import type { RejectRecord } from '../state/state-writes.ts';
import { duplicateRejectKey, winnerReason, type DocumentCopy } from './duplicate-rule.ts';
import type { EarlierCopy } from './earlier-copies.ts';
import { rawDocumentLine } from './reject-record.ts';

/** The winner of a duplicate, as a reject names it: its `_id` and `_version`. */
export interface Winner extends DocumentCopy {
  id: string;
}

/**
 * The key the reject of a losing copy is stored under: its `_id` and the start of its content hash,
 * so verify finds it from the copy itself.
 */
export function duplicateKeyOf(doc: SourceDocument): string {
  return duplicateRejectKey(doc.id, contentHash(doc).slice(0, 12));
}

/** The `duplicate_document` reject of a copy read in this page that lost to `winner`. */
export function loserReject(partition: string, loser: SourceDocument, winner: Winner, sqlId: string | null): RejectRecord {
  const why = winnerReason(winner, loser);
  const detail = winner.id === loser.id
    ? `_id ${loser.id} appears more than once in the source; another copy is migrated because ${why}`
    : `maps to the same ${partition} id ${sqlId} as document ${winner.id}, which is migrated because ${why}`;
  return { partition, docId: duplicateKeyOf(loser), reason: 'duplicate_document', field: null, detail, document: rawDocumentLine(loser) };
}

/** The `duplicate_document` reject of a copy committed earlier in this run that `winner` replaces. */
export function supersededReject(partition: string, earlier: EarlierCopy, winner: Winner): RejectRecord {
  const line = JSON.stringify({ _id: earlier.docId, _version: earlier.version ?? undefined, note: 'a copy migrated earlier in this run, replaced by a later copy' });
  const why = winnerReason(winner, earlier);
  const detail = winner.id === earlier.docId
    ? `_id ${earlier.docId} appears more than once in the source; this earlier copy was replaced by one read later because ${why}`
    : `mapped to the same ${partition} id ${earlier.sqlId} as document ${winner.id}, which replaced it because ${why}`;
  const key = duplicateRejectKey(earlier.docId, earlier.hash === null ? `v${earlier.version ?? 'none'}` : earlier.hash.slice(0, 12));
  return { partition, docId: key, reason: 'duplicate_document', field: null, detail, document: line };
}
