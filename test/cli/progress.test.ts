import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { smallFreezerDocs, writeNdjson } from '../helpers/small-freezer-docs.ts';
import { BIN, NODE, REPO, runBin } from './helpers/run-bin.ts';
import { lines, runCli } from './helpers/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'es2sql-cli-progress-'));
const dump = join(work, 'dump.ndjson');
const COUNTS = { clients: 5, actions: 40, sessions: 4, jobs: 60, backups: 12_000 };

test.before(() => writeNdjson(dump, smallFreezerDocs(COUNTS)));
test.after.always(() => rmSync(work, { recursive: true, force: true }));

interface ProgressRecord {
  event: string;
  entity: string;
  read: number;
  total: number;
  docsPerSecond: number;
  etaSeconds: number | null;
  finished: boolean;
}

test('on a terminal (pseudo-TTY via script(1)): a live bar per entity with docs/s and ETA, then the summary', async (t) => {
  const command = [NODE, '--disable-warning=ExperimentalWarning', BIN, 'migrate', '--source', dump, '--target', `sqlite:${join(work, 'tty.db')}`].join(' ');
  // -e: script exits with the child's code; the terminal output (stdout and stderr) lands in its stdout.
  const { stdout } = await promisify(execFile)('script', ['-qefc', command, '/dev/null'], { cwd: REPO, env: { ...process.env, COLUMNS: '120', TERM: 'xterm' }, maxBuffer: 64 << 20 });
  const screen = stdout.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b[78]/g, '');
  for (const [entity, total] of Object.entries(COUNTS)) {
    t.regex(screen, new RegExp(`${entity} +█+ 100% \\| ${total}/${total} docs \\| \\d+ docs/s \\| ETA done`), entity);
  }
  // While it ran, bars showed a rate and a remaining time.
  t.regex(screen, /backups +[█░]+ +\d{1,2}% \| \d+\/12000 docs \| \d+ docs\/s \| ETA (\d+s|\d+m \d+s|—)/);
  t.notRegex(screen, /"event":"progress"/);
  t.regex(screen, /^total +12,109 +12,109 +12,109 +0 +12,\d{3}/m);
});

test('off a terminal: periodic one-line JSON progress records with read and total', async (t) => {
  const run = await runBin(['migrate', '--source', dump, '--target', `sqlite:${join(work, 'pipe.db')}`, '--progress-interval', '0.1']);
  t.is(run.code, EXIT_CODES.ok, run.stderr);
  const records = lines(run.stderr).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as ProgressRecord);
  t.true(records.length >= 6, run.stderr);
  for (const record of records) {
    t.is(record.event, 'progress');
    t.true(Number.isInteger(record.read) && Number.isInteger(record.total) && record.read <= record.total, JSON.stringify(record));
    t.is(typeof record.docsPerSecond, 'number');
    t.true(record.etaSeconds === null || record.etaSeconds >= 0);
  }
  for (const [entity, total] of Object.entries(COUNTS)) {
    const mine = records.filter((record) => record.entity === entity);
    t.deepEqual(mine.map((record) => record.read), [...mine.map((record) => record.read)].sort((a, b) => a - b), `${entity} only moves forward`);
    t.like(mine.at(-1), { total, read: total, finished: true, etaSeconds: 0 });
  }
  // The big entity was reported while it was still moving, with a rate and an ETA.
  const moving = records.filter((record) => record.entity === 'backups' && !record.finished);
  t.true(moving.length > 0, run.stderr);
  t.true(moving.every((record) => record.total === 12_000 && record.read < 12_000 && record.docsPerSecond > 0 && record.etaSeconds !== null));
  t.regex(run.stdout, /^backups +12,000 +12,000 +12,000 +0 +12,000$/m);
});

test('--quiet: no progress, no notes, no summary; the exit code still tells', async (t) => {
  const run = await runCli(['migrate', '--source', dump, '--target', `sqlite:${join(work, 'quiet.db')}`, '--quiet', '--progress-interval', '0.05']);
  t.is(run.code, EXIT_CODES.ok);
  t.is(run.stdout, '');
  t.is(run.stderr, '');
});

test('--log-format json: notes become JSON log records too', async (t) => {
  const run = await runCli(['migrate', '--source', dump, '--target', `sqlite:${join(work, 'json.db')}`, '--log-format', 'json', '--progress-interval', '60']);
  t.is(run.code, EXIT_CODES.ok);
  const records = lines(run.stderr).map((line) => JSON.parse(line) as { event: string; level?: string; message?: string });
  t.true(records.some((record) => record.event === 'log' && record.level === 'info' && record.message?.startsWith('migrating file ')));
  t.true(records.filter((record) => record.event === 'progress').length >= 5);
});
