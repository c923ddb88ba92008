import type { DocumentSource, SourcePartition } from '../source/document-source.ts';
import type { StateStore } from '../state/state-store.ts';
import type { SqlValue } from '../../core/mapped-rows.ts';
import { withDatabaseRetries } from '../batch/transient-database-error.ts';
import { laterCopyWins } from '../batch/duplicate-rule.ts';
import { contentHash } from './content-hash.ts';
import type { DocumentMapComparison, KeyedEntry } from './document-map-comparison.ts';
import type { SyncEventListener } from './sync-events.ts';

/** What one sweep saw. */
export interface SweepResult {
  /** Every partition was read to the end of every slice without an error. */
  complete: boolean;
  /** Documents seen per partition. */
  swept: Record<string, number>;
  /** Entries written to `es2sql_sweep` per partition (every one, or with a comparison only the new and changed). */
  staged: Record<string, number>;
  failures: { partition: string; error: Error }[];
  startedAt: number;
  ms: number;
}

export interface SweepJob {
  source: DocumentSource;
  store: StateStore;
  pipelineId: string;
  sweepId: string;
  partitions: readonly SourcePartition[];
  slices: number;
  pageSize: number;
  /**
   * Read whole documents and hash those without `_version` (file sources, where a sweep costs the
   * same as a read anyway). Elasticsearch always reports `_version`, so its sweeps skip `_source`.
   */
  hashContent: boolean;
  /** Stage only what differs from the document map (and count what it holds); without it, every id is staged. */
  comparison?: DocumentMapComparison;
  signal?: AbortSignal;
  onEvent?: SyncEventListener;
}

const COLUMNS = ['sweep_id', 'pipeline_id', 'source_partition', 'doc_id', 'version', 'content_hash'];

async function* entriesOf(job: SweepJob, partition: SourcePartition, slice: number, slices: number): AsyncGenerator<KeyedEntry[]> {
  const options = { pageSize: job.pageSize, signal: job.signal };
  if (job.hashContent) {
    for await (const page of job.source.read(partition, slice, slices, null, options)) {
      yield page.documents.map((doc) => ({ id: doc.id, version: doc.version, hash: doc.version === null ? contentHash(doc) : null }));
    }
    return;
  }
  for await (const page of job.source.sweep(partition, slice, slices, null, options)) {
    yield page.entries;
  }
}

/** Writes sweep entries (ids unique among them) to `es2sql_sweep`; an entry staged before is replaced. */
export async function stageEntries(
  scope: { store: StateStore; pipelineId: string; sweepId: string },
  partition: string,
  entries: readonly KeyedEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const rows: SqlValue[][] = entries.map((e) => [scope.sweepId, scope.pipelineId, partition, e.id, e.version, e.hash ?? null]);
  await withDatabaseRetries(() =>
    scope.store.adapter.transaction((tx) => tx.write({ table: 'es2sql_sweep', columns: COLUMNS, rows, primaryKey: ['sweep_id', 'source_partition', 'doc_id'], mode: 'upsert' })),
  );
}

interface PartitionTally {
  swept: number;
  staged: number;
}

/**
 * One statement must not carry the same key twice (a dump can repeat an id): the copy migrate keeps
 * wins (duplicate-rule.ts: highest _version, else the last read). Pages are upserts too: an
 * Elasticsearch sweep can also meet an id twice while documents change (a plain insert failed on
 * es2sql_sweep's key in CI, with edits under way).
 */
function uniqueEntries(entries: readonly KeyedEntry[]): readonly KeyedEntry[] {
  const unique = new Map<string, KeyedEntry>();
  for (const e of entries) {
    const earlier = unique.get(e.id);
    if (earlier === undefined || laterCopyWins(e, earlier)) unique.set(e.id, e);
  }
  // The usual case, no id twice: the page itself, not a copy of it.
  return unique.size === entries.length ? entries : [...unique.values()];
}

async function sweepSlice(job: SweepJob, partition: SourcePartition, slice: number, slices: number, tally: PartitionTally): Promise<void> {
  for await (const entries of entriesOf(job, partition, slice, slices)) {
    const unique = uniqueEntries(entries);
    const staged = job.comparison === undefined ? unique : await job.comparison.select(partition, unique);
    await stageEntries(job, partition, staged);
    tally.swept += entries.length;
    tally.staged += staged.length;
  }
}

