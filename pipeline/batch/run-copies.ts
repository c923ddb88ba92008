import type { CopyQuery, EarlierCopy } from './earlier-copies.ts';
import { decideAgainstEarlier, type EarlierDecision } from './resolve-duplicates.ts';

/** The answer to a page's duplicate check: the decision, and the ticket its commit hands back. */
export interface CopiesAnswer {
  decision: EarlierDecision;
  ticket: number;
}

/** Asks the main thread which of a page's documents lose to copies committed earlier in the run. */
export type CopiesResolver = (partition: string, queries: CopyQuery[]) => Promise<CopiesAnswer>;

interface Pending {
  copy: EarlierCopy;
  ticket: number;
}

/**
 * The duplicate rule against the copies a migrate run already handed out (main thread, one per
 * run). Committed copies come from the document map (`lookup`); copies of pages that were checked
 * but are not committed yet (a page read ahead, another slice's page) are held here until their
 * commit ({@link committed}), so a page never misses the page just before it.
 */
export class RunCopies {
  readonly #lookup: (partition: string, queries: readonly CopyQuery[]) => Promise<EarlierCopy[]>;
  readonly #pending = new Map<string, Map<string, Pending>>();
  readonly #tickets = new Map<number, { partition: string; docIds: string[] }>();
  #nextTicket = 1;

  constructor(lookup: (partition: string, queries: readonly CopyQuery[]) => Promise<EarlierCopy[]>) {
    this.#lookup = lookup;
  }

  /** The check of one page ({@link CopiesResolver}). */
  readonly resolve: CopiesResolver = async (partition, queries) => {
    const stored = await this.#lookup(partition, queries);
    let pending = this.#pending.get(partition);
    if (pending === undefined) this.#pending.set(partition, (pending = new Map()));
    const ids = new Set(queries.map((q) => q.docId));
    const sqlIds = new Set(queries.flatMap((q) => (q.sqlId === null ? [] : [q.sqlId])));
    const held = [...pending.values()].map((p) => p.copy).filter((c) => ids.has(c.docId) || (c.sqlId !== null && sqlIds.has(c.sqlId)));
    const heldIds = new Set(held.map((c) => c.docId));
    const decision = decideAgainstEarlier(partition, queries, [...stored.filter((c) => !heldIds.has(c.docId)), ...held]);
    const ticket = this.#nextTicket++;
    const docIds: string[] = [];
    const hold = (copy: EarlierCopy) => {
      pending.set(copy.docId, { copy, ticket });
      docIds.push(copy.docId);
    };
    const lost = new Set(decision.losers.map((l) => l.index));
    queries.forEach((q, index) => lost.has(index) || hold({ docId: q.docId, sqlId: q.sqlId, version: q.version, status: q.sqlId === null ? 'rejected' : 'loaded', hash: q.hash }));
    for (const r of decision.records) hold({ docId: r.docId, sqlId: null, version: r.version, status: 'rejected', hash: null });
    this.#tickets.set(ticket, { partition, docIds });
    return { decision, ticket };
  };

  /** The page with this ticket is committed: the document map now answers for its copies. */
  committed(ticket: number): void {
    const held = this.#tickets.get(ticket);
    if (held === undefined) return;
    this.#tickets.delete(ticket);
    const pending = this.#pending.get(held.partition);
    for (const docId of held.docIds) if (pending?.get(docId)?.ticket === ticket) pending.delete(docId);
  }
}
