import { bulkLoad, defaultLayout, generateCorpus, prepareIndices, restoreRefreshInterval, type CorpusLayout, type CorpusOptions } from '../../fixtures/corpus/index.ts';
import { esMajorOf, uniqueIndex } from './elasticsearch.ts';

/** A seeded Freezer corpus loaded into a real Elasticsearch under a fresh index name. */
export interface CorpusIndex {
  index: string;
  layout: CorpusLayout;
  options: CorpusOptions;
  /** Documents written (checked against `_count` by the loader). */
  total: number;
}

/** Generates and bulk-loads a corpus (freezer's multi-type index on ES ≤ 5, typeless otherwise). */
export async function loadCorpusIndex(base: string, docs: number, seed = 7, prefix = 'corpus'): Promise<CorpusIndex> {
  const major = await esMajorOf(base);
  const index = uniqueIndex(prefix);
  const layout = defaultLayout(major);
  const options: CorpusOptions = { docs, seed, index, layout, allowVersionInSource: major <= 5 };
  const names = await prepareIndices({ url: base, index, layout, major }, false);
  const stats = await bulkLoad(generateCorpus(options), { url: base, major });
  await restoreRefreshInterval(base, names, major);
  return { index, layout, options, total: Object.values(stats.counted).reduce((a, b) => a + b, 0) };
}
