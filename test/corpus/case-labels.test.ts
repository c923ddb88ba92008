import test from 'ava';
import { DIRTY_CASES, GENERATION_CASES } from '../../fixtures/corpus/case-catalog.ts';
import type { CorpusOptions } from '../../fixtures/corpus/corpus-options.ts';
import { generateCorpus } from '../../fixtures/corpus/generate-corpus.ts';
import { showsInEntries, showsOwn } from './helpers/case-evidence.ts';
import { indexCorpus } from './helpers/corpus-index.ts';

function casesIn(options: CorpusOptions): Set<string> {
  const seen = new Set<string>();
  for (const doc of generateCorpus(options)) for (const code of doc.cases) seen.add(code);
  return seen;
}

test('a 300-document corpus with the default rates carries every case and generation (multi-type: all but unclassifiable)', (t) => {
  for (const seed of [1, 2, 42, 1234567]) {
    const seen = casesIn({ docs: 300, seed });
    const missing = [...DIRTY_CASES, ...GENERATION_CASES].filter((code) => !seen.has(code) && code !== 'dirty.unclassifiable');
    t.deepEqual(missing, [], `seed ${seed}`);
    t.false(seen.has('dirty.unclassifiable'), 'unclassifiable needs a typeless layout');
  }
});

test('a 300-document typeless corpus also carries dirty.unclassifiable', (t) => {
  const seen = casesIn({ docs: 300, seed: 5, layout: 'typeless' });
  t.deepEqual([...DIRTY_CASES, ...GENERATION_CASES].filter((code) => !seen.has(code)), []);
});

const EXACTNESS: Array<[string, CorpusOptions]> = [
  ['300 docs, multi-type', { docs: 300, seed: 42 }],
  ['300 docs, typeless', { docs: 300, seed: 42, layout: 'typeless' }],
  ['3000 docs, dirty rate 0.3', { docs: 3000, seed: 9, dirtyRate: 0.3 }],
  ['2000 docs, typeless, dirty rate 0.5, 2 projects', { docs: 2000, seed: 3, dirtyRate: 0.5, layout: 'typeless', projects: 2 }],
  ['5000 docs, per-entity, defaults', { docs: 5000, seed: 77, layout: 'per-entity' }],
];

for (const [name, options] of EXACTNESS) {
  test(`labels are exact both ways (${name}): a labelled document shows its case, a document showing a case is labelled`, (t) => {
    const corpus = indexCorpus(generateCorpus(options));
    const wrong: string[] = [];
    for (const doc of corpus.docs) {
      for (const code of DIRTY_CASES) {
        const labelled = doc.cases.includes(code);
        const copied = doc.copiedCases.includes(code);
        const shows = showsOwn(code, doc, corpus);
        const inEntries = showsInEntries(code, doc);
        if (labelled && !shows) wrong.push(`${doc.entity} ${doc.id}: labelled ${code} but does not show it`);
        if (!labelled && shows) wrong.push(`${doc.entity} ${doc.id}: shows ${code} but is not labelled`);
        if (copied && !inEntries) wrong.push(`${doc.entity} ${doc.id}: copied ${code} not found in its entries`);
        if (inEntries && !labelled && !copied) wrong.push(`${doc.entity} ${doc.id}: entries show ${code}, neither labelled nor copied`);
      }
      const generation = doc.cases.filter((code) => code.startsWith('gen.v'));
      t.deepEqual(generation, [doc.cases.includes('dirty.v1_no_project') ? 'gen.v1_engine' : 'gen.v2_engine']);
    }
    t.deepEqual(wrong.slice(0, 15), [], `${wrong.length} mismatches`);
  });
}

test('generation labels match the document shapes', (t) => {
  for (const doc of generateCorpus({ docs: 3000, seed: 11, dirtyRate: 0.2 })) {
    const has = (code: string) => doc.cases.includes(code as never);
    if (doc.entity === 'backups') {
      t.is(has('gen.backup_composite_id'), !/^[0-9a-f]{32}$/.test(doc.id), doc.id);
      t.is(has('gen.backup_hex_id'), /^[0-9a-f]{32}$/.test(doc.id), doc.id);
    }
    if (doc.entity === 'clients') {
      const client = doc.source.client as Record<string, unknown>;
      t.is(has('gen.client_top_level_uuid'), 'uuid' in doc.source && !('uuid' in client));
      t.is(has('gen.client_nested_uuid'), 'uuid' in client);
      t.is(has('gen.client_capabilities'), Array.isArray(client.supported_actions));
    }
  }
});

test('dirty rate 0 gives a clean corpus; --rate style overrides raise or silence single cases', (t) => {
  const clean = indexCorpus(generateCorpus({ docs: 2000, seed: 4, dirtyRate: 0 }));
  t.deepEqual(clean.docs.flatMap((doc) => doc.cases.filter((code) => code.startsWith('dirty.'))), []);
  t.deepEqual(clean.docs.flatMap((doc) => doc.copiedCases), []);
  const noisy = DIRTY_CASES.filter((code) => clean.docs.some((doc) => showsOwn(code, doc, clean) || showsInEntries(code, doc)));
  t.deepEqual(noisy, []);

  const tuned = [...generateCorpus({ docs: 2000, seed: 4, rates: { 'dirty.big_integer': 1, 'dirty.hostile_values': 0 } })];
  const backups = tuned.filter((doc) => doc.entity === 'backups');
  t.true(backups.length > 0 && backups.every((doc) => doc.cases.includes('dirty.big_integer')));
  t.false(tuned.some((doc) => doc.cases.includes('dirty.hostile_values') || doc.copiedCases.includes('dirty.hostile_values')));
});

test('edge corpora (tiny, every case at rate 1, missing entities, one project) stay exact, complete and unique', (t) => {
  const configs: CorpusOptions[] = [
    { docs: 1 },
    { docs: 17, dirtyRate: 1 },
    { docs: 301, dirtyRate: 1, layout: 'typeless' },
    { docs: 2500, dirtyRate: 0.5 },
    { docs: 500, mix: { sessions: 0 } },
    { docs: 500, mix: { clients: 0 } },
    { docs: 500, mix: { actions: 0 } },
    { docs: 500, mix: { jobs: 0 } },
    { docs: 800, projects: 1, dirtyRate: 0.3 },
  ];
  for (const options of configs) {
    const corpus = indexCorpus(generateCorpus(options));
    const name = JSON.stringify(options);
    t.is(corpus.docs.length, options.docs, name);
    t.is(new Set(corpus.docs.map((doc) => `${doc.index}/${doc.id}`)).size, options.docs, `${name}: unique _ids`);
    const wrong = corpus.docs.flatMap((doc) =>
      DIRTY_CASES.filter((code) => {
        const labelled = doc.cases.includes(code);
        const inEntries = showsInEntries(code, doc);
        return labelled !== showsOwn(code, doc, corpus) || (doc.copiedCases.includes(code) && !inEntries) || (inEntries && !labelled && !doc.copiedCases.includes(code));
      }).map((code) => `${doc.entity} ${doc.id} ${code}`),
    );
    t.deepEqual(wrong.slice(0, 5), [], name);
  }
});
