import { bulkIndexAction, deleteIndex, docPath, esRequest, uniqueIndex } from '../../helpers/elasticsearch.ts';
import { smallFreezerDocs, type SmallDoc } from '../../helpers/small-freezer-docs.ts';
import type { Entity } from '../../../core/entity.ts';

/**
 * A Freezer index on a real Elasticsearch node that a test edits between syncs: multi-type on
 * ES ≤ 5 (as freezer-api wrote it), one typeless index on newer servers. Writes refresh at once so
 * the next sweep sees them.
 */
export class FreezerIndex {
  readonly base: string;
  readonly major: number;
  readonly index: string;

  private constructor(base: string, major: number, index: string) {
    this.base = base;
    this.major = major;
    this.index = index;
  }

  static async create(base: string, major: number, docs: readonly SmallDoc[], shards = 3): Promise<FreezerIndex> {
    const index = new FreezerIndex(base, major, uniqueIndex('sync'));
    await esRequest(base, 'PUT', `/${index.index}`, { settings: { number_of_shards: shards, number_of_replicas: 0 } });
    await index.bulk(docs);
    return index;
  }

  /** Indexes (creates or replaces) documents with `_bulk`, then refreshes. */
  async bulk(docs: readonly SmallDoc[], chunk = 5000): Promise<void> {
    for (let start = 0; start < docs.length; start += chunk) {
      const lines: string[] = [];
      for (const d of docs.slice(start, start + chunk)) {
        const action = bulkIndexAction(this.major, this.index, d._type, d._id);
        lines.push(JSON.stringify(action), JSON.stringify(d._source));
      }
      const result = await esRequest(this.base, 'POST', '/_bulk', `${lines.join('\n')}\n`);
      if (result.errors) throw new Error(`bulk failed: ${JSON.stringify(result.items.find((i: any) => i.index?.error)).slice(0, 300)}`);
    }
    await this.refresh();
  }

  async put(doc: SmallDoc): Promise<void> {
    await esRequest(this.base, 'PUT', `${this.docPath(doc._type, doc._id)}?refresh=true`, doc._source);
  }

  async remove(type: string, id: string): Promise<void> {
    await esRequest(this.base, 'DELETE', `${this.docPath(type, id)}?refresh=true`);
  }

  async refresh(): Promise<void> {
    await esRequest(this.base, 'POST', `/${this.index}/_refresh`);
  }

  async drop(): Promise<void> {
    await deleteIndex(this.base, this.index);
  }

  private docPath(type: string, id: string): string {
    return docPath(this.major, this.index, type, id);
  }
}

/** Freezer's five document types, as `_type` names. */
export const TYPES: readonly Entity[] = ['clients', 'sessions', 'actions', 'jobs', 'backups'];

export { smallFreezerDocs, type SmallDoc };
