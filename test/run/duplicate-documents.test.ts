import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { migrate } from '../../pipeline/run/migrate.ts';
import type { ValidationReport } from '../../pipeline/report/report-types.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { smallFreezerDocs, type SmallDoc } from '../helpers/small-freezer-docs.ts';
import { runCli } from '../cli/helpers/run-cli.ts';
import { canonicalDump } from '../helpers/canonical-dump.ts';

const hex = (n: number, prefix: string) => `${prefix}${n.toString(16).padStart(32 - prefix.length, '0')}`;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
type Line = SmallDoc & { _version?: number };

/**
 * 20 distinct documents and 4 more that collide: a job copy at the far end of the file (another
 * batch), a backup copy right after the first (same batch), an action whose earlier copy has the
 * higher `_version`, and a composite backup id whose `backup_uuid` is another backup's id.
 */
function collidingDump(): { lines: Line[]; distinct: number } {
  const lines: Line[] = smallFreezerDocs({ clients: 3, actions: 5, sessions: 2, jobs: 4, backups: 6 });
  const distinct = lines.length;
  const job0 = lines.find((d) => d._id === hex(0, 'j'))!;
  const action0 = lines.find((d) => d._id === hex(0, 'a'))!;
  action0._version = 5;
  (action0._source.freezer_action as Record<string, unknown>).backup_name = 'kept-v5';
  const backup1 = lines.findIndex((d) => d._id === hex(1, 'b'));
  const backup1Copy = clone(lines[backup1]!);
  (backup1Copy._source.backup_metadata as Record<string, unknown>).backup_name = 'second copy';
  lines.splice(backup1 + 1, 0, backup1Copy);
  const jobCopy = clone(job0);
  jobCopy._source.description = 'job 0, read later';
  const actionCopy: Line = { ...clone(action0), _version: 3 };
  (actionCopy._source.freezer_action as Record<string, unknown>).backup_name = 'lost-v3';
  const composite = clone(lines.find((d) => d._id === hex(3, 'b'))!);
  composite._id = 'composite-backup';
  composite._source.backup_id = 'host1.example.org_/srv/data_1500000000_0';
  composite._source.backup_uuid = hex(2, 'b');
  (composite._source.backup_metadata as Record<string, unknown>).backup_name = 'composite wins';
  lines.push(actionCopy, jobCopy, composite);
  return { lines, distinct };
}

async function query<T>(url: string, work: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : (value as Record<string, unknown>));

for (const [dialect, workers] of TEST_DIALECTS.flatMap((d) => [[d, 0], [d, 2]] as const)) {
  const threads = workers === 0 ? 'one thread' : `${workers} worker threads`;
  test(`${dialect}, ${threads}: duplicate _ids and a composite-id collision: one rule, losers rejected duplicate_document naming the winner, counts add up; validate predicts, verify agrees, the first sync changes nothing`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-dup-'));
    const scratch = await createScratchDatabase(dialect, 'dup');
    t.teardown(async () => {
      rmSync(dir, { recursive: true, force: true });
      await scratch.drop();
    });
    const { lines, distinct } = collidingDump();
    const dump = join(dir, 'dup.ndjson');
    writeFileSync(dump, lines.map((d) => JSON.stringify(d)).join('\n') + '\n');
    const losers = lines.length - distinct;
    // One slice, small batches: "read later" is the file order, and copies meet across batches.
    const run = ['--source', dump, '--target', scratch.url, '--slices', '1', '--batch-size', '4'];
    // Worker threads check a page against the copies committed earlier by asking the main thread.
    const threading = ['--workers', String(workers)];

    const validated = await runCli(['validate', ...run, '--report', join(dir, 'v.html'), '--quiet']);
    t.is(validated.code, EXIT_CODES.rejects, validated.stderr);
    const report = JSON.parse(readFileSync(join(dir, 'v.json'), 'utf8')) as ValidationReport;
    t.like(report.totals, { read: lines.length, wouldMigrate: distinct, wouldReject: losers });
    t.is(report.rejectReasons.find((r) => r.reason === 'duplicate_document')?.count, losers);

    const migrated = await runCli(['migrate', ...run, ...threading]);
    t.is(migrated.code, EXIT_CODES.rejects, migrated.stderr);
    t.regex(migrated.stdout, new RegExp(`^total +${lines.length} +${lines.length} +${report.totals.wouldMigrate} +${report.totals.wouldReject} +\\d+$`, 'm'), 'migrate counts what validate predicted');

    const rows = await query(scratch.url, async (db) => ({
      jobs: await db.selectFrom('jobs').select(['id', 'description']).execute(),
      backups: await db.selectFrom('backups').select(['id', 'backup_metadata']).execute(),
      action0: await db.selectFrom('actions').selectAll().where('id', '=', hex(0, 'a')).executeTakeFirst(),
    }));
    t.is(rows.jobs.length, 4);
    t.is(rows.jobs.find((j) => j.id === hex(0, 'j'))?.description, 'job 0, read later');
    t.is(rows.backups.length, 6);
    t.is(json(rows.backups.find((b) => b.id === hex(1, 'b'))?.backup_metadata).backup_name, 'second copy');
    t.is(json(rows.backups.find((b) => b.id === hex(2, 'b'))?.backup_metadata).backup_name, 'composite wins');
    t.is(String(rows.action0?.backup_name), 'kept-v5');

    const listed = JSON.parse((await runCli(['status', '--target', scratch.url, '--rejects', '--json'])).stdout) as { total: number; rejects: Array<{ entity: string; docId: string; reason: string; detail: string }> };
    const duplicates = listed.rejects.filter((r) => r.reason === 'duplicate_document');
    t.is(duplicates.length, losers);
    t.true(duplicates.some((r) => r.entity === 'actions' && r.detail.includes('higher _version (5 > 3)')), JSON.stringify(duplicates));
    t.true(duplicates.some((r) => r.entity === 'backups' && r.detail.includes('as document composite-backup')), JSON.stringify(duplicates));
    t.true(duplicates.every((r) => r.detail.length > 0 && r.docId.includes('#duplicate-')));

    const verified = await runCli(['verify', '--source', dump, '--target', scratch.url, '--quiet']);
    t.is(verified.code, EXIT_CODES.ok, `${verified.stdout}${verified.stderr}`);

    // The sweep applies the rule within a page (one slice: one page here); see docs/dirty-data.md.
    const synced = await runCli(['sync', '--source', dump, '--target', scratch.url, '--slices', '1']);
    t.is(synced.code, EXIT_CODES.ok, synced.stderr);
    t.regex(synced.stdout, /; 0 rows written,/);
  });
}

