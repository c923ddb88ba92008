import { bulkLoad, defaultLayout, generateCorpus, prepareIndices, type CorpusDocument } from '../../../fixtures/corpus/index.ts';
import { deleteIndex, esUrl, uniqueIndex } from '../../helpers/elasticsearch.ts';

/** A corpus bulk-loaded into a real Elasticsearch node in its default layout. */
export interface LoadedCorpus {
  url: string;
  index: string;
  /** Every index the corpus was loaded into (one, or one per entity). */
  indices: string[];
  documents: CorpusDocument[];
  drop(): Promise<void>;
}

/** Generates `docs` documents for `major` (no `_version` in `_source` on ES ≥ 6) and loads them. */
export async function loadCorpus(major: number, docs: number, seed: number): Promise<LoadedCorpus> {
  const url = esUrl(major);
  const index = uniqueIndex('verify');
  const layout = defaultLayout(major);
  const names = await prepareIndices({ url, index, layout, major }, false);
  const documents = [...generateCorpus({ docs, seed, index, layout, allowVersionInSource: major <= 5 })];
  await bulkLoad(documents, { url, major });
  return {
    url,
    index,
    indices: [...names],
    documents,
    drop: async () => {
      for (const name of names) await deleteIndex(url, name);
    },
  };
}