/** One slice of a sweep of a whole index shared by `group`'s partitions, each page placed by the comparison. */
async function sweepIndexSlice(job: SweepJob & { comparison: DocumentMapComparison }, group: readonly SourcePartition[], slice: number, slices: number, tallies: Map<string, PartitionTally>): Promise<void> {
  const source = job.source;
  const options = { pageSize: job.pageSize, signal: job.signal };
  for await (const page of source.sweepIndex!(group, slice, slices, options)) {
    const routed = await job.comparison.route(group, uniqueEntries(page.entries), (ids) => source.partitionsOf!(group, ids));
    for (const [partition, { met, staged }] of routed) {
      await stageEntries(job, partition, staged);
      const tally = tallies.get(partition)!;
      tally.swept += met;
      tally.staged += staged.length;
    }
  }
}

/**
 * Streams the id and `_version` (or content hash) of every document of every partition, all
 * partitions and slices in parallel, page by page: memory holds one page per slice, never the
 * index's ids. Every entry (or, with a comparison, only those new or changed against the document
 * map) is staged in `es2sql_sweep` under `sweepId`. A slice that fails (ES error, shard failure that outlived its retries,
 * abort) makes the sweep incomplete; the other slices still finish, so the changes they saw can be
 * applied, but an incomplete sweep must never be used to infer deletes.
 */
export async function sweepToState(job: SweepJob): Promise<SweepResult> {
  const startedAt = Date.now();
  const swept: Record<string, number> = {};
  const staged: Record<string, number> = {};
  const failures: SweepResult['failures'] = [];
  const finish = (partition: SourcePartition, tally: PartitionTally, error: Error | undefined) => {
    swept[partition] = tally.swept;
    staged[partition] = tally.staged;
    if (error !== undefined) failures.push({ partition, error });
    job.onEvent?.({ type: 'sweep-done', partition, swept: tally.swept, staged: tally.staged, fullPass: job.comparison === undefined, complete: error === undefined, ...(error ? { error: error.message.split('\n')[0] } : {}) });
  };
  // Partitions that share a typeless index are swept together, once, when the sweep compares with
  // the document map (which places the entries); the others, and every full pass, one by one.
  const comparison = job.comparison;
  const groups = comparison === undefined || job.hashContent ? [] : (job.source.sharedSweeps?.(job.partitions) ?? []);
  const grouped = new Set(groups.flat());
  // Partitions run side by side: the small ones' fixed costs (contexts opened and closed) hide behind the big one.
  const sweepGroup = async (group: SourcePartition[]) => {
    const tallies = new Map(group.map((partition) => [partition as string, { swept: 0, staged: 0 }]));
    let error: Error | undefined;
    try {
      const slices = await job.source.sliceCount(group[0]!, job.slices);
      const results = await Promise.allSettled(Array.from({ length: slices }, (_, slice) => sweepIndexSlice({ ...job, comparison: comparison! }, group, slice, slices, tallies)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed !== undefined) error = failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
    } catch (caught) {
      error = caught instanceof Error ? caught : new Error(String(caught));
    }
    for (const partition of group) finish(partition, tallies.get(partition)!, error);
  };
  await Promise.all([
    ...groups.map(sweepGroup),
    ...job.partitions.filter((partition) => !grouped.has(partition)).map(async (partition) => {
      const tally: PartitionTally = { swept: 0, staged: 0 };
      let error: Error | undefined;
      try {
        const slices = await job.source.sliceCount(partition, job.slices);
        const results = await Promise.allSettled(Array.from({ length: slices }, (_, slice) => sweepSlice(job, partition, slice, slices, tally)));
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed !== undefined) error = failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
      } catch (caught) {
        error = caught instanceof Error ? caught : new Error(String(caught));
      }
      finish(partition, tally, error);
    }),
  ]);
  // Report the first failure in partition order, whichever finished first.
  failures.sort((a, b) => job.partitions.indexOf(a.partition as SourcePartition) - job.partitions.indexOf(b.partition as SourcePartition));
  return { complete: failures.length === 0, swept, staged, failures, startedAt, ms: Date.now() - startedAt };
}

/** Removes a pipeline's sweep rows (this run's, and any a crashed run left behind); with `partition`, that partition's only. */
export async function clearSweeps(store: StateStore, pipelineId: string, partition?: string): Promise<void> {
  await withDatabaseRetries(() => {
    let query = store.db.deleteFrom('es2sql_sweep').where('pipeline_id', '=', pipelineId);
    if (partition !== undefined) query = query.where('source_partition', '=', partition);
    return query.execute();
  });
}
