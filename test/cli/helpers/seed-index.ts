import { bulkIndexAction, deleteIndex, esRequest, uniqueIndex } from '../../helpers/elasticsearch.ts';
import type { SmallDoc } from '../../helpers/small-freezer-docs.ts';

/** A unique index on a real node holding `docs`; `drop()` deletes it. */
export interface SeededIndex {
  index: string;
  count: number;
  drop(): Promise<void>;
}

/** Bulk-loads Freezer documents: a multi-type index on ES ≤ 5 (as freezer-api wrote it), typeless on newer servers. */
export async function seedIndex(base: string, major: number, docs: readonly SmallDoc[], index = uniqueIndex('freezer-cli')): Promise<SeededIndex> {
  const lines: string[] = [];
  for (const doc of docs) {
    const action = bulkIndexAction(major, index, doc._type, doc._id);
    lines.push(JSON.stringify(action), JSON.stringify(doc._source));
  }
  await esRequest(base, 'PUT', `/${index}`, { settings: { number_of_shards: 2, number_of_replicas: 0 } });
  const result = await esRequest(base, 'POST', '/_bulk?refresh=true', `${lines.join('\n')}\n`);
  if (result.errors) throw new Error(`bulk load into ${index} failed`);
  return { index, count: docs.length, drop: () => deleteIndex(base, index) };
}
