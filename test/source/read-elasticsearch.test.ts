import test from 'ava';
import { openSource } from '../../pipeline/source/open-source.ts';
import { PARTITION_ORDER } from '../../pipeline/source/source-partition.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { FaultProxy } from '../helpers/fault-proxy.ts';
import { openContexts, seedFreezerIndex, settledOpenContexts } from '../helpers/freezer-seed.ts';
import { assertExactlyOnce, keyOf, readEverything, readPartition } from '../helpers/source-reading.ts';

const EXPECTED = {
  2: { version: '2.4.6', layout: 'multi-type', strategy: 'scroll' },
  5: { version: '5.6.16', layout: 'multi-type', strategy: 'search-after' },
  7: { version: '7.17.29', layout: 'typeless', strategy: 'point-in-time' },
  8: { version: '8.7.1', layout: 'typeless', strategy: 'point-in-time' },
} as Record<number, { version: string; layout: string; strategy: string }>;

for (const major of TEST_ES_MAJORS) {
  test(`ES ${major}: every document is read exactly once across slices, with _index/_type/_id/_version and exact _source`, async (t) => {
    const base = esUrl(major);
    const seeded = await seedFreezerIndex(base, major, { count: 1500, unclassified: 7, shards: 3 });
    const source = await openSource({ url: base, index: seeded.index });
    try {
      const description = await source.describe();
      t.like(description, { kind: 'elasticsearch', display: base, ...EXPECTED[major] });
      t.deepEqual(description.partitions, PARTITION_ORDER);

      for (const partition of description.partitions) {
        const expected = seeded.documents.filter((document) => document.partition === partition);
        t.is(await source.count(partition), expected.length, `count of ${partition}`);
        // 3 shards: shard-walking strategies cap 4 requested slices at 3; a point in time splits 4 ways.
        const { documents, slices } = await readPartition(source, partition, 4, 97);
        t.is(slices, major >= 7 ? 4 : 3);
        assertExactlyOnce(t, documents, expected);
      }
      const stats = source.stats();
      t.like(stats, { retries: 0, contextReopens: 0, incompletePages: 0 });
    } finally {
      await source.close();
      await seeded.drop();
    }
  });

  test(`ES ${major}: a _source field named "id" never replaces the document's _id, and numbers above 2^53 stay exact`, async (t) => {
    const base = esUrl(major);
    const seeded = await seedFreezerIndex(base, major, { count: 70, shards: 1 });
    const source = await openSource({ url: base, index: seeded.index });
    try {
      const documents = await readEverything(source, 1, 1000);
      const withIdField = documents.filter((document) => 'id' in document.source);
      t.is(withIdField.length, 10);
      for (const document of withIdField) {
        t.is(document.source.id, `not-${document.id}`);
        t.is(String(document.source.big), '9007199254740993');
        t.is(String(document.source.negative_big), '-9007199254740993');
        t.is(JSON.stringify(document.source.ratio), '1.0');
      }
    } finally {
      await source.close();
      await seeded.drop();
    }
  });

  if (major >= 7) {
    test(`ES ${major}: a point-in-time read searches _seq_no windows, yet every page is full until its slice ends and a sparse partition costs a few requests`, async (t) => {
      const base = esUrl(major);
      const seeded = await seedFreezerIndex(base, major, { count: 1500, unclassified: 7, shards: 3 });
      const source = await openSource({ url: base, index: seeded.index });
      try {
        const slices = await source.sliceCount('jobs', 2);
        const jobs: string[] = [];
        for (let slice = 0; slice < slices; slice++) {
          const sizes: number[] = [];
          for await (const page of source.read('jobs', slice, slices, null, { pageSize: 29 })) {
            sizes.push(page.documents.length);
            jobs.push(...page.documents.map((document) => document.id));
          }
          t.true(sizes.length > 2, `slice ${slice} has several pages`);
          t.deepEqual(sizes.slice(0, -1), sizes.slice(0, -1).map(() => 29), `slice ${slice}: pages of 29 but the last (${sizes.join(', ')})`);
          t.true(sizes.at(-1)! >= 1 && sizes.at(-1)! <= 29);
        }
        t.deepEqual(jobs.sort(), seeded.documents.filter((document) => document.partition === 'jobs').map((document) => document.id).sort());

        // 7 of 1,507 documents: windows widen until they pass the slice's highest _seq_no.
        const before = source.stats().requests;
        const { documents } = await readPartition(source, 'unclassified', 4, 13);
        assertExactlyOnce(t, documents, seeded.documents.filter((document) => document.partition === 'unclassified'));
        const requests = source.stats().requests - before;
        // Not counted, so the first window spans 64 values. Per slice: open, the highest _seq_no, windows widening fourfold from 64 until they pass it (about 500 per shard: three at most), close.
        t.true(requests <= 4 * 6, `${requests} requests for 4 slices of a sparse partition (open, highest _seq_no, up to three windows, close)`);
      } finally {
        await source.close();
        await seeded.drop();
      }
    });
  }

  if (major >= 7) {
    test(`ES ${major}: a sparse partition spread over the whole index is read in a few windows sized from the density they find`, async (t) => {
      const base = esUrl(major);
      // One shard, so _seq_no follows the write order: 30 unclassified documents, one every 51 of 1,530.
      const seeded = await seedFreezerIndex(base, major, { count: 1500, unclassified: 30, spreadUnclassified: true, shards: 1 });
      const source = await openSource({ url: base, index: seeded.index });
      try {
        const before = source.stats().requests;
        const { documents, pages } = await readPartition(source, 'unclassified', 1, 30);
        const requests = source.stats().requests - before;
        assertExactlyOnce(t, documents, seeded.documents.filter((document) => document.partition === 'unclassified'));
        t.is(pages, 1, 'all 30 in one full page');
        // Open, the highest _seq_no, three windows for the page (60 values find 1, then 960 find 19,
        // then 632 the last 10), one past the last document, close. Doubling windows took five for the page.
        t.true(requests <= 7, `${requests} requests for a sparse partition read in one slice`);
      } finally {
        await source.close();
        await seeded.drop();
      }
    });
  }

  if (major >= 7) {
    test(`ES ${major}: while reads are held, every partition and slice searches one point in time, counted partitions start with windows sized for a page, and release closes it`, async (t) => {
      const base = esUrl(major);
      const seeded = await seedFreezerIndex(base, major, { count: 1500, unclassified: 30, spreadUnclassified: true, shards: 1 });
      const kinds: string[] = [];
      const proxy = await FaultProxy.start(base, (request) => {
        kinds.push(request.kind === 'search' && request.body.includes('"aggs"') ? 'ceiling' : request.kind);
        return { do: 'forward' };
      });
      const source = await openSource({ url: proxy.url, index: seeded.index });
      const hold = source.holdReadContexts!();
      try {
        const { partitions } = await source.describe();
        let sparseSearches = 0;
        for (const partition of partitions) {
          const expected = seeded.documents.filter((document) => document.partition === partition);
          t.is(await source.count(partition), expected.length);
          const before = kinds.length;
          const { documents } = await readPartition(source, partition, partition === 'unclassified' ? 1 : 3, partition === 'unclassified' ? 30 : 97);
          assertExactlyOnce(t, documents, expected);
          if (partition === 'unclassified') sparseSearches = kinds.slice(before).filter((kind) => kind === 'search').length;
        }
        t.is(kinds.filter((kind) => kind === 'pit-open').length, 1, 'one point in time for six partitions');
        t.is(kinds.filter((kind) => kind === 'ceiling').length, 1, 'its highest _seq_no asked once');
        t.is(kinds.filter((kind) => kind === 'pit-close').length, 0, 'kept open between reads');
        t.true((await openContexts(base, seeded.indices)) > 0, 'the held point in time is open between reads');
        // 30 of 1,530 documents, counted: the first window spans every _seq_no and fills the page; one more search finds the end.
        t.is(sparseSearches, 2, 'a counted sparse partition: one window for its page, one past it');
      } finally {
        await hold.release();
        t.is(kinds.filter((kind) => kind === 'pit-close').length, 1, 'release closes it');
        t.is(await settledOpenContexts(base, seeded.indices), 0, 'nothing open after release');
        await source.close();
        await proxy.close();
        await seeded.drop();
      }
    });
  }

  test(`ES ${major}: sweep gives every id with its _version once; fetch returns the documents asked for and omits unknown ids`, async (t) => {
    const base = esUrl(major);
    const seeded = await seedFreezerIndex(base, major, { count: 400, shards: 2 });
    const source = await openSource({ url: base, index: seeded.index });
    try {
      const expected = seeded.documents.filter((document) => document.partition === 'jobs');
      const slices = await source.sliceCount('jobs', 2);
      const entries: Array<{ id: string; version: number | null }> = [];
      for (let slice = 0; slice < slices; slice++) {
        for await (const page of source.sweep('jobs', slice, slices, null, { pageSize: 13 })) entries.push(...page.entries);
      }
      t.deepEqual(entries.map((entry) => entry.id).sort(), expected.map((document) => document.id).sort());
      t.true(entries.every((entry) => entry.version === 1));

      const wanted = [expected[3]!.id, expected[40]!.id, 'no-such-id', expected[79]!.id];
      const fetched = await source.fetch('jobs', wanted);
      t.deepEqual(fetched.map((document) => document.id).sort(), [expected[3]!.id, expected[40]!.id, expected[79]!.id].sort());
      const byKey = new Map(expected.map((document) => [keyOf(document), document]));
      for (const document of fetched) t.is(JSON.stringify(document.source), byKey.get(keyOf(document))?.sourceText ?? '');
      // An id of another partition is not in this one.
      t.deepEqual(await source.fetch('clients', [expected[3]!.id]), []);
    } finally {
      await source.close();
      await seeded.drop();
    }
  });
}
