import test from 'ava';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { migrate } from '../../pipeline/run/migrate.ts';
import { validate, validateExitCode } from '../../pipeline/run/validate.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import type { ValidationReport } from '../../pipeline/report/report-types.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { freshLayoutSchema, type LayoutChoice } from '../../schema/index.ts';
import { DIRTY_CASES } from '../../transforms/dirty-data-policy.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { checkCases } from './helpers/case-check.ts';
import { corpusFile, type CorpusFile } from './helpers/corpus-file.ts';
import { databaseFingerprint } from './helpers/database-dump.ts';

const LAYOUTS: LayoutChoice[] = [
  { layout: 'A', revision: '3', label: '--layout a' },
  { layout: 'B', revision: '23c8ad2655a6', label: '--freezer-release 18' },
  { layout: 'B', revision: '7a3b9c1d2e4f', label: '--layout b' },
];

let corpus: CorpusFile;
test.before(async () => {
  corpus = await corpusFile({ docs: 1500, seed: 5 });
});
test.after.always(() => corpus?.remove());

async function tableCounts(url: string, tables: readonly string[]): Promise<Record<string, number>> {
  const db = openDatabase(parseDatabaseUrl(url));
  try {
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return counts;
  } finally {
    await db.destroy();
  }
}

function predictedRows(report: ValidationReport): Record<string, number> {
  return Object.fromEntries(Object.entries(report.tables).map(([table, t]) => [table, t.rows]));
}

for (const dialect of TEST_DIALECTS) {
  for (const layout of LAYOUTS) {
    test(`${dialect} ${layout.layout}@${layout.revision}: validate finds every seeded case with migrate's policy, writes nothing, and predicts exactly what migrate then does`, async (t) => {
      const scratch = await createScratchDatabase(dialect, 'val');
      try {
        const before = await databaseFingerprint(scratch.url);
        const reportPath = join(corpus.dir, `${dialect}-${layout.layout}-${layout.revision}.html`);
        const result = await validate({ source: { file: corpus.file }, target: scratch.url, layout, slices: 3, sampleLimit: 1_000_000, reportPath });
        t.is(result.error, undefined, result.error?.message);
        t.is(await databaseFingerprint(scratch.url), before, 'validate changed the target');

        const report = result.report;
        t.is(report.target?.exists, false);
        t.is(report.target?.schemaFrom, 'layout-definition');
        t.is(report.totals.read, corpus.documents.length);
        const { checked, mismatches } = checkCases(corpus.documents, report, freshLayoutSchema(dialect, layout.layout, layout.revision));
        t.deepEqual(mismatches, []);
        t.deepEqual(DIRTY_CASES.filter((c) => c !== 'dirty.unclassifiable' && !(checked[c] ! > 0)), [], 'every case the corpus seeds was checked');
        t.true(report.totals.wouldReject > 0);
        t.is(report.outcome, 'rejects');
        t.is(validateExitCode(result), EXIT_CODES.rejects);
        t.deepEqual(JSON.parse(readFileSync(result.files!.json, 'utf8')), JSON.parse(JSON.stringify(report)));
        t.true(existsSync(result.files!.html));

        const migrated = await migrate({ source: { file: corpus.file }, target: scratch.url, layout, slices: 2 });
        t.is(migrated.error, undefined, migrated.error?.message);
        for (const [partition, stats] of Object.entries(migrated.stats.partitions)) {
          const predicted = report.entities[partition]!;
          t.deepEqual(
            { read: predicted.read, migrated: predicted.wouldMigrate, rejected: predicted.wouldReject, findings: predicted.findings },
            { read: stats.read, migrated: stats.migrated, rejected: stats.rejected, findings: stats.findings },
            `partition ${partition}`,
          );
        }
        t.deepEqual(predictedRows(report), await tableCounts(scratch.url, Object.keys(report.tables)));
      } finally {
        await scratch.drop();
      }
    });
  }
}

test('typeless dump: unclassifiable documents are found too, and a clean corpus exits 0', async (t) => {
  const typeless = await corpusFile({ docs: 600, seed: 9, layout: 'typeless' });
  const clean = await corpusFile({ docs: 400, seed: 9, dirtyRate: 0 });
  try {
    const layout = LAYOUTS[2]!;
    const result = await validate({ source: { file: typeless.file }, dialect: 'sqlite', layout, sampleLimit: 1_000_000 });
    t.is(result.error, undefined, result.error?.message);
    const { checked, mismatches } = checkCases(typeless.documents, result.report, freshLayoutSchema('sqlite', 'B', layout.revision));
    t.deepEqual(mismatches, []);
    t.true(checked['dirty.unclassifiable']! > 0);
    t.true((result.report.rejectReasons.find((r) => r.reason === 'unclassified_document')?.count ?? 0) > 0);

    const spotless = await validate({ source: { file: clean.file }, dialect: 'postgres', layout });
    t.is(spotless.error, undefined, spotless.error?.message);
    t.is(spotless.report.totals.wouldReject, 0);
    t.is(spotless.report.outcome, 'clean');
    t.is(validateExitCode(spotless), EXIT_CODES.ok);
  } finally {
    typeless.remove();
    clean.remove();
  }
});
