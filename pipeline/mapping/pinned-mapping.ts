import type { AnyMapping, SchemaNotice } from '../mapping/mapping.ts';

/**
 * The mapping a command of a pipeline runs: a derived mapping (auto) as the pipeline's first
 * migrate stored it, so a resumed run, a sync or a verify uses the tables that run created rather
 * than a definition derived again from data that changed since. When the data would now derive a
 * different definition, one warning says what differs and how to change the stored one. Mappings
 * that are not derived, and pipelines without a stored definition, run as given.
 */
export function pinnedMapping(mapping: AnyMapping, stored: string | undefined, emit: (notice: SchemaNotice) => void): AnyMapping {
  const derived = mapping.derived;
  if (derived === undefined || stored === undefined) return mapping;
  const difference = derived.difference(stored);
  if (difference !== null) {
    emit({ type: 'warning', message: `mapping ${mapping.name}: this pipeline keeps the tables its first migrate derived; the data now derives others (${difference}); to change them: ${derived.howToChange}` });
  }
  return derived.restore(stored);
}

/** The two mappings read the source in the same partitions (a source opened for one serves the other). */
export function samePartitions(a: AnyMapping, b: AnyMapping): boolean {
  return a.partitioning.partitions.join('\u0000') === b.partitioning.partitions.join('\u0000');
}
