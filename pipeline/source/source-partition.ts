import { classifyDocument, entityOfType } from '../../core/classify.ts';
import { ENTITIES, type Entity } from '../../core/entity.ts';
import type { JsonObject } from '../../core/json-value.ts';

/** A partition of the source: one entity, or the documents no rule recognises. */
export type SourcePartition = Entity | 'unclassified';

/** Every partition, in the order the pipeline loads them (foreign-key safe), `unclassified` last. */
export const PARTITION_ORDER: readonly SourcePartition[] = [...ENTITIES, 'unclassified'];

/**
 * `_type` names that mean "no real type": ES 7's `_doc` and the `doc` that 6.x-era tooling used.
 * Documents of such a type are classified by content, like typeless ones.
 */
export const TYPELESS_TYPE_NAMES: readonly string[] = ['_doc', 'doc'];

export function isSourcePartition(value: unknown): value is SourcePartition {
  return typeof value === 'string' && (PARTITION_ORDER as readonly string[]).includes(value);
}

/**
 * The partition of one document: its Freezer `_type` when it has one, its content's classification
 * when it has no type (or `_doc`), and `unclassified` for any other type.
 */
export function partitionOfDocument(type: string | null | undefined, source: JsonObject): SourcePartition {
  if (type === null || type === undefined || TYPELESS_TYPE_NAMES.includes(type)) {
    return classifyDocument(source) ?? 'unclassified';
  }
  return entityOfType(type) ?? 'unclassified';
}

/** Partitions sorted in {@link PARTITION_ORDER}, without duplicates (names that are not partitions are left out). */
export function sortPartitions(partitions: Iterable<string>): SourcePartition[] {
  const present = new Set<string>(partitions);
  return PARTITION_ORDER.filter((partition) => present.has(partition));
}