for (const workers of [0, 2]) {
  test(`sqlite, ${workers === 0 ? 'one thread' : `${workers} worker threads`}: copies of one _id in different slices committed in any order: counts still add up and one copy is in SQL`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-dup-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const docs = smallFreezerDocs({ clients: 1, actions: 1, sessions: 1, jobs: 1, backups: 400 });
    const copy = clone(docs.find((d) => d._id === hex(5, 'b'))!);
    (copy._source.backup_metadata as Record<string, unknown>).backup_name = 'copy';
    docs.push(copy);
    const dump = join(dir, 'far.ndjson');
    writeFileSync(dump, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
    const target = `sqlite:${join(dir, 'far.db')}`;
    const migrated = await runCli(['migrate', '--source', dump, '--target', target, '--slices', '4', '--batch-size', '50', '--workers', String(workers)]);
    t.is(migrated.code, EXIT_CODES.rejects, migrated.stderr);
    t.regex(migrated.stdout, new RegExp(`^total +${docs.length} +${docs.length} +${docs.length - 1} +1 +\\d+$`, 'm'));
    const backups = await query(target, (db) => db.selectFrom('backups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow());
    t.is(Number(backups.n), 400);
  });
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a run interrupted after its first batches and resumed applies the duplicate rule to copies committed before the interruption, as an uninterrupted run does`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-dupr-'));
    const whole = await createScratchDatabase(dialect, 'dupw');
    const resumed = await createScratchDatabase(dialect, 'dupr');
    t.teardown(async () => {
      rmSync(dir, { recursive: true, force: true });
      await whole.drop();
      await resumed.drop();
    });
    const dump = join(dir, 'dup.ndjson');
    writeFileSync(dump, collidingDump().lines.map((d) => JSON.stringify(d)).join('\n') + '\n');
    const options = { source: { file: dump }, slices: 1, batchSize: 4, migrationTime: new Date('2026-12-04T12:00:00Z') };

    const uninterrupted = await migrate({ ...options, target: whole.url });
    t.is(uninterrupted.error, undefined, uninterrupted.error?.message);
    const stop = new AbortController();
    let batches = 0;
    const first = await migrate({ ...options, target: resumed.url, signal: stop.signal, onEvent: (e) => e.type === 'batch' && ++batches === 3 && stop.abort() });
    t.true(first.stats.read < uninterrupted.stats.read, `the first run read ${first.stats.read} of ${uninterrupted.stats.read} documents before it stopped`);
    const second = await migrate({ ...options, target: resumed.url });
    t.is(second.error, undefined, second.error?.message);
    t.true(second.stats.resumed);

    t.is((await canonicalDump(resumed.url)).sha256, (await canonicalDump(whole.url)).sha256, 'the Freezer tables');
    const bookkeeping = (url: string) =>
      query(url, async (db) => ({
        documents: (await db.selectFrom('es2sql_documents').select(['source_partition', 'doc_id', 'sql_id', 'version', 'status']).orderBy('source_partition').orderBy('doc_id').execute()).map((r) => ({ ...r, version: r.version === null ? null : Number(r.version) })),
        rejects: await db.selectFrom('es2sql_rejects').select(['source_partition', 'doc_id', 'reason', 'detail']).orderBy('source_partition').orderBy('doc_id').orderBy('reason').execute(),
      }));
    const expected = await bookkeeping(whole.url);
    t.true(expected.rejects.some((r) => r.reason === 'duplicate_document'));
    t.deepEqual(await bookkeeping(resumed.url), expected);
  });
}
