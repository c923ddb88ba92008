import test from 'ava';
import { bulkLoad } from '../../fixtures/corpus/bulk-load.ts';
import type { CorpusDocument } from '../../fixtures/corpus/corpus-document.ts';
import { CorpusLoadError } from '../../fixtures/corpus/corpus-errors.ts';
import type { CorpusLayout } from '../../fixtures/corpus/corpus-options.ts';
import { defaultLayout } from '../../fixtures/corpus/es-layout.ts';
import { generateCorpus } from '../../fixtures/corpus/generate-corpus.ts';
import { prepareIndices } from '../../fixtures/corpus/prepare-indices.ts';
import { CLASSIFICATION_RULES } from '../../core/classify.ts';
import { ENTITIES, type Entity } from '../../core/entity.ts';
import { TEST_ES_MAJORS, deleteIndex, docPath, writeType, esRequest, esUrl, uniqueIndex } from '../helpers/elasticsearch.ts';

function perEntity(docs: readonly CorpusDocument[]): Record<Entity, number> {
  const counts: Record<Entity, number> = { clients: 0, sessions: 0, actions: 0, jobs: 0, backups: 0 };
  for (const doc of docs) counts[doc.entity]++;
  return counts;
}

/** The query the extractor uses for a typeless index: a rule's fields exist, no earlier rule's do. */
function classificationQuery(ruleIndex: number): unknown {
  const exists = (field: string) => ({ exists: { field } });
  const rule = CLASSIFICATION_RULES[ruleIndex] as (typeof CLASSIFICATION_RULES)[number];
  return {
    query: {
      bool: {
        should: rule.fields.map(exists),
        minimum_should_match: 1,
        must_not: CLASSIFICATION_RULES.slice(0, ruleIndex).flatMap((earlier) => earlier.fields.map(exists)),
      },
    },
  };
}

async function load(t: { teardown: (fn: () => Promise<void>) => void }, major: number, layout: CorpusLayout, docs: number) {
  const url = esUrl(major);
  const index = uniqueIndex('corpus');
  const names = await prepareIndices({ url, index, layout, major }, false);
  t.teardown(async () => {
    for (const name of names) await deleteIndex(url, name);
  });
  const corpus = [...generateCorpus({ docs, seed: major, index, layout, dirtyRate: 0.2, allowVersionInSource: major <= 5 })];
  const stats = await bulkLoad(corpus, { url, major });
  return { url, index, names, corpus, stats };
}

for (const major of TEST_ES_MAJORS) {
  test(`Elasticsearch ${major}: the default layout takes every document, and _count matches per entity`, async (t) => {
    const layout = defaultLayout(major);
    const { url, index, corpus, stats } = await load(t, major, layout, 3000);
    const expected = perEntity(corpus);
    t.is(stats.docs, 3000);
    t.deepEqual(stats.perEntity, expected);
    if (layout === 'multi-type') {
      for (const entity of ENTITIES) t.is((await esRequest(url, 'GET', `/${index}/${entity}/_count`)).count, expected[entity], entity);
    } else {
      const unclassifiable = corpus.filter((doc) => doc.cases.includes('dirty.unclassifiable')).length;
      t.true(unclassifiable > 0);
      for (const [i, rule] of CLASSIFICATION_RULES.entries()) {
        const want = expected[rule.entity] - (rule.entity === 'sessions' ? unclassifiable : 0);
        t.is((await esRequest(url, 'POST', `/${index}/_count`, classificationQuery(i))).count, want, rule.entity);
      }
      t.is((await esRequest(url, 'GET', `/${index}/_count`)).count, 3000);
    }
    const versionInSource = corpus.some((doc) => doc.cases.includes('dirty.version_in_source'));
    t.is(versionInSource, major <= 5, 'ES ≥ 6 gets no _version inside _source');
  });

  test(`Elasticsearch ${major}: per-entity indices hold their entity's documents, _source kept byte-exact`, async (t) => {
    const { url, index, corpus } = await load(t, major, 'per-entity', 2000);
    const expected = perEntity(corpus);
    for (const entity of ENTITIES) t.is((await esRequest(url, 'GET', `/${index}-${entity}/_count`)).count, expected[entity], entity);
    const big = corpus.find((doc) => doc.cases.includes('dirty.big_integer')) as CorpusDocument;
    const path = docPath(major, big.index, 'backups', big.id);
    const raw = await (await fetch(new URL(path, url))).text();
    t.true(raw.includes(`"backup_size_uncompressed":${JSON.stringify(big.source.backup_metadata)?.match(/"backup_size_uncompressed":(\d+)/)?.[1]}`));
  });

  test(`Elasticsearch ${major}: a document the server refuses fails the load with its reason`, async (t) => {
    const url = esUrl(major);
    const index = uniqueIndex('corpus');
    t.teardown(() => deleteIndex(url, index));
    const strict = major >= 5 ? { dynamic: 'strict', properties: { user_id: { type: 'keyword' } } } : { dynamic: 'strict', properties: { user_id: { type: 'string' } } };
    const type = writeType(major, 'backups');
    await esRequest(url, 'PUT', `/${index}`, { mappings: type === undefined ? strict : { [type]: strict } });
    const docs = [...generateCorpus({ docs: 40, seed: 1, index, layout: major >= 6 ? 'typeless' : 'multi-type', mix: { backups: 1, clients: 0, sessions: 0, actions: 0, jobs: 0 } })];
    const error = await t.throwsAsync(bulkLoad(docs, { url, major }), { instanceOf: CorpusLoadError });
    t.regex(error?.message ?? '', /^Elasticsearch refused 40 document\(s\); first .+ \(400\): (strict_dynamic_mapping_exception|StrictDynamicMappingException)/);
    t.is(error?.refused.length, 20);
  });
}
