import type { TransformOutcome } from '../../transforms/transform-result.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { DocumentRecord, RejectRecord, StateStore } from '../state/state-store.ts';
import { duplicateRejectKey, laterCopyWins, winnerReason } from './duplicate-rule.ts';
import { contentHash } from '../sync/content-hash.ts';
import { rawDocumentLine } from './reject-record.ts';

/** A document of a batch and what its transform made of it. */
export interface BatchItem {
  doc: SourceDocument;
  outcome: TransformOutcome;
}

/** A copy committed earlier in the same run, from the document map (`es2sql_documents`). */
interface EarlierCopy {
  docId: string;
  sqlId: string | null;
  version: number | null;
  status: string;
  /** Its content hash, when recorded (sources without `_version`). */
  hash: string | null;
}

/** What the duplicate rule made of a batch. */
export interface DuplicateResolution {
  /** The documents to commit as usual (each `_id` and each SQL id once). */
  items: BatchItem[];
  /** `duplicate_document` rejects: copies in this batch that lost, and earlier copies this batch replaces. */
  rejects: RejectRecord[];
  /** Document-map entries of earlier copies that lost to another document's SQL id. */
  records: DocumentRecord[];
  /** SQL ids of earlier copies whose rows go (the winning copy has another SQL id, or none). */
  staleSqlIds: string[];
}

const sqlIdOf = (item: BatchItem) => (item.outcome.kind === 'accepted' ? item.outcome.sqlId : null);
/**
 * The key the reject of a losing copy is stored under: its `_id` and the start of its content hash,
 * so verify finds it from the copy itself.
 */
export function duplicateKeyOf(doc: SourceDocument): string {
  return duplicateRejectKey(doc.id, contentHash(doc).slice(0, 12));
}

function loserReject(partition: string, loser: SourceDocument, winner: SourceDocument, sqlId: string | null): RejectRecord {
  const line = rawDocumentLine(loser);
  const why = winnerReason(winner, loser);
  const detail = winner.id === loser.id
    ? `_id ${loser.id} appears more than once in the source; another copy is migrated because ${why}`
    : `maps to the same ${partition} id ${sqlId} as document ${winner.id}, which is migrated because ${why}`;
  return { partition, docId: duplicateKeyOf(loser), reason: 'duplicate_document', field: null, detail, document: line };
}

function supersededReject(partition: string, earlier: EarlierCopy, winner: SourceDocument): RejectRecord {
  const line = JSON.stringify({ _id: earlier.docId, _version: earlier.version ?? undefined, note: 'a copy migrated earlier in this run, replaced by a later copy' });
  const why = winnerReason(winner, earlier);
  const detail = winner.id === earlier.docId
    ? `_id ${earlier.docId} appears more than once in the source; this earlier copy was replaced by one read later because ${why}`
    : `mapped to the same ${partition} id ${earlier.sqlId} as document ${winner.id}, which replaced it because ${why}`;
  const key = duplicateRejectKey(earlier.docId, earlier.hash === null ? `v${earlier.version ?? 'none'}` : earlier.hash.slice(0, 12));
  return { partition, docId: key, reason: 'duplicate_document', field: null, detail, document: line };
}

/** Copies of these `_id`s or SQL ids committed by this run (since `since`) in earlier batches. */
async function earlierCopies(state: StateStore, pipelineId: string, partition: string, since: string, docIds: string[], sqlIds: string[]): Promise<EarlierCopy[]> {
  if (docIds.length === 0) return [];
  const rows = await state.db
    .selectFrom('es2sql_documents as d')
    .leftJoin('es2sql_content_hashes as h', (join) =>
      join.onRef('h.pipeline_id', '=', 'd.pipeline_id').onRef('h.source_partition', '=', 'd.source_partition').onRef('h.doc_id', '=', 'd.doc_id'),
    )
    .select(['d.doc_id as doc_id', 'd.sql_id as sql_id', 'd.version as version', 'd.status as status', 'h.content_hash as hash'])
    .where('d.pipeline_id', '=', pipelineId)
    .where('d.source_partition', '=', partition)
    .where('d.synced_at', '>=', since)
    .where('d.status', '!=', 'deleted')
    .where((eb) => (sqlIds.length === 0 ? eb('d.doc_id', 'in', docIds) : eb.or([eb('d.doc_id', 'in', docIds), eb('d.sql_id', 'in', sqlIds)])))
    .execute();
  return rows.map((r) => ({
    docId: String(r.doc_id),
    sqlId: r.sql_id === null ? null : String(r.sql_id),
    version: r.version === null ? null : Number(r.version),
    status: String(r.status),
    hash: r.hash === null || r.hash === undefined ? null : String(r.hash),
  }));
}

