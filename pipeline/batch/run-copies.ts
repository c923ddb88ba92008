import type { CopyQuery, EarlierCopy } from './earlier-copies.ts';
import { decideAgainstEarlier, type EarlierDecision } from './resolve-duplicates.ts';
import { SeenIds } from './seen-ids.ts';

/** The answer to a page's duplicate check: the decision, and the ticket its commit hands back. */
export interface CopiesAnswer {
  decision: EarlierDecision;
  ticket: number;
}

/**
 * Asks the main thread which of a page's documents lose to copies committed earlier in the run.
 * The answer is immediate (no promise) when the run knows no page document can have an earlier copy.
 */
export type CopiesResolver = (partition: string, queries: CopyQuery[]) => CopiesAnswer | Promise<CopiesAnswer>;

/** A copy committed earlier in the run, as {@link RunCopies.seed} needs it. */
export interface CopyKey {
  partition: string;
  docId: string;
  sqlId: string | null;
}

interface Pending {
  copy: EarlierCopy;
  ticket: number;
}

const NO_DECISION: EarlierDecision = Object.freeze({ losers: [], rejects: [], records: [], staleSqlIds: [] }) as unknown as EarlierDecision;

/**
 * The duplicate rule against the copies a migrate run already handed out (main thread, one per
 * run). Committed copies come from the document map (`lookup`); copies of pages that were checked
 * but are not committed yet (a page read ahead, another slice's page) are held here until their
 * commit ({@link committed}), so a page never misses the page just before it.
 *
 * When this process is the run's only writer (`exclusive`), every `_id` and SQL id it handed out
 * goes into a fixed-size filter ({@link SeenIds}; a resumed run first {@link seed}s it with the
 * copies committed before the crash). A page none of whose ids the filter has seen cannot have an
 * earlier copy: it is answered at once, without the document-map query — on an index whose `_id`s
 * are unique that is every page, and the page's documents are not held across a database round
 * trip. Pages with a possible earlier copy ask the document map for those documents only.
 */
export class RunCopies {
  readonly #lookup: (partition: string, queries: readonly CopyQuery[]) => Promise<EarlierCopy[]>;
  readonly #pending = new Map<string, Map<string, Pending>>();
  readonly #tickets = new Map<number, { partition: string; docIds: string[] }>();
  /** Set while the filter knows every copy of the run (exclusive writer, seeded when resumed). */
  readonly #seen: SeenIds | undefined;
  #nextTicket = 1;
  /** Pages answered without the document map (for tests and the benchmark). */
  skippedLookups = 0;

  constructor(lookup: (partition: string, queries: readonly CopyQuery[]) => Promise<EarlierCopy[]>, options: { exclusive: boolean } = { exclusive: false }) {
    this.#lookup = lookup;
    this.#seen = options.exclusive ? new SeenIds() : undefined;
  }

  /** Adds copies committed before this process started (a resumed run) to the filter. */
  async seed(keys: AsyncIterable<CopyKey>): Promise<number> {
    let n = 0;
    for await (const key of keys) {
      this.#remember(key.partition, key.docId, key.sqlId);
      n++;
    }
    return n;
  }

  #remember(partition: string, docId: string, sqlId: string | null): void {
    if (this.#seen === undefined) return;
    this.#seen.add(partition, 'd', docId);
    if (sqlId !== null) this.#seen.add(partition, 's', sqlId);
  }

  /**
   * Remembers a page document's ids and tells whether the filter might have held either before
   * (always true without a filter). Remembered before the answer: every id the page names is handed
   * out by it, losers included (a superset only costs a lookup).
   */
  #rememberQuery(partition: string, query: CopyQuery): boolean {
    const seen = this.#seen;
    if (seen === undefined) return true;
    const docIdSeen = seen.add(partition, 'd', query.docId);
    return (query.sqlId !== null && seen.add(partition, 's', query.sqlId)) || docIdSeen;
  }

  /** The check of one page ({@link CopiesResolver}). */
  readonly resolve: CopiesResolver = (partition, queries) => {
    const suspects = queries.filter((q) => this.#rememberQuery(partition, q));
    if (suspects.length === 0) {
      this.skippedLookups++;
      return this.#answer(partition, queries, NO_DECISION);
    }
    return this.#lookup(partition, suspects).then((stored) => {
      const pending = this.#pendingOf(partition);
      const ids = new Set(queries.map((q) => q.docId));
      const sqlIds = new Set(queries.flatMap((q) => (q.sqlId === null ? [] : [q.sqlId])));
      const held = [...pending.values()].map((p) => p.copy).filter((c) => ids.has(c.docId) || (c.sqlId !== null && sqlIds.has(c.sqlId)));
      const heldIds = new Set(held.map((c) => c.docId));
      return this.#answer(partition, queries, decideAgainstEarlier(partition, queries, [...stored.filter((c) => !heldIds.has(c.docId)), ...held]));
    });
  };

  #pendingOf(partition: string): Map<string, Pending> {
    let pending = this.#pending.get(partition);
    if (pending === undefined) this.#pending.set(partition, (pending = new Map()));
    return pending;
  }

  /** Holds the page's copies until its commit, remembers them, and hands out the ticket. */
  #answer(partition: string, queries: readonly CopyQuery[], decision: EarlierDecision): CopiesAnswer {
    const pending = this.#pendingOf(partition);
    const ticket = this.#nextTicket++;
    const docIds: string[] = [];
    const hold = (copy: EarlierCopy) => {
      pending.set(copy.docId, { copy, ticket });
      docIds.push(copy.docId);
    };
    const lost = new Set(decision.losers.map((l) => l.index));
    queries.forEach((q, index) => lost.has(index) || hold({ docId: q.docId, sqlId: q.sqlId, version: q.version, status: q.sqlId === null ? 'rejected' : 'loaded', hash: q.hash }));
    for (const r of decision.records) {
      this.#remember(partition, r.docId, null);
      hold({ docId: r.docId, sqlId: null, version: r.version, status: 'rejected', hash: null });
    }
    this.#tickets.set(ticket, { partition, docIds });
    return { decision, ticket };
  }

  /** The page with this ticket is committed: the document map now answers for its copies. */
  committed(ticket: number): void {
    const held = this.#tickets.get(ticket);
    if (held === undefined) return;
    this.#tickets.delete(ticket);
    const pending = this.#pending.get(held.partition);
    for (const docId of held.docIds) if (pending?.get(docId)?.ticket === ticket) pending.delete(docId);
  }
}
