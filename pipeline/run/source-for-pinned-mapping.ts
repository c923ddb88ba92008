import type { AnyMapping } from '../mapping/mapping.ts';
import { samePartitions } from '../mapping/pinned-mapping.ts';
import type { DocumentSource, SourceDescription } from '../source/document-source.ts';
import { openSource } from '../source/open-source.ts';
import type { SourceSpec } from '../source/source-spec.ts';

/**
 * The source a command reads once its mapping is pinned (pinnedMapping): the one already open when
 * the stored definition reads the same partitions as the mapping it was opened for, else that one
 * closed and the source opened again for the pinned mapping's partitions.
 */
export async function sourceForPinnedMapping(
  open: { source: DocumentSource; description: SourceDescription },
  given: AnyMapping,
  pinned: AnyMapping,
  spec: SourceSpec,
): Promise<{ source: DocumentSource; description: SourceDescription }> {
  if (samePartitions(given, pinned)) return open;
  await open.source.close();
  const source = await openSource(spec, pinned.partitioning);
  return { source, description: await source.describe() };
}
