import { ENTITIES, type Entity } from '../../core/entity.ts';
import { bulkIndexAction, deleteIndex, esRequest, uniqueIndex } from './elasticsearch.ts';

/** One document the seed wrote, as a test expects the source to give it back. */
export interface SeededDocument {
  index: string;
  /** The `_type` written (ES ≤ 5); null on typeless servers. */
  type: string | null;
  id: string;
  /** The partition the source must put it in. */
  partition: Entity | 'unclassified';
  /** The `_source` as JSON text, exactly as sent (big integers and `1.0` included). */
  sourceText: string;
}

export interface SeedOptions {
  /** Freezer documents to write, spread over the five entities. */
  count: number;
  /** Primary shards per index (default 3, so shard and PIT slicing have something to split). */
  shards?: number;
  /**
   * `typed`: one index with Freezer's `_type`s (needs ES ≤ 5); `typeless`: one index without
   * types (ES ≥ 7); `per-entity`: `<index>-<entity>` indices; `auto`: typed up to 5.x, else typeless.
   */
  layout?: 'typed' | 'typeless' | 'per-entity' | 'auto';
  /** Also write this many documents no rule recognises (`_type: other` on typed indices). */
  unclassified?: number;
  /** Write the unclassified documents spread evenly among the others instead of after them (a sparse partition over the whole `_seq_no` range). */
  spreadUnclassified?: boolean;
  /** Index name prefix (default `freezer`). */
  prefix?: string;
}

export interface SeededIndex {
  /** The `--index` to give the source. */
  index: string;
  /** Every index created (the per-entity layout creates several). */
  indices: string[];
  documents: SeededDocument[];
  drop(): Promise<void>;
}

/** A Freezer-shaped `_source` for document number `n` of an entity, as JSON text. */
export function freezerSourceText(entity: Entity, id: string, n: number): string {
  // Every 7th document carries numbers JSON.parse would damage and a `_source` field named `id`.
  const exact = n % 7 === 0 ? `,"big":9007199254740993,"negative_big":-9007199254740993,"ratio":1.0,"id":"not-${id}"` : '';
  const user = `"user_id":"user-${n % 13}","project_id":"project-${n % 3}"`;
  switch (entity) {
    case 'backups':
      return `{"backup_id":"${id}",${user},"user_name":null,"backup_metadata":{"container":"c${n % 5}","hostname":"host-${n % 11}.example.org","backup_name":"daily","time_stamp":${1_600_000_000 + n},"curr_backup_level":${n % 3},"backup_size_compressed":${n * 1024}}${exact}}`;
    case 'clients':
      return `{"client":{"client_id":"project_host-${n}.example.org","hostname":"host-${n}.example.org","uuid":"${id}","description":"client ✓ ${n}"},${user}${exact}}`;
    case 'jobs':
      return `{"job_id":"${id}",${user},"client_id":"project_host-${n % 17}.example.org","session_id":"","session_tag":0,"job_schedule":{"time_created":${1_600_000_000 + n},"time_started":-1,"status":"scheduled","event":"","result":""},"job_actions":[{"action_id":"a-${n}","freezer_action":{"action":"backup","mode":"fs","path_to_backup":"/var/lib/${n}","backup_name":"b${n}","container":"c"},"max_retries":3,"max_retries_interval":10,"mandatory":false}],"description":"job ${n}"${exact}}`;
    case 'actions':
      return `{"action_id":"${id}",${user},"freezer_action":{"action":"restore","mode":"fs","restore_abs_path":"/tmp/${n}","backup_name":"b${n}","container":"c"},"max_retries":${n % 4}${exact}}`;
    case 'sessions':
      return `{"session_id":"${id}",${user},"session_tag":${n},"status":"active","description":"session ${n}","jobs":{},"time_start":-1,"time_end":-1${exact}}`;
  }
}

/** Ids that sort in a different order than they were written, like uuid4 hex ids. */
function idFor(entity: Entity, n: number): string {
  const scrambled = ((n * 2654435761) >>> 0).toString(16).padStart(8, '0');
  return `${scrambled}${entity.slice(0, 2)}${n.toString(16).padStart(6, '0')}`;
}

