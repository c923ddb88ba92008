import type { StateStore } from '../state/state-store.ts';
import type { EncodedBatch } from './encoded-batch.ts';
import { SeenIds } from './seen-ids.ts';

/**
 * 2^22 bits (512 KiB): with 100k rejects in a partition (a tenth of a million documents) 0.2% of the
 * accepted ids test positive, and a positive only costs the read it would otherwise make.
 */
const FILTER_SIZE = { bitsLog2: 22, probes: 7 } as const;

/**
 * Which of a batch's migrated documents may have a reject to forget ({@link EncodedBatch.clearRejectIds}),
 * for a process that is its run's only writer (no other `--slice` process, the pipeline's lock held).
 *
 * The commit forgets a migrated document's reject with a read of the reject table for every id of
 * the batch (`state.clearRejects`). On a first run there is nothing to find, and that read was
 * most of the commit's bookkeeping: 1,000 ids per batch for PostgreSQL to plan and probe. A reject
 * the read could find was written either before this process started (a partition with any reject
 * then is read as before) or by one of this process's batches, whose reject ids pass through here
 * before their commit, the committing batch's own first. So the ids this returns are a superset of
 * those the read would find, and the rows left behind are the same.
 */
export class RunRejects {
  readonly #recorded = new SeenIds(FILTER_SIZE);
  readonly #earlier: ReadonlySet<string>;
  /** Migrated documents not looked up because no reject of theirs can exist (for tests and the benchmark). */
  skipped = 0;

  /** `earlier`: the partitions that had rejects of the pipeline when this process started. */
  constructor(earlier: Iterable<string>) {
    this.#earlier = new Set(earlier);
  }

  /** For a run about to load `partitions`: asks the state database which of them have rejects already. */
  static async open(store: StateStore, pipelineId: string, partitions: readonly string[]): Promise<RunRejects> {
    const earlier: string[] = [];
    for (const partition of partitions) if (await store.hasRejects(pipelineId, partition)) earlier.push(partition);
    return new RunRejects(earlier);
  }

  /** Learns the batch's rejects, and returns its migrated documents that may have one recorded. */
  toClear(partition: string, batch: Pick<EncodedBatch, 'rejectIds' | 'clearRejectIds'>): string[] {
    for (const id of batch.rejectIds) this.#recorded.add(partition, 'r', id);
    if (this.#earlier.has(partition)) return batch.clearRejectIds;
    const maybe = batch.clearRejectIds.filter((id) => this.#recorded.mightHave(partition, 'r', id));
    this.skipped += batch.clearRejectIds.length - maybe.length;
    return maybe;
  }
}