/**
 * Applies the duplicate rule ({@link laterCopyWins}) to a batch before it is committed, so every
 * document is accounted for: copies of one `_id`, and documents mapping to one SQL id, within the
 * batch and against the copies this run committed in earlier batches or slices (the document map
 * records `_version` and SQL id per `_id`; `since` is the run's start, so a resumed run compares
 * with its own earlier batches and a new run — `--restart`, a sync — does not). The losers become
 * `duplicate_document` rejects naming the winner; an earlier copy that loses has its rows removed
 * when the winner does not overwrite them.
 */
export async function resolveDuplicates(state: StateStore, pipelineId: string, partition: string, since: string, batch: readonly BatchItem[]): Promise<DuplicateResolution> {
  const rejects: RejectRecord[] = [];
  const records: DocumentRecord[] = [];
  const staleSqlIds: string[] = [];
  const byId = new Map<string, BatchItem>();
  for (const item of batch) {
    const current = byId.get(item.doc.id);
    if (current === undefined) byId.set(item.doc.id, item);
    else if (laterCopyWins(item.doc, current.doc)) {
      rejects.push(loserReject(partition, current.doc, item.doc, null));
      byId.set(item.doc.id, item);
    } else rejects.push(loserReject(partition, item.doc, current.doc, null));
  }
  const bySqlId = new Map<string, BatchItem>();
  for (const item of byId.values()) {
    const sqlId = sqlIdOf(item);
    if (sqlId === null) continue;
    const current = bySqlId.get(sqlId);
    if (current === undefined) bySqlId.set(sqlId, item);
    else if (laterCopyWins(item.doc, current.doc)) {
      rejects.push(loserReject(partition, current.doc, item.doc, sqlId));
      byId.delete(current.doc.id);
      bySqlId.set(sqlId, item);
    } else {
      rejects.push(loserReject(partition, item.doc, current.doc, sqlId));
      byId.delete(item.doc.id);
    }
  }
  for (const earlier of await earlierCopies(state, pipelineId, partition, since, [...byId.keys()], [...bySqlId.keys()])) {
    const sameId = byId.get(earlier.docId);
    const item = sameId ?? (earlier.sqlId === null ? undefined : bySqlId.get(earlier.sqlId));
    if (item === undefined || (sameId === undefined && item.doc.id === earlier.docId)) continue;
    if (laterCopyWins(item.doc, earlier)) {
      if (earlier.status !== 'loaded') continue;
      rejects.push(supersededReject(partition, earlier, item.doc));
      if (earlier.sqlId !== null && earlier.sqlId !== sqlIdOf(item)) staleSqlIds.push(earlier.sqlId);
      if (sameId === undefined) records.push({ partition, docId: earlier.docId, sqlId: null, version: earlier.version, status: 'rejected' });
    } else {
      rejects.push(loserReject(partition, item.doc, { ...item.doc, id: earlier.docId, version: earlier.version }, earlier.sqlId));
      byId.delete(item.doc.id);
      const sqlId = sqlIdOf(item);
      if (sqlId !== null && bySqlId.get(sqlId) === item) bySqlId.delete(sqlId);
    }
  }
  const kept = new Set(byId.values());
  return { items: batch.filter((item) => kept.has(item)), rejects, records, staleSqlIds };
}
