import { ENTITIES, isEntity } from '../../core/entity.ts';
import type { SourceDescription } from './document-source.ts';
import type { EsClient } from './es-client.ts';
import { classificationQuery, type PartitionTarget } from './es-query.ts';
import type { ServerCapabilities } from './es-version.ts';
import { PARTITION_ORDER, TYPELESS_TYPE_NAMES } from './source-partition.ts';
import { SourceIndexNotFoundError } from './source-error.ts';

/** How the index named by the user holds Freezer's entities, and where each partition is. */
export interface SourceLayout {
  layout: Exclude<SourceDescription['layout'], 'file'>;
  /** One target per partition, in PARTITION_ORDER. */
  targets: PartitionTarget[];
}

type Mappings = Record<string, { mappings?: Record<string, unknown> }>;

/**
 * Finds the partitions behind `--index <name>`, in this order:
 * 1. `<name>` exists and has document types (ES ≤ 5.x; a 6.x-style single custom type): one
 *    partition per Freezer type, other types together as `unclassified`;
 * 2. per-entity indices `<name>-<entity>` or `<name>_<entity>` exist: one partition per index;
 * 3. `<name>` exists without types (`_doc`): all partitions, split by CLASSIFICATION_RULES queries.
 * Otherwise SourceIndexNotFoundError lists the indices that do exist.
 */
export async function discoverLayout(client: EsClient, capabilities: ServerCapabilities, index: string): Promise<SourceLayout> {
  const mappings = await readMappings(client, capabilities, index);
  if (mappings !== null) {
    const types = typesOf(mappings);
    if (types.length > 0 && !types.every((type) => TYPELESS_TYPE_NAMES.includes(type))) return typedLayout(index, types);
  }
  const perEntity = await perEntityTargets(client, index);
  if (perEntity.length > 0) return { layout: 'per-entity', targets: perEntity };
  if (mappings !== null) {
    return { layout: 'typeless', targets: PARTITION_ORDER.map((partition) => ({ partition, index, types: null, query: classificationQuery(partition) })) };
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

function typedLayout(index: string, types: string[]): SourceLayout {
  const targets: PartitionTarget[] = [];
  for (const entity of ENTITIES) if (types.includes(entity)) targets.push({ partition: entity, index, types: [entity], query: null });
  const others = types.filter((type) => !isEntity(type));
  if (others.length > 0) targets.push({ partition: 'unclassified', index, types: others, query: null });
  return { layout: types.length > 1 ? 'multi-type' : 'single-type', targets };
}

async function perEntityTargets(client: EsClient, index: string): Promise<PartitionTarget[]> {
  const targets: PartitionTarget[] = [];
  for (const entity of ENTITIES) {
    for (const name of [`${index}-${entity}`, `${index}_${entity}`]) {
      if (await indexExists(client, name)) {
        targets.push({ partition: entity, index: name, types: null, query: null });
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
