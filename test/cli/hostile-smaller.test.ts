import test from 'ava';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import type { ValidationReport } from '../../pipeline/report/report-types.ts';
import { smallFreezerDocs, writeNdjson } from '../helpers/small-freezer-docs.ts';
import { closedPort } from './helpers/closed-port.ts';
import { errorLine, lines, runCli } from './helpers/run-cli.ts';

const SAMPLE = 'fixtures/freezer-sample.ndjson';

function scratchDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-hostile-small-'));
  t.teardown(() => {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

test('--source a --source b (files) is a usage error (64), nothing is created', async (t) => {
  const dir = scratchDir(t);
  const target = join(dir, 'out.db');
  const run = await runCli(['migrate', '--source', join(dir, 'a.ndjson'), '--source', join(dir, 'b.ndjson'), '--target', `sqlite:${target}`]);
  t.is(run.code, EXIT_CODES.usage);
  t.regex(errorLine(run) ?? '', /^--source is given 2 times \(.*a\.ndjson, .*b\.ndjson\); give one NDJSON file, or http\(s\) URLs of the nodes of one cluster$/);
  t.false(existsSync(target));
  // Several nodes of one cluster stay allowed.
  const nodes = await runCli(['validate', '--source', 'http://127.0.0.1:1', '--source', 'http://127.0.0.1:2', '--dialect', 'sqlite', '--layout', 'b', '--quiet']);
  t.not(nodes.code, EXIT_CODES.usage);
});

test('PostgreSQL unreachable: every command names the redacted URL (never the bare dialect nor the password), exit 2', async (t) => {
  const port = await closedPort();
  const url = `postgres://root:S3cret-pw@127.0.0.1:${port}/nodb`;
  const shown = `postgres://root:***@127.0.0.1:${port}/nodb`;
  const commands: string[][] = [
    ['migrate', '--source', SAMPLE, '--target', url],
    ['validate', '--source', SAMPLE, '--target', url],
    ['verify', '--source', SAMPLE, '--target', url],
    ['sync', '--source', SAMPLE, '--target', url],
    ['cutover', '--source', SAMPLE, '--target', url],
    ['status', '--target', url],
    ['schema', 'status', '--target', url],
    ['schema', 'upgrade', '--target', url],
  ];
  for (const argv of commands) {
    const run = await runCli([...argv, '--quiet']);
    const what = argv.slice(0, 2).join(' ');
    t.is(run.code, EXIT_CODES.error, what);
    const line = errorLine(run) ?? '';
    t.true(line.includes(shown), `${what}: ${line}`);
    t.false(/target database postgres(?!:\/\/)/.test(line), `${what}: ${line}`);
    t.false(`${run.stdout}${run.stderr}`.includes('S3cret-pw'), what);
  }
});

test('status and schema status open an SQLite file read-only: they work on a read-only file and change nothing', async (t) => {
  const dir = scratchDir(t);
  const dbDir = join(dir, 'ro');
  mkdirSync(dbDir);
  const file = join(dbDir, 'freezer.db');
  const migrated = await runCli(['migrate', '--source', SAMPLE, '--target', `sqlite:${file}`, '--quiet']);
  t.true(migrated.code === EXIT_CODES.ok || migrated.code === EXIT_CODES.rejects, migrated.stderr);
  const before = readFileSync(file);
  const filesBefore = readdirSync(dbDir).sort();
  chmodSync(file, 0o444);
  chmodSync(dbDir, 0o555);
  for (const argv of [['status'], ['status', '--rejects'], ['status', '--json'], ['schema', 'status']]) {
    const run = await runCli([...argv, '--target', `sqlite:${file}`]);
    t.is(run.code, EXIT_CODES.ok, `${argv.join(' ')}: ${run.stderr}`);
    t.false(run.stderr.includes('readonly'), run.stderr);
  }
  t.deepEqual(readdirSync(dbDir).sort(), filesBefore, 'no -wal/-shm or other file created');
  t.true(readFileSync(file).equals(before), 'the file is byte for byte unchanged');
});

test('_type "foo" with a valid backup_id is rejected unclassified_document as docs/dirty-data.md says, with advice; counts add up', async (t) => {
  const dir = scratchDir(t);
  const docs = smallFreezerDocs({ clients: 1, actions: 1, sessions: 1, jobs: 1, backups: 2 });
  const foreign = { ...docs.at(-1)!, _type: 'foo', _id: 'foreign-1' };
  docs.push(foreign);
  const dump = join(dir, 'foo.ndjson');
  writeNdjson(dump, docs);
  const target = `sqlite:${join(dir, 'out.db')}`;
  const run = await runCli(['migrate', '--source', dump, '--target', target]);
  t.is(run.code, EXIT_CODES.rejects, run.stderr);
  t.regex(run.stdout, new RegExp(`^total +${docs.length} +${docs.length} +${docs.length - 1} +1 +\\d+$`, 'm'));
  const listed = JSON.parse((await runCli(['status', '--target', target, '--rejects', '--json'])).stdout) as { rejects: Array<{ entity: string; docId: string; reason: string; detail: string }> };
  t.deepEqual(listed.rejects.map((r) => [r.entity, r.docId, r.reason]), [['unclassified', 'foreign-1', 'unclassified_document']]);
  t.is(listed.rejects[0]!.detail, '_type "foo" is not a Freezer document type (its fields look like backups; set _type to backups, or drop _type, in the dump to migrate it)');
  const policy = readFileSync('docs/dirty-data.md', 'utf8');
  t.regex(policy, /whenever `_type` names something else than Freezer's five types \(`_type: "foo"`\), even if a field such as `backup_id` is present/);
});

test('the validation report counts findings as migrate and its own per-entity figures count them', async (t) => {
  const dir = scratchDir(t);
  const reportPath = join(dir, 'r.html');
  const validated = await runCli(['validate', '--source', SAMPLE, '--target', `sqlite:${join(dir, 'out.db')}`, '--report', reportPath, '--quiet']);
  t.not(validated.code, EXIT_CODES.error, validated.stderr);
  const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as ValidationReport;
  const perEntity: Record<string, number> = {};
  for (const entity of Object.values(report.entities)) for (const [code, n] of Object.entries(entity.findings)) perEntity[code] = (perEntity[code] ?? 0) + n;
  const table = Object.fromEntries(report.findings.filter((f) => f.origin === 'transform').map((f) => [f.code, f.count]));
  t.deepEqual(table, perEntity);
  t.true((perEntity.string_coerced_to_integer ?? 0) > 0, 'the sample has coerced integers');

  const migrated = await runCli(['migrate', '--source', SAMPLE, '--target', `sqlite:${join(dir, 'out.db')}`]);
  const findingsLine = lines(migrated.stdout).find((line) => line.startsWith('findings ')) ?? '';
  for (const [code, n] of Object.entries(perEntity)) t.true(findingsLine.includes(`${code} ${n.toLocaleString('en-US')}`), `${code} ${n} in: ${findingsLine}`);
});
