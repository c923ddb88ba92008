import test from 'ava';
import { migrate } from '../../pipeline/run/migrate.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { lines, runCli } from '../cli/helpers/run-cli.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { CorpusIndex } from './helpers/corpus-index.ts';
import { FreezerTables } from './helpers/freezer-tables.ts';
import { documentMap } from './helpers/state-tables.ts';

const MIGRATION_TIME = new Date('2024-03-01T12:00:00Z');
const PAIRS: Array<[number, Dialect]> = ([[2, 'mysql'], [8, 'sqlite']] as Array<[number, Dialect]>).filter(
  ([major, dialect]) => TEST_ES_MAJORS.includes(major) && TEST_DIALECTS.includes(dialect),
);

/** `es2sql sync …` through the real command line (in process), as a shell loop would run it. */
async function syncCommand(source: { url: string; index: string }, target: string, ...flags: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const run = await runCli(['sync', '--source', source.url, '--index', source.index, '--target', target, '--slices', '2', ...flags]);
  return { code: run.code, out: lines(run.stdout), err: lines(run.stderr) };
}

function totalLine(out: string[]): { found: number; done: number; remaining: number } {
  const line = out.find((l) => l.trim().startsWith('total'));
  const [found, done, remaining] = (line ?? '').trim().split(/\s+/).slice(1).map(Number);
  return { found: found!, done: done!, remaining: remaining! };
}

for (const [major, dialect] of PAIRS) {
  test(`ES ${major} → ${dialect}: "until es2sql sync --max-count 40; do :; done" exits 1,1,…,0 and ends in exactly the state of one unlimited sync`, async (t) => {
    const base = esUrl(major);
    const corpus = await CorpusIndex.load(base, major, 600);
    const looped = await createScratchDatabase(dialect, 'loop');
    const single = await createScratchDatabase(dialect, 'once');
    const source = { url: base, index: corpus.index };
    try {
      for (const scratch of [looped, single]) {
        const migrated = await migrate({ source, target: scratch.url, migrationTime: MIGRATION_TIME, slices: 2 });
        t.is(migrated.error, undefined, migrated.error?.message);
      }
      // About 150 changes over every entity: every 9th document edited, every 11th deleted, 60 new ones.
      for (const [n, doc] of corpus.documents.entries()) {
        if (n % 11 === 0) await corpus.remove(doc);
        else if (n % 9 === 0) await corpus.edit(doc, n);
      }
      await corpus.add(60, 99);

      const codes: number[] = [];
      let first: ReturnType<typeof totalLine> | undefined;
      for (let run = 0; run < 20; run++) {
        const { code, out, err } = await syncCommand(source, looped.url, '--max-count', '40');
        t.false(err.some((l) => /error|warning/i.test(l)), err.join('\n'));
        codes.push(code);
        first ??= totalLine(out);
        const total = totalLine(out);
        t.true(total.done <= 40, `run ${run + 1} applied at most 40 changes`);
        if (code !== EXIT_CODES.workRemains) break;
      }
      t.log(`changes found by the first run: ${first!.found}; exit codes: ${codes.join(',')}`);
      t.true(first!.found >= 140, `enough changes to need several runs (${first!.found})`);
      t.deepEqual(codes, [...Array(Math.ceil(first!.found / 40) - 1).fill(EXIT_CODES.workRemains), EXIT_CODES.ok]);

      const once = await syncCommand(source, single.url);
      t.is(once.code, EXIT_CODES.ok);
      t.is(totalLine(once.out).found, first!.found);

      const [a, b] = [new FreezerTables(looped.url), new FreezerTables(single.url)];
      try {
        t.deepEqual(await a.dump(), await b.dump(), 'every freezer table equal, soft-deleted rows included');
      } finally {
        await a.close();
        await b.close();
      }
      t.deepEqual(await documentMap(looped.url, undefined), await documentMap(single.url, undefined), 'the same document map: loaded, rejected and deleted alike');
      const again = await syncCommand(source, looped.url, '--max-count', '40');
      t.is(again.code, EXIT_CODES.ok, 'in step: the next run exits 0 at once');
      t.is(totalLine(again.out).found, 0);
    } finally {
      await corpus.drop();
      await looped.drop();
      await single.drop();
    }
  });
}
