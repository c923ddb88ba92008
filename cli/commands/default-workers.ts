import { availableParallelism } from 'node:os';

/**
 * Batch worker threads when `--workers` is not given: one core stays with the main thread (network
 * and database I/O), the others transform and encode; more than four rarely pays, as the source and
 * the database become the limit first (BENCHMARKS.md).
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}
