import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../pipeline/run/migrate.ts';
import { sync } from '../../pipeline/run/sync.ts';
import { validate } from '../../pipeline/run/validate.ts';
import { verify } from '../../pipeline/run/verify.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { notesMapping } from './helpers/notes-mapping.ts';

type Note = { id: string; source: Record<string, unknown> };

function writeNotes(file: string, notes: readonly Note[]): void {
  writeFileSync(file, notes.map((n) => JSON.stringify({ _index: 'notes', _id: n.id, _source: n.source })).join('\n') + '\n');
}

const FIRST: Note[] = [
  { id: 'n1', source: { title: 'groceries', tags: ['home', 'food'] } },
  { id: 'n2', source: { title: 'Ünïcode “quotes” \u{1F600}', tags: [] } },
  { id: 'n3', source: { title: 'work', tags: ['a', 'b', 'c'] } },
  { id: 'n4', source: { tags: ['no title'] } },
  { id: 'x1', source: { something: 'else' } },
];

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a mapping that is not Freezer's goes through validate, migrate, verify and sync (update, delete, insert) with none of its tables named by the pipeline`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-notes-'));
    const file = join(dir, 'notes.ndjson');
    writeNotes(file, FIRST);
    const scratch = await createScratchDatabase(dialect, 'notes');
    const db = openDatabase(parseDatabaseUrl(scratch.url));
    const rows = async (table: string, order: string) => (await db.selectFrom(table).selectAll().orderBy(order).execute()) as Record<string, unknown>[];
    try {
      const dry = await validate({ source: { file }, target: scratch.url, mapping: notesMapping });
      t.is(dry.error, undefined, dry.error?.message);
      t.like(dry.report.totals, { read: 5, wouldMigrate: 3, wouldReject: 2 });
      t.deepEqual(dry.report.rejectReasons.map((r) => [r.reason, r.count]).sort(), [['missing_title', 1], ['unclassified_document', 1]]);
      t.like(dry.report.tables, { notes: { rows: 3 }, note_tags: { rows: 5 } });

      const migrated = await migrate({ source: { file }, target: scratch.url, mapping: notesMapping });
      t.is(migrated.error, undefined, migrated.error?.message);
      t.like(migrated.stats, { read: 5, migrated: 3, rejected: 2, layout: 'notes@1' });
      t.deepEqual((await rows('notes', 'id')).map((r) => [r.id, r.title, Number(r.tag_count)]), [['n1', 'groceries', 2], ['n2', 'Ünïcode “quotes” \u{1F600}', 0], ['n3', 'work', 3]]);
      t.deepEqual((await rows('note_tags', 'id')).map((r) => [r.note_id, Number(r.position), r.tag]), [['n1', 0, 'home'], ['n1', 1, 'food'], ['n3', 0, 'a'], ['n3', 1, 'b'], ['n3', 2, 'c']]);

      const checked = await verify({ source: { file }, target: scratch.url, mapping: notesMapping });
      t.is(checked.error, undefined, checked.error?.message);
      t.true(checked.report.clean);
      t.like(checked.report.totals, { esRead: 5, matched: 3, knownRejects: 2 });

      writeNotes(file, [
        { id: 'n1', source: { title: 'groceries and more', tags: ['food'] } },
        FIRST[2]!,
        FIRST[3]!,
        FIRST[4]!,
        { id: 'n5', source: { title: 'new', tags: ['x'] } },
      ]);
      const synced = await sync({ source: { file }, target: scratch.url, mapping: notesMapping });
      t.is(synced.error, undefined, synced.error?.message);
      const notes = await rows('notes', 'id');
      t.deepEqual(notes.map((r) => [r.id, r.title, r.deleted_at === null]), [['n1', 'groceries and more', true], ['n2', 'Ünïcode “quotes” \u{1F600}', false], ['n3', 'work', true], ['n5', 'new', true]]);
      t.deepEqual((await rows('note_tags', 'id')).map((r) => [r.note_id, r.tag]), [['n1', 'food'], ['n3', 'a'], ['n3', 'b'], ['n3', 'c'], ['n5', 'x']]);

      const again = await verify({ source: { file }, target: scratch.url, mapping: notesMapping });
      t.is(again.error, undefined, again.error?.message);
      t.true(again.report.clean, JSON.stringify(again.report.totals));
      t.like(again.report.totals, { matched: 3, missing: 0, extra: 0, different: 0 });
    } finally {
      await db.destroy();
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
