import { sql } from 'kysely';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import type { StateStore } from './state-store.ts';

/**
 * The tables and columns a page's lookups filter on. Only these: the rejects' `document` and
 * `detail` texts made a whole-table analyse cost 0.75 s at 1M documents.
 */
const LOOKUP_COLUMNS = [
  'es2sql_documents (pipeline_id, source_partition, doc_id, sql_id, status, synced_at)',
  'es2sql_content_hashes (pipeline_id, source_partition, doc_id)',
  'es2sql_rejects (pipeline_id, source_partition, doc_id)',
].join(', ');

/**
 * The statistics target of these analyses: a sample of 300 × 10 rows instead of 300 × 100. Enough
 * to know how many rows each partition has, which is all the lookups' plans depend on; the sample
 * of 30,000 rows took 0.55 s a time at 1M documents. The analyse at the end of the migrate uses
 * the server's own target.
 */
const STATISTICS_TARGET = 10;

/** A partition's state rows are analysed first when this many of its documents are committed… */
const FIRST_ANALYSE = 2_000;
/** …and again each time its committed documents have grown this many times over. */
const GROWTH = 4;

/**
 * Keeps PostgreSQL's statistics of the state tables a migrate fills in step with the load, once the
 * migrate looks documents up there: earlier copies for the duplicate rule, and earlier rejects to
 * clear. The statistics of a table filled since its last analyse know nothing of the partition
 * being loaded, so PostgreSQL estimated one row for `(pipeline_id, source_partition)` and scanned
 * the whole partition with the ids as a filter instead of looking them up in the primary key: at
 * 1M documents, 98 lookups of a single id took 0.5–1.2 s each (120 s of the database's time) and
 * clearing rejects 0.3 s a page. Analysing when a partition's committed documents reach 2,000,
 * then 4× as many again, is a few analyses per partition, of the lookup columns only
 * ({@link LOOKUP_COLUMNS}) from a small sample ({@link STATISTICS_TARGET}), run beside the load
 * (one at a time, never awaited by a commit). A failed analyse only leaves the statistics as they
 * were. MySQL/MariaDB and SQLite need none of it.
 *
 * A run that never looks anything up (a first migrate by one process: its filters answer every
 * page, run-copies.ts and run-rejects.ts) has no use for them: the eight analyses of a 100k-document
 * migrate took 0.38 s of PostgreSQL's CPU, a tenth of what the database spent on the whole run. So
 * the analyses start with the first lookup ({@link beforeLookup}), which waits for the one it starts
 * (the statistics then describe every partition committed so far); from then on they follow the
 * load as described. The completed migrate's own analyse (planner-statistics.ts) is unchanged.
 */
export class StatisticsDuringLoad {
  readonly #store: StateStore;
  readonly #enabled: boolean;
  readonly #committed = new Map<string, number>();
  readonly #analysedAt = new Map<string, number>();
  #running: Promise<void> | null = null;
  /** A lookup has run (or is about to): analyses follow the load from now on. */
  #lookingUp = false;

  constructor(store: StateStore) {
    this.#store = store;
    this.#enabled = dialectFacts(store.dialect).plannerNeedsAnalyze;
  }

  /** `documents` of `partition` were committed. */
  committed(partition: string, documents: number): void {
    if (!this.#enabled) return;
    this.#committed.set(partition, (this.#committed.get(partition) ?? 0) + documents);
    if (this.#lookingUp) this.#analyseIfDue();
  }

  /**
   * A lookup in the state tables is about to run. The first one starts the analyses that are due
   * and returns the analyse to wait for; later ones return undefined (analyses then run beside the
   * load, started by {@link committed}).
   */
  beforeLookup(): Promise<void> | undefined {
    if (!this.#enabled || this.#lookingUp) return undefined;
    this.#lookingUp = true;
    this.#analyseIfDue();
    return this.#running ?? undefined;
  }

  #analyseIfDue(): void {
    if (this.#running !== null) return;
    let due = false;
    for (const [partition, total] of this.#committed) {
      const last = this.#analysedAt.get(partition);
      if (last === undefined ? total >= FIRST_ANALYSE : total >= GROWTH * last) {
        this.#analysedAt.set(partition, total);
        due = true;
      }
    }
    if (!due) return;
    this.#running = this.#store.db
      .transaction()
      .execute(async (tx) => {
        await sql.raw(`SET LOCAL default_statistics_target = ${STATISTICS_TARGET}`).execute(tx);
        await sql.raw(`ANALYZE ${LOOKUP_COLUMNS}`).execute(tx);
      })
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.#running = null;
      });
  }

  /** Waits for an analyse under way (before the state store closes). */
  async settled(): Promise<void> {
    await this.#running;
  }
}
