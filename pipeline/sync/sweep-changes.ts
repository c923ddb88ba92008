import { DocumentMapComparison } from './document-map-comparison.ts';
import { liveDocumentCounts } from './live-document-counts.ts';
import { clearSweeps, sweepToState, type SweepJob, type SweepResult } from './sweep-to-state.ts';

/** A sweep whose staged entries are ready for the diff in SQL (change-set.ts). */
export interface SweptChanges {
  sweep: SweepResult;
  /**
   * Partitions whose every id is staged after a complete sweep (a full pass), or that the source no
   * longer has: only there can the diff find deletes. Empty after an incomplete sweep.
   */
  fullyStaged: Set<string>;
  /** Partitions that needed a full pass (swept again, or gone from the source), complete or not. */
  fullPass: Set<string>;
}

/**
 * The sweep of one sync in two steps. First every partition is compared with the document map page
 * by page and only new and changed entries are staged; counting the live documents it met settles,
 * for most partitions, that nothing was deleted (document-map-comparison.ts). Then each partition
 * where that count falls short (deleted documents), or where an id was met twice, is swept again
 * with every id staged, under the same sweep id, so that the diff finds its deletes exactly as
 * before. Nothing is swept again after an incomplete first sweep: it may not infer deletes at all.
 */
export async function sweepChanges(job: Omit<SweepJob, 'comparison'>): Promise<SweptChanges> {
  const comparison = new DocumentMapComparison({
    store: job.store,
    pipelineId: job.pipelineId,
    hashed: job.hashContent,
    liveCounts: await liveDocumentCounts(job.store, job.pipelineId),
  });
  const first = await sweepToState({ ...job, comparison });
  const fullyStaged = new Set<string>();
  const fullPass = new Set<string>();
  if (!first.complete) return { sweep: first, fullyStaged, fullPass };

  const needed = comparison.fullPassNeeded(job.partitions);
  for (const [partition, reason] of needed) {
    fullPass.add(partition);
    job.onEvent?.({ type: 'full-pass', partition, reason });
  }
  const again = job.partitions.filter((partition) => needed.has(partition));
  let sweep = first;
  if (again.length > 0) {
    // The second pass alone stands for these partitions: what the first staged goes (a document
    // deleted in between must not stay listed as changed).
    for (const partition of again) await clearSweeps(job.store, job.pipelineId, partition);
    const second = await sweepToState({ ...job, partitions: again });
    sweep = {
      complete: second.complete,
      swept: { ...first.swept, ...second.swept },
      staged: Object.fromEntries(job.partitions.map((p) => [p, (first.staged[p] ?? 0) + (second.staged[p] ?? 0)])),
      failures: second.failures,
      startedAt: first.startedAt,
      ms: Date.now() - first.startedAt,
    };
  }
  if (sweep.complete) for (const partition of needed.keys()) fullyStaged.add(partition);
  return { sweep, fullyStaged, fullPass };
}
