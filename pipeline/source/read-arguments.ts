import type { ReadOptions } from './document-source.ts';
import { SourceUsageError } from './source-error.ts';
import type { SourcePartitioning } from '../../core/source-partitioning.ts';
import { isSourcePartition, type SourcePartition } from './source-partition.ts';

/** Elasticsearch's default `index.max_result_window`: no page may be larger. */
export const MAX_PAGE_SIZE = 10_000;

/** Refuses read/sweep arguments that cannot be right, before anything is sent. */
export function checkReadArguments(partition: SourcePartition, slice: number, slices: number, options: ReadOptions, partitioning?: SourcePartitioning): void {
  if (!isSourcePartition(partition, partitioning)) throw new SourceUsageError(`unknown partition "${String(partition)}"`);
  if (!Number.isInteger(slices) || slices < 1) throw new SourceUsageError(`slice count must be a positive integer, got ${slices}`);
  if (!Number.isInteger(slice) || slice < 0 || slice >= slices) throw new SourceUsageError(`slice must be an integer from 0 to ${slices - 1}, got ${slice}`);
  if (!Number.isInteger(options.pageSize) || options.pageSize < 1 || options.pageSize > MAX_PAGE_SIZE) {
    throw new SourceUsageError(`page size must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${options.pageSize}`);
  }
}