/**
 * Creates a unique index (or per-entity indices) on a real node and bulk-writes Freezer-shaped
 * documents: `count` spread round-robin over the five entities, plus optional unclassified ones.
 */
export async function seedFreezerIndex(baseUrl: string, major: number, options: SeedOptions): Promise<SeededIndex> {
  const layout = options.layout === undefined || options.layout === 'auto' ? (major <= 5 ? 'typed' : 'typeless') : options.layout;
  if (layout === 'typed' && major >= 6) throw new Error(`a typed Freezer index cannot be created on Elasticsearch ${major}`);
  const index = uniqueIndex(options.prefix ?? 'freezer');
  const documents: SeededDocument[] = [];
  for (let n = 0; n < options.count; n++) {
    const entity = ENTITIES[n % ENTITIES.length]!;
    const id = idFor(entity, n);
    documents.push({
      index: layout === 'per-entity' ? `${index}-${entity}` : index,
      type: major <= 5 ? entity : null,
      id,
      partition: entity,
      sourceText: freezerSourceText(entity, id, n),
    });
  }
  const unclassified = options.unclassified ?? 0;
  const every = options.spreadUnclassified && unclassified > 0 ? Math.floor(documents.length / unclassified) + 1 : 0;
  for (let n = 0; n < unclassified; n++) {
    // Spread: the n-th one becomes document number (n + 1) * every - 1 of the write order.
    documents.splice(every > 0 ? (n + 1) * every - 1 : documents.length, 0, {
      index: layout === 'per-entity' ? `${index}-backups` : index,
      type: major <= 5 ? 'other' : null,
      id: `unknown-${n}`,
      partition: layout === 'per-entity' ? 'backups' : 'unclassified',
      sourceText: `{"something_else":${n},"note":"no Freezer rule matches this"}`,
    });
  }
  const indices = [...new Set(documents.map((document) => document.index))];
  if (layout === 'per-entity') for (const entity of ENTITIES) if (!indices.includes(`${index}-${entity}`)) indices.push(`${index}-${entity}`);
  const seeded: SeededIndex = {
    index,
    indices,
    documents,
    drop: async () => {
      for (const name of indices) await deleteIndex(baseUrl, name);
    },
  };
  try {
    for (const name of indices) {
      await esRequest(baseUrl, 'PUT', `/${name}`, { settings: { number_of_shards: options.shards ?? 3, number_of_replicas: 0 } });
    }
    await bulkWrite(baseUrl, major, documents);
  } catch (error) {
    await seeded.drop();
    throw error;
  }
  return seeded;
}

/** Writes documents with `_bulk` in chunks and refreshes; throws on any item error. */
export async function bulkWrite(baseUrl: string, major: number, documents: SeededDocument[], chunk = 2000): Promise<void> {
  for (let start = 0; start < documents.length; start += chunk) {
    const lines: string[] = [];
    for (const document of documents.slice(start, start + chunk)) {
      lines.push(JSON.stringify(bulkIndexAction(major, document.index, document.type ?? '_doc', document.id)), document.sourceText);
    }
    const result = await esRequest(baseUrl, 'POST', '/_bulk', `${lines.join('\n')}\n`);
    if (result.errors) {
      const failed = result.items.find((item: any) => item.index?.error);
      throw new Error(`bulk write failed: ${JSON.stringify(failed?.index?.error).slice(0, 300)}`);
    }
  }
  await esRequest(baseUrl, 'POST', `/${[...new Set(documents.map((document) => document.index))].join(',')}/_refresh`);
}

/** Open search contexts (scrolls, points in time) on the given indices right now. */
export async function openContexts(baseUrl: string, indices: string[]): Promise<number> {
  const stats = await esRequest(baseUrl, 'GET', `/${indices.join(',')}/_stats/search`);
  return Number(stats._all?.total?.search?.open_contexts ?? 0);
}

/**
 * Open search contexts once in-flight searches have finished: a plain search holds a context
 * between its query and fetch phases for milliseconds, a leaked scroll or PIT for its keep-alive
 * (minutes), so polling for a few seconds tells the two apart.
 */
export async function settledOpenContexts(baseUrl: string, indices: string[], timeoutMs = 3000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await openContexts(baseUrl, indices);
    if (open === 0 || Date.now() > deadline) return open;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
