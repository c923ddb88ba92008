import { availableParallelism } from 'node:os';

/**
 * Batch worker threads when `--workers` is not given. With four or more cores, one stays with the
 * main thread (network and database I/O) and the others, at most four, read, transform and
 * encode. On one or two cores there is nothing to gain: measured on two cores shared with the
 * database, a worker thread cost more CPU per document (its own start-up, its own heap) than it
 * saved in time (BENCHMARKS.md), so everything stays on one thread.
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return cores <= 2 ? 0 : Math.min(4, cores - 1);
}
