import { FREEZER_PARTITIONING } from '../../core/classify.ts';
import type { JsonObject } from '../../core/json-value.ts';
import { UNCLASSIFIED, type SourcePartitioning } from '../../core/source-partitioning.ts';

/** A partition of the source: one of the mapping's, or the documents none of them claims. */
export type SourcePartition = string;

/**
 * The partitioning a source uses when its opener names none: Freezer's, es2sql's original
 * behaviour (library callers and tests that predate mappings). Commands always pass the mapping's.
 */
export const DEFAULT_PARTITIONING: SourcePartitioning = FREEZER_PARTITIONING;

/** Every partition of a partitioning, in the order the pipeline loads them, `unclassified` last. */
export function partitionOrder(partitioning: SourcePartitioning = DEFAULT_PARTITIONING): SourcePartition[] {
  return [...partitioning.partitions, UNCLASSIFIED];
}

/** The partitions of {@link DEFAULT_PARTITIONING} in load order, `unclassified` last. */
export const PARTITION_ORDER: readonly SourcePartition[] = partitionOrder(DEFAULT_PARTITIONING);

/**
 * `_type` names that mean "no real type": ES 7's `_doc` and the `doc` that 6.x-era tooling used.
 * Documents of such a type are classified by content, like typeless ones.
 */
export const TYPELESS_TYPE_NAMES: readonly string[] = ['_doc', 'doc'];

export function isSourcePartition(value: unknown, partitioning: SourcePartitioning = DEFAULT_PARTITIONING): value is SourcePartition {
  return typeof value === 'string' && (value === UNCLASSIFIED || partitioning.partitions.includes(value));
}

/**
 * The partition of one document: its `_type`'s partition when it has a type, its content's
 * classification when it has no type (or `_doc`), and `unclassified` for any other type.
 */
export function partitionOfDocument(type: string | null | undefined, source: JsonObject, partitioning: SourcePartitioning = DEFAULT_PARTITIONING, index?: string): SourcePartition {
  if (type === null || type === undefined || TYPELESS_TYPE_NAMES.includes(type)) {
    return partitioning.classify(source, index) ?? UNCLASSIFIED;
  }
  return partitioning.partitionOfType(type) ?? UNCLASSIFIED;
}

/** Partitions sorted in load order, without duplicates (names that are not partitions are left out). */
export function sortPartitions(partitions: Iterable<string>, partitioning: SourcePartitioning = DEFAULT_PARTITIONING): SourcePartition[] {
  const present = new Set<string>(partitions);
  return partitionOrder(partitioning).filter((partition) => present.has(partition));
}
