import test from 'ava';
import { generateCorpus } from '../../../fixtures/corpus/index.ts';
import { collectReferences } from '../../../mappings/freezer/build-transform-context.ts';
import { openSource } from '../../../pipeline/source/open-source.ts';
import { TEST_ES_MAJORS, deleteIndex, esUrl } from '../../helpers/elasticsearch.ts';
import { loadCorpusIndex, type CorpusIndex } from '../../helpers/corpus-index.ts';

// The first pass (client registry, action catalog) reads its partitions in parallel slices; what it
// finds must not depend on how many, nor on the order the slices' pages arrive in.
for (const major of TEST_ES_MAJORS) {
  let corpus: CorpusIndex;
  test.before(async () => {
    corpus = await loadCorpusIndex(esUrl(major), 6000, 11, `firstpass${major}`);
  });
  test.after.always(async () => {
    if (corpus) await deleteIndex(esUrl(major), corpus.index);
  });

  test(`ES ${major}: the first pass in 4 slices finds the same clients and actions as in one`, async (t) => {
    const source = await openSource({ url: esUrl(major), index: corpus.index });
    try {
      const slices = await source.sliceCount('actions', 4);
      t.log(`actions read in ${slices} slice(s)`);
      if (major >= 7) t.true(slices > 1, 'Elasticsearch 7 and later split a partition into slices');
      const one = await collectReferences(source, { pageSize: 100, slices: 1 });
      const four = await collectReferences(source, { pageSize: 100, slices: 4 });

      const actionIds = new Set<string>();
      for (const doc of generateCorpus(corpus.options)) {
        if (doc.entity === 'actions' && typeof doc.source.action_id === 'string') actionIds.add(doc.source.action_id);
      }
      t.true(one.actionCatalog.size > 500, `catalog holds ${one.actionCatalog.size} actions`);
      t.is(four.actionCatalog.size, one.actionCatalog.size);
      let differing = 0;
      for (const id of actionIds) if (JSON.stringify(four.actionCatalog.get(id)) !== JSON.stringify(one.actionCatalog.get(id))) differing++;
      t.is(differing, 0, 'actions whose catalog entry differs between 1 and 4 slices');

      const byDoc = (keys: readonly { docId?: string | null }[]) => keys.map((k) => JSON.stringify(k)).sort();
      t.true(one.clientRegistry.share().length > 0, 'the corpus has duplicated client registrations');
      t.deepEqual(byDoc(four.clientRegistry.share()), byDoc(one.clientRegistry.share()));
    } finally {
      await source.close();
    }
  });
}
