import type { MappingOutcome as TransformOutcome } from '../mapping/mapping.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { DocumentRecord, RejectRecord } from '../state/state-writes.ts';
import { contentHash } from '../sync/content-hash.ts';
import { loserReject, supersededReject, type Winner } from './duplicate-rejects.ts';
import { laterCopyWins } from './duplicate-rule.ts';
import type { CopyQuery, EarlierCopy } from './earlier-copies.ts';

/** A document of a page and what its transform made of it. */
export interface BatchItem {
  doc: SourceDocument;
  outcome: TransformOutcome;
  /** The content hash of a document without `_version`, once computed (it is needed twice). */
  hash?: string;
}

/** A page after the duplicate rule: what to commit as usual, and what the rule adds. */
export interface ResolvedItems {
  /** The documents to commit as usual (each `_id` and each SQL id once). */
  items: BatchItem[];
  /** `duplicate_document` rejects: copies in this page that lost, and earlier copies this page replaces. */
  rejects: RejectRecord[];
  /** Document-map entries of earlier copies that lost to another document's SQL id. */
  records: DocumentRecord[];
  /** SQL ids of earlier copies whose rows go (the winning copy has another SQL id, or none). */
  staleSqlIds: string[];
}

/** What the check against earlier copies decided: plain data (it may cross threads). */
export interface EarlierDecision {
  /** Documents of the page (by index into its queries) that lose to an earlier copy. */
  losers: { index: number; winner: Winner; sqlId: string | null }[];
  rejects: RejectRecord[];
  records: DocumentRecord[];
  staleSqlIds: string[];
}

const sqlIdOf = (item: BatchItem) => (item.outcome.kind === 'accepted' ? item.outcome.sqlId : null);

/**
 * The duplicate rule ({@link laterCopyWins}) within one page, pure: copies of one `_id`, then
 * documents mapping to one SQL id; the losers become `duplicate_document` rejects naming the winner.
 */
export function resolveWithinPage(partition: string, batch: readonly BatchItem[]): ResolvedItems {
  const rejects: RejectRecord[] = [];
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
  const kept = new Set(byId.values());
  return { items: batch.filter((item) => kept.has(item)), rejects, records: [], staleSqlIds: [] };
}

/** The page's documents as the check against earlier copies needs them. */
export function copyQueries(items: readonly BatchItem[]): CopyQuery[] {
  return items.map((item) => {
    if (item.doc.version === null) item.hash ??= contentHash(item.doc);
    return { docId: item.doc.id, version: item.doc.version, sqlId: sqlIdOf(item), hash: item.hash ?? null };
  });
}

/**
 * The duplicate rule against copies this run committed in earlier pages or slices (`earlier`, from
 * the document map), over plain data: a page document that loses is dropped (its reject is made
 * where the document is, {@link applyEarlierDecision}); an earlier copy that loses gets its reject
 * here, and its rows go when the winner does not overwrite them.
 */
export function decideAgainstEarlier(partition: string, queries: readonly CopyQuery[], earlier: readonly EarlierCopy[]): EarlierDecision {
  const decision: EarlierDecision = { losers: [], rejects: [], records: [], staleSqlIds: [] };
  const byId = new Map(queries.map((q, index) => [q.docId, index]));
  const bySqlId = new Map<string, number>();
  queries.forEach((q, index) => q.sqlId !== null && bySqlId.set(q.sqlId, index));
  for (const copy of earlier) {
    const sameId = byId.get(copy.docId);
    const index = sameId ?? (copy.sqlId === null ? undefined : bySqlId.get(copy.sqlId));
    if (index === undefined) continue;
    const query = queries[index]!;
    if (sameId === undefined && query.docId === copy.docId) continue;
    const winner = { id: query.docId, version: query.version };
    if (laterCopyWins(query, copy)) {
      if (copy.status !== 'loaded') continue;
      decision.rejects.push(supersededReject(partition, copy, winner));
      if (copy.sqlId !== null && copy.sqlId !== query.sqlId) decision.staleSqlIds.push(copy.sqlId);
      if (sameId === undefined) decision.records.push({ partition, docId: copy.docId, sqlId: null, version: copy.version, status: 'rejected' });
    } else {
      decision.losers.push({ index, winner: { id: copy.docId, version: copy.version }, sqlId: copy.sqlId });
      byId.delete(query.docId);
      if (query.sqlId !== null && bySqlId.get(query.sqlId) === index) bySqlId.delete(query.sqlId);
    }
  }
  return decision;
}

/** Applies a {@link decideAgainstEarlier} decision to the page it was made for. */
export function applyEarlierDecision(partition: string, page: ResolvedItems, decision: EarlierDecision): ResolvedItems {
  const lost = new Map(decision.losers.map((l) => [l.index, l]));
  const rejects = [...page.rejects];
  for (const [index, loser] of lost) rejects.push(loserReject(partition, page.items[index]!.doc, loser.winner, loser.sqlId));
  rejects.push(...decision.rejects);
  return {
    items: page.items.filter((_, index) => !lost.has(index)),
    rejects,
    records: [...page.records, ...decision.records],
    staleSqlIds: [...page.staleSqlIds, ...decision.staleSqlIds],
  };
}
