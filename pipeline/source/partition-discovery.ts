import type { SourcePartitioning } from '../../core/source-partitioning.ts';
import type { SourceDescription } from './document-source.ts';
import type { EsClient } from './es-client.ts';
import type { PartitionTarget } from './es-query.ts';
import type { ServerCapabilities } from './es-version.ts';
import { partitionOrder, TYPELESS_TYPE_NAMES } from './source-partition.ts';
import { SourceIndexNotFoundError } from './source-error.ts';

/** How the index named by the user holds the mapping's partitions, and where each partition is. */
export interface SourceLayout {
  layout: Exclude<SourceDescription['layout'], 'file'>;
  /** One target per partition, in load order. */
  targets: PartitionTarget[];
}

type Mappings = Record<string, { mappings?: Record<string, unknown> }>;

/**
 * Finds the partitions behind `--index <name>` for a mapping's partitioning, in this order:
 * 1. `<name>` exists and has document types (ES ≤ 5.x; a 6.x-style single custom type): one
 *    partition per type the mapping knows, other types together as `unclassified`;
 * 2. per-partition indices `<name>-<suffix>` or `<name>_<suffix>` exist: one partition per index;
 * 3. `<name>` exists without types (`_doc`): all partitions, split by the mapping's typeless queries.
 * Otherwise SourceIndexNotFoundError lists the indices that do exist.
 */
export async function discoverLayout(client: EsClient, capabilities: ServerCapabilities, index: string, partitioning: SourcePartitioning): Promise<SourceLayout> {
  const mappings = await readMappings(client, capabilities, index);
  if (mappings !== null) {
    const types = typesOf(mappings);
    if (types.length > 0 && !types.every((type) => TYPELESS_TYPE_NAMES.includes(type))) return typedLayout(index, types, partitioning);
  }
  const perEntity = await perEntityTargets(client, index, partitioning);
  if (perEntity.length > 0) return { layout: 'per-entity', targets: perEntity };
  if (mappings !== null) {
    return { layout: 'typeless', targets: partitionOrder(partitioning).map((partition) => ({ partition, index, types: null, query: partitioning.typelessQuery(partition) })) };
  }
  throw new SourceIndexNotFoundError(client.display, index, await existingIndices(client), { perEntityChecked: true });
}

async function readMappings(client: EsClient, capabilities: ServerCapabilities, index: string): Promise<Mappings | null> {
  const answer = await client.retrying(`mapping of index "${index}"`, () =>
    client.send<Mappings>({
      method: 'GET',
      path: `/${encodeURIComponent(index)}/_mapping`,
      querystring: capabilities.includeTypeName ? { include_type_name: true } : {},
      operation: `read the mapping of index "${index}"`,
      ignore: [404],
    }),
  );
  if (answer.status === 404) return null;
  if (typeof answer.body !== 'object' || answer.body === null || Object.keys(answer.body).length === 0) return null;
  return answer.body;
}

/** Type names over all concrete indices; none for typeless mappings (ES 8, or 7 without types). */
function typesOf(mappings: Mappings): string[] {
  const types = new Set<string>();
  for (const concrete of Object.values(mappings)) {
    const byType = concrete.mappings ?? {};
    // A typeless mapping has `properties`/`dynamic`/… at this level instead of type names.
    if ('properties' in byType || '_source' in byType || 'dynamic' in byType) continue;
    for (const type of Object.keys(byType)) if (type !== '_default_') types.add(type);
  }
  return [...types].sort();
}

function typedLayout(index: string, types: string[], partitioning: SourcePartitioning): SourceLayout {
  const targets: PartitionTarget[] = [];
  for (const partition of partitioning.partitions) {
    const mine = types.filter((type) => partitioning.partitionOfType(type) === partition);
    if (mine.length > 0) targets.push({ partition, index, types: mine, query: null });
  }
  const others = types.filter((type) => partitioning.partitionOfType(type) === null);
  if (others.length > 0) targets.push({ partition: 'unclassified', index, types: others, query: null });
  return { layout: types.length > 1 ? 'multi-type' : 'single-type', targets };
}

async function perEntityTargets(client: EsClient, index: string, partitioning: SourcePartitioning): Promise<PartitionTarget[]> {
  const targets: PartitionTarget[] = [];
  for (const partition of partitioning.partitions) {
    const suffix = partitioning.indexSuffixes[partition];
    if (suffix === undefined) continue;
    for (const name of [`${index}-${suffix}`, `${index}_${suffix}`]) {
      if (await indexExists(client, name)) {
        targets.push({ partition, index: name, types: null, query: null });
        break;
      }
    }
  }
  return targets;
}

async function indexExists(client: EsClient, name: string): Promise<boolean> {
  const answer = await client.retrying(`look for index "${name}"`, () =>
    client.send<boolean>({ method: 'HEAD', path: `/${encodeURIComponent(name)}`, operation: `look for index "${name}"`, ignore: [404] }),
  );
  return answer.status === 200;
}

/** Index names for the "not found" message, hidden (`.`) ones left out. */
async function existingIndices(client: EsClient): Promise<string[]> {
  try {
    const text = await client.request<string>({ method: 'GET', path: '/_cat/indices', querystring: { h: 'index' }, operation: 'list indices' });
    return String(text)
      .split('\n')
      .map((line) => line.trim())
      .filter((name) => name !== '' && !name.startsWith('.'))
      .sort();
  } catch {
    return [];
  }
}
