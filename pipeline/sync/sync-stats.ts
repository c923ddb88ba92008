/** What sync found and did for one source partition (an entity, or `unclassified`). */
export interface PartitionSyncStats {
  /** Documents the sweep saw in the source. */
  swept: number;
  /**
   * Sweep entries written to the state database for the diff: only the new and changed ones, unless
   * the partition needed a full pass (then every id again, on top of those).
   */
  staged: number;
  /**
   * The partition was swept a second time with every id staged: the count of documents the sweep
   * found in the document map differed from the map's (documents deleted, or partition gone from the
   * source), or an id was met twice. Deletes are only ever found in such a pass.
   */
  fullPass: boolean;
  /** Changes found: `new` + `changed` + `deleted`. */
  found: number;
  /** In the source, not (or no longer: deleted earlier) in SQL. */
  new: number;
  /** `_version` (or content hash) differs from the one SQL was last written from. */
  changed: number;
  /** In SQL, gone from the source. Counted only after a complete sweep (0 otherwise). */
  deleted: number;
  /** Changes applied by this run. */
  done: number;
  /** `found − done`: left for the next run (`maxCount`, documents gone between sweep and fetch). */
  remaining: number;
  /** Applied new/changed documents that were rejected (recorded in `es2sql_rejects`). */
  rejected: number;
  /** Rows written in freezer tables: upserted rows, rows soft-deleted or deleted. */
  rows: number;
}

/** What one sync run did, returned whole by the library and printed by the CLI. */
export interface SyncStats {
  runId: string;
  /** Identifies the source index + target database pair (same as migrate's). */
  pipelineId: string;
  /** The target's freezer-api schema, e.g. `B@23c8ad2655a6`. */
  layout: string;
  deleteMode: 'soft' | 'hard';
  /** The `maxCount` of the run; null when unlimited. */
  maxCount: number | null;
  /** The run went ahead although the pipeline was cut over (`force`). */
  forced: boolean;
  partitions: Record<string, PartitionSyncStats>;
  swept: number;
  staged: number;
  found: number;
  done: number;
  remaining: number;
  rejected: number;
  rows: number;
  /** Every partition was swept to the end without an error; deletes were only applied if true. */
  sweepComplete: boolean;
  /** More changes are waiting (remaining > 0, or the sweep was incomplete): the CLI exits 1. */
  workRemains: boolean;
  elapsedMs: number;
  /** Time spent sweeping ids and versions. */
  sweepMs: number;
  /**
   * How far SQL trails Elasticsearch when the run ends: the age of the sweep SQL now matches
   * (end of run − start of sweep). Null when work remains (SQL is not in step with any sweep).
   */
  lagMs: number | null;
  /** Source requests retried and search contexts reopened. */
  retries: number;
  reopenedContexts: number;
}

export function emptyPartitionSyncStats(): PartitionSyncStats {
  return { swept: 0, staged: 0, fullPass: false, found: 0, new: 0, changed: 0, deleted: 0, done: 0, remaining: 0, rejected: 0, rows: 0 };
}

type Summed = 'swept' | 'staged' | 'found' | 'done' | 'remaining' | 'rejected' | 'rows';

/** The run totals over its partitions. */
export function sumPartitions(partitions: Record<string, PartitionSyncStats>): Record<Summed, number> {
  const total = { swept: 0, staged: 0, found: 0, done: 0, remaining: 0, rejected: 0, rows: 0 };
  for (const p of Object.values(partitions)) {
    for (const key of Object.keys(total) as Summed[]) total[key] += p[key];
  }
  return total;
}
