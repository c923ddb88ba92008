import test from 'ava';
import { openSource } from '../../pipeline/source/open-source.ts';
import { classifyDocument } from '../../core/classify.ts';
import { ENTITIES } from '../../core/entity.ts';
import { isJsonObject } from '../../core/json-value.ts';
import { parseJson } from '../../core/parse-json.ts';
import { TEST_ES_MAJORS, deleteIndex, esRequest, esUrl, uniqueIndex } from '../helpers/elasticsearch.ts';
import { bulkWrite, seedFreezerIndex, type SeededDocument } from '../helpers/freezer-seed.ts';
import { assertExactlyOnce, readEverything, readPartition } from '../helpers/source-reading.ts';

/** Typeless documents whose entity only the rule order decides. */
const TRICKY: Array<{ id: string; text: string; partition: string }> = [
  { id: 'job-with-session', text: '{"job_id":"j1","session_id":"s1","job_schedule":{}}', partition: 'jobs' },
  { id: 'backup-with-client', text: '{"backup_id":"b1","client":{"client_id":"c"},"backup_metadata":{"container":"x"}}', partition: 'backups' },
  { id: 'session-only', text: '{"session_id":"s2","jobs":{}}', partition: 'sessions' },
  { id: 'action-by-body', text: '{"freezer_action":{"action":"backup"},"user_id":"u"}', partition: 'actions' },
  { id: 'client-by-object', text: '{"client":{"client_id":"x_host.example.org"},"user_id":"u"}', partition: 'clients' },
  { id: 'nothing-known', text: '{"user_id":"u","note":"orphan"}', partition: 'unclassified' },
];

for (const major of TEST_ES_MAJORS.filter((major) => major >= 7)) {
  test(`ES ${major}: a typeless index is split by queries built from CLASSIFICATION_RULES, matching classifyDocument`, async (t) => {
    const base = esUrl(major);
    const seeded = await seedFreezerIndex(base, major, { count: 100, shards: 2 });
    const extra: SeededDocument[] = TRICKY.map((doc) => ({ index: seeded.index, type: null, id: doc.id, partition: doc.partition as SeededDocument['partition'], sourceText: doc.text }));
    // A recognising field that is null: `exists` is false, Object.hasOwn is true. Still read exactly once.
    const nullField: SeededDocument = { index: seeded.index, type: null, id: 'null-session', partition: 'unclassified', sourceText: '{"session_id":null,"user_id":"u"}' };
    await bulkWrite(base, major, [...extra, nullField]);
    const source = await openSource({ url: base, index: seeded.index });
    try {
      t.like(await source.describe(), { layout: 'typeless' });
      const partitionOf = new Map<string, string>();
      for (const partition of (await source.describe()).partitions) {
        const { documents } = await readPartition(source, partition, 2, 30);
        t.is(await source.count(partition), documents.length);
        for (const document of documents) {
          t.false(partitionOf.has(document.id), `${document.id} in two partitions`);
          partitionOf.set(document.id, partition);
        }
      }
      for (const document of [...seeded.documents, ...extra]) {
        t.is(partitionOf.get(document.id), document.partition, document.id);
        const source = parseJson(document.sourceText);
        if (isJsonObject(source)) t.is(partitionOf.get(document.id), classifyDocument(source) ?? 'unclassified');
      }
      t.is(partitionOf.get('null-session'), 'unclassified');
    } finally {
      await source.close();
      await seeded.drop();
    }
  });
}

for (const major of TEST_ES_MAJORS) {
  test(`ES ${major}: per-entity indices <index>-<entity> are one partition each`, async (t) => {
    const base = esUrl(major);
    const seeded = await seedFreezerIndex(base, major, { count: 250, layout: 'per-entity', shards: 2 });
    const source = await openSource({ url: base, index: seeded.index });
    try {
      const description = await source.describe();
      t.like(description, { layout: 'per-entity' });
      t.deepEqual(description.partitions, [...ENTITIES]);
      assertExactlyOnce(t, await readEverything(source, 2, 20), seeded.documents);
      for (const entity of ENTITIES) t.is(await source.count(entity), 50);
    } finally {
      await source.close();
      await seeded.drop();
    }
  });

  test(`ES ${major}: an alias works as --index, and <index>_<entity> indices are found too`, async (t) => {
    const base = esUrl(major);
    const seeded = await seedFreezerIndex(base, major, { count: 60, shards: 2 });
    const alias = uniqueIndex('alias');
    const underscored = uniqueIndex('fz');
    await esRequest(base, 'POST', '/_aliases', { actions: [{ add: { index: seeded.index, alias } }] });
    try {
      const viaAlias = await openSource({ url: base, index: alias });
      try {
        assertExactlyOnce(t, await readEverything(viaAlias, 2, 7), seeded.documents);
      } finally {
        await viaAlias.close();
      }

      await esRequest(base, 'PUT', `/${underscored}_jobs`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
      const jobs = seeded.documents.filter((document) => document.partition === 'jobs').map((document) => ({ ...document, index: `${underscored}_jobs` }));
      await bulkWrite(base, major, jobs);
      const perEntity = await openSource({ url: base, index: underscored });
      try {
        t.like(await perEntity.describe(), { layout: 'per-entity', partitions: ['jobs'] });
        assertExactlyOnce(t, await readEverything(perEntity, 1, 5), jobs);
        t.is(await perEntity.count('backups'), 0, 'a partition the source lacks counts 0');
      } finally {
        await perEntity.close();
      }
    } finally {
      await deleteIndex(base, `${underscored}_jobs`);
      await seeded.drop();
    }
  });
}
