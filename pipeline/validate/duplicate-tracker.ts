import type { MappingOutcome as TransformOutcome } from '../mapping/mapping.ts';
import { laterCopyWins, winnerReason } from '../batch/duplicate-rule.ts';
import type { SourceDocument } from '../../core/source-document.ts';

interface Copy {
  docId: string;
  version: number | null;
  accepted: boolean;
}

/** What the duplicate rule made of one document in a dry run. */
export interface TrackedOutcome {
  outcome: TransformOutcome;
  /** An earlier copy that was counted as migrated and now loses to this one (migrate rejects it). */
  superseded?: { docId: string; detail: string };
}

/**
 * The duplicate rule of `migrate` (resolve-duplicates.ts) for `validate`, over the whole read in
 * memory (one entry per `_id` and per SQL id): a later copy of an `_id`, or a document mapping to
 * an SQL id another document already has, is settled by {@link laterCopyWins}; the loser becomes
 * the `duplicate_document` reject migrate records, so the dry run predicts migrate's counts.
 */
export class DuplicateTracker {
  readonly #byId = new Map<string, Copy>();
  readonly #bySqlId = new Map<string, Copy>();

  check(partition: string, doc: SourceDocument, outcome: TransformOutcome): TrackedOutcome {
    const copy: Copy = { docId: doc.id, version: doc.version, accepted: outcome.kind === 'accepted' };
    const idKey = `${partition}\u0000${doc.id}`;
    const sqlKey = outcome.kind === 'accepted' ? `${partition}\u0000${outcome.sqlId}` : undefined;
    const earlier = this.#byId.get(idKey) ?? (sqlKey === undefined ? undefined : this.#bySqlId.get(sqlKey));
    if (earlier === undefined) {
      this.#remember(idKey, sqlKey, copy);
      return { outcome };
    }
    const sameId = earlier.docId === doc.id;
    const what = sameId ? `_id ${doc.id} appears more than once in the source` : `maps to the same ${partition} id as document ${sameId ? doc.id : earlier.docId}`;
    if (laterCopyWins(doc, earlier)) {
      this.#remember(idKey, sqlKey, copy);
      if (!earlier.accepted) return { outcome };
      earlier.accepted = false;
      return { outcome, superseded: { docId: earlier.docId, detail: `${what}; a later copy (${doc.id}) is migrated because ${winnerReason(doc, earlier)}` } };
    }
    const detail = `${what}; the copy of ${earlier.docId} read earlier is migrated because ${winnerReason(earlier, doc)}`;
    return { outcome: { kind: 'rejected', entity: outcome.entity, docId: doc.id, reason: 'duplicate_document', detail, findings: [] } };
  }

  #remember(idKey: string, sqlKey: string | undefined, copy: Copy): void {
    this.#byId.set(idKey, copy);
    if (sqlKey !== undefined) this.#bySqlId.set(sqlKey, copy);
  }
}
