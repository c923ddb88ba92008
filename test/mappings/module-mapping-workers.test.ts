import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveMapping } from '../../mappings/index.ts';
import type { RunEvent } from '../../pipeline/batch/run-events.ts';
import { migrate } from '../../pipeline/run/migrate.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';

/** Every row of `tables`, as sorted JSON lines per table. */
async function rowsOf(url: string, tables: readonly string[]): Promise<Record<string, string[]>> {
  const db = openDatabase(parseDatabaseUrl(url));
  try {
    const out: Record<string, string[]> = {};
    for (const table of tables) out[table] = ((await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[]).map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).sort();
    return out;
  } finally {
    await db.destroy();
  }
}

function notesFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-notes-workers-'));
  const file = join(dir, 'notes.ndjson');
  const lines = Array.from({ length: 90 }, (_, i) => JSON.stringify({ _index: 'notes', _id: `n${i}`, _source: i % 7 === 0 ? { tags: ['untitled'] } : { title: `note ${i} “q”`, tags: Array.from({ length: i % 4 }, (_, k) => `t${k}`) } }));
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const MODULES = [
  { name: 'a Mapping module (test notes mapping)', module: 'test/mappings/helpers/notes-mapping-module.ts', file: notesFile, tables: ['notes', 'note_tags'] },
  { name: 'a defineMapping module (docs example)', module: 'docs/examples/orders-mapping.ts', file: () => 'fixtures/orders-sample.ndjson', tables: ['orders', 'order_lines'] },
];

for (const dialect of TEST_DIALECTS) {
  for (const { name, module, file, tables } of MODULES) {
    test(`${dialect}: --mapping <file> with ${name}: 2 worker threads load the module again and write exactly what one thread writes`, async (t) => {
      const source = { file: file() };
      const one = await createScratchDatabase(dialect, 'modw0');
      const two = await createScratchDatabase(dialect, 'modw2');
      try {
        const mapping = await resolveMapping(module);
        const migrationTime = new Date('2026-01-02T03:04:05.000Z');
        const reference = await migrate({ source, target: one.url, mapping, workers: 0, batchSize: 10, migrationTime });
        t.is(reference.error, undefined, reference.error?.message);
        const events: RunEvent[] = [];
        const threaded = await migrate({ source, target: two.url, mapping, workers: 2, batchSize: 10, migrationTime, onEvent: (event) => events.push(event) });
        t.is(threaded.error, undefined, threaded.error?.message);
        t.deepEqual(events.filter((event) => event.type === 'info' && event.message.includes('without worker threads')), []);
        t.is(threaded.stats.migrated, reference.stats.migrated);
        t.is(threaded.stats.rejected, reference.stats.rejected);
        t.true(threaded.stats.migrated > 0);
        const rows = await rowsOf(two.url, tables);
        t.true(rows[tables[1]!]!.length > 0, 'child rows written');
        t.deepEqual(rows, await rowsOf(one.url, tables));
      } finally {
        await one.drop();
        await two.drop();
        if (!source.file.startsWith('fixtures/')) rmSync(join(source.file, '..'), { recursive: true, force: true });
      }
    });
  }
}
