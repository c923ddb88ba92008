import { randomBytes } from 'node:crypto';
import test from 'ava';
import { resolveMapping } from '../../../mappings/index.ts';
import type { RunEvent } from '../../../pipeline/batch/run-events.ts';
import { migrate } from '../../../pipeline/run/migrate.ts';
import { sync } from '../../../pipeline/run/sync.ts';
import { validate } from '../../../pipeline/run/validate.ts';
import { verify } from '../../../pipeline/run/verify.ts';
import { openDatabase } from '../../../schema/connect.ts';
import { parseDatabaseUrl } from '../../../schema/database-url.ts';
import { createScratchDatabase, TEST_DIALECTS } from '../../helpers/databases.ts';
import { deleteIndex, esRequest, esUrl, TEST_ES_MAJORS } from '../../helpers/elasticsearch.ts';

async function writeNotes(url: string, index: string, notes: Record<string, string>): Promise<void> {
  for (const [id, note] of Object.entries(notes)) await esRequest(url, 'PUT', `/${index}/_doc/${id}`, { note, n: id.length });
  await esRequest(url, 'POST', `/${index}/_refresh`);
}

const warnings = (events: RunEvent[]) => events.filter((event) => event.type === 'warning').map((event) => (event as { message: string }).message);

if (TEST_ES_MAJORS.includes(8)) {
  for (const dialect of TEST_DIALECTS) {
    test.serial(`ES 8 → ${dialect}: sync, verify and validate after a migrate --mapping auto use the tables the migrate derived; data that now needs a wider column gives one warning naming mapping generate`, async (t) => {
      const url = esUrl(8);
      const index = `pin${randomBytes(3).toString('hex')}`;
      await esRequest(url, 'PUT', `/${index}`, { mappings: { properties: { note: { type: 'keyword' }, n: { type: 'long' } } } });
      await writeNotes(url, index, { a: 'short', b: 'tiny', c: 'small' });
      const target = await createScratchDatabase(dialect, 'pin');
      const db = openDatabase(parseDatabaseUrl(target.url, process.cwd()));
      const source = { url, index };
      try {
        const first = await resolveMapping('auto', { source });
        const migrated = await migrate({ source, target: target.url, mapping: first });
        t.is(migrated.error, undefined, migrated.error?.message);
        const stored = await db.selectFrom('es2sql_definitions').select(['mapping', 'definition']).execute();
        t.is(stored.length, 1);
        t.is(stored[0]!.mapping, 'auto');
        t.is(JSON.parse(String(stored[0]!.definition)).tables[0].columns.find((c: { name: string }) => c.name === 'note').length, 32);

        // Unchanged data: the plan derived again is the stored one; no warning.
        await writeNotes(url, index, { d: 'also short' });
        const quiet: RunEvent[] = [];
        const synced = await sync({ source, target: target.url, mapping: await resolveMapping('auto', { source }), onEvent: (event) => quiet.push(event as RunEvent) });
        t.is(synced.error, undefined, synced.error?.message);
        t.deepEqual(warnings(quiet), []);

        // A note of 200 characters: a plan derived now would make the column 512 wide.
        await writeNotes(url, index, { e: 'x'.repeat(200) });
        const later = await resolveMapping('auto', { source });
        const events: RunEvent[] = [];
        const resynced = await sync({ source, target: target.url, mapping: later, onEvent: (event) => events.push(event as RunEvent) });
        t.is(resynced.error, undefined, resynced.error?.message);
        const [warning, ...more] = warnings(events);
        t.deepEqual(more, []);
        t.regex(warning ?? '', /keeps the tables its first migrate derived; the data now derives others \(\w+\.note: string\(32\) → string\(512\)\); to change them: write a mapping file with "es2sql mapping generate --index pin\w+ --scan all --out <file>"/);
        t.false((warning ?? '').includes('\n'));
        t.like(resynced.stats, { rejected: 1 });
        const [reject] = await db.selectFrom('es2sql_rejects').select(['doc_id', 'reason']).execute();
        t.deepEqual(reject, { doc_id: 'e', reason: 'too_long' });
        const table = first.partitioning.partitions[0]!;
        t.deepEqual((await db.selectFrom(table).select('_id').orderBy('_id').execute()).map((row) => row._id), ['a', 'b', 'c', 'd']);

        const verifyEvents: RunEvent[] = [];
        const checked = await verify({ source, target: target.url, mapping: later, onEvent: (event) => verifyEvents.push(event as RunEvent) });
        t.is(checked.error, undefined, checked.error?.message);
        t.true(checked.report.clean, JSON.stringify(checked.report.totals));
        t.is(warnings(verifyEvents).length, 1);

        const validated = await validate({ source, target: target.url, mapping: later });
        t.is(validated.error, undefined, validated.error?.message);
        t.is(validated.report.rejectReasons.find((r) => r.reason === 'too_long')?.count, 1);

        // A migrate run again (here --restart; a resumed run takes the same path) keeps the stored plan too.
        const againEvents: RunEvent[] = [];
        const again = await migrate({ source, target: target.url, mapping: later, restart: true, onEvent: (event) => againEvents.push(event) });
        t.is(again.error, undefined, again.error?.message);
        t.like(again.stats, { rejected: 1, migrated: 4 });
        t.is(warnings(againEvents).length, 1);
      } finally {
        await db.destroy();
        await target.drop();
        await deleteIndex(url, index);
      }
    });
  }
}
