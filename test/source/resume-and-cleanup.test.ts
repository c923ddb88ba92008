import test from 'ava';
import { openSource } from '../../pipeline/source/open-source.ts';
import type { ReadStrategyName } from '../../pipeline/source/source-spec.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { openContexts, seedFreezerIndex, settledOpenContexts } from '../helpers/freezer-seed.ts';
import { assertExactlyOnce, readRest, readSomePages } from '../helpers/source-reading.ts';

/** The strategy each server uses by default, plus the others it can run (tested on 7 and 8). */
function strategiesFor(major: number): Array<ReadStrategyName | undefined> {
  return major >= 7 ? [undefined, 'scroll', 'search-after'] : [undefined];
}

for (const major of TEST_ES_MAJORS) {
  for (const strategy of strategiesFor(major)) {
    const label = `ES ${major}${strategy === undefined ? '' : ` (${strategy} forced)`}`;

    test(`${label}: resuming each slice from a mid-run cursor reads exactly the rest`, async (t) => {
      const base = esUrl(major);
      const seeded = await seedFreezerIndex(base, major, { count: 1200, shards: 3 });
      const source = await openSource({ url: base, index: seeded.index, strategy });
      try {
        const expected = seeded.documents.filter((document) => document.partition === 'backups');
        const slices = await source.sliceCount('backups', 2);
        t.is(slices, 2);
        const documents = [];
        for (let slice = 0; slice < slices; slice++) {
          // A run that stopped after 2 pages of 17 (a crash, an abort), then a new run from the checkpoint.
          const first = await readSomePages(source, 'backups', slice, slices, 2, 17);
          t.is(first.documents.length, 34);
          const rest = await readRest(source, 'backups', slice, slices, first.cursor, 17);
          documents.push(...first.documents, ...rest);
        }
        assertExactlyOnce(t, documents, expected);
        // The cursor is plain JSON: text in, text out.
        const { cursor } = await readSomePages(source, 'backups', 0, slices, 1, 5);
        t.deepEqual(JSON.parse(JSON.stringify(cursor)), cursor);
      } finally {
        await source.close();
        await seeded.drop();
      }
    });

    test(`${label}: breaking out early or throwing in the consumer leaves no open search context`, async (t) => {
      const base = esUrl(major);
      const seeded = await seedFreezerIndex(base, major, { count: 600, shards: 3 });
      const source = await openSource({ url: base, index: seeded.index, strategy });
      try {
        const slices = await source.sliceCount('jobs', 3);
        // While a scroll or point-in-time read is suspended, its context is open on the server.
        const { strategy: used } = await source.describe();
        for await (const page of source.read('sessions', 0, 1, null, { pageSize: 10 })) {
          t.true(page.documents.length > 0);
          if (used !== 'search-after') t.true((await openContexts(base, seeded.indices)) > 0, 'the read holds a context while suspended');
          break;
        }
        t.is(await settledOpenContexts(base, seeded.indices), 0, 'after the first break');
        // Several slices at once, each stopped after one page while the next page is prefetched.
        await Promise.all(
          Array.from({ length: slices }, async (_, slice) => {
            for await (const page of source.read('jobs', slice, slices, null, { pageSize: 10 })) {
              t.true(page.documents.length > 0);
              break;
            }
          }),
        );
        t.is(await settledOpenContexts(base, seeded.indices), 0, 'after break');

        await t.throwsAsync(
          async () => {
            for await (const page of source.sweep('clients', 0, 1, null, { pageSize: 10 })) {
              if (page.entries.length > 0) throw new Error('consumer failed');
            }
          },
          { message: 'consumer failed' },
        );
        t.is(await settledOpenContexts(base, seeded.indices), 0, 'after a throw in the consumer');

        const controller = new AbortController();
        await t.throwsAsync(async () => {
          for await (const page of source.read('actions', 0, 1, null, { pageSize: 10, signal: controller.signal })) {
            if (page.documents.length > 0) controller.abort();
          }
        });
        t.is(await settledOpenContexts(base, seeded.indices), 0, 'after an abort');
      } finally {
        await source.close();
        await seeded.drop();
      }
    });
  }
}
