import test from 'ava';
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { errorLine, runCli } from './helpers/run-cli.ts';

/** 1000 short notes (one sample page), then one of 300 characters only a full scan sees. */
function writeDump(file: string): void {
  const lines = [];
  for (let n = 0; n < 1000; n += 1) lines.push({ _index: 'notes', _id: `n${n}`, _source: { note: `note ${n}` } });
  lines.push({ _index: 'notes', _id: 'long', _source: { note: 'x'.repeat(300) } });
  writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
}

test('migrate --mapping auto --scan all derives columns from every document (sample: one page); a later sync and verify keep those tables; --scan other is one line, exit 64', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-scan-'));
  try {
    const dump = join(dir, 'notes.ndjson');
    writeDump(dump);
    const sampled = join(dir, 'sampled.db');
    const sample = await runCli(['migrate', '--source', dump, '--target', `sqlite:${sampled}`, '--mapping', 'auto'], { cwd: dir });
    t.is(sample.code, EXIT_CODES.rejects, sample.stderr);
    const all = join(dir, 'all.db');
    const full = await runCli(['migrate', '--source', dump, '--target', `sqlite:${all}`, '--mapping', 'auto', '--scan', 'all'], { cwd: dir });
    t.is(full.code, EXIT_CODES.ok, full.stderr);
    const db = new DatabaseSync(all, { readOnly: true });
    try {
      t.is((db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n, 1001);
      const plan = JSON.parse(String((db.prepare('SELECT definition FROM es2sql_definitions').get() as { definition: string }).definition));
      t.is(plan.source.scan, 'all');
      t.is(plan.tables[0].columns.find((column: { name: string }) => column.name === 'note').length, 1024);
    } finally {
      db.close();
    }
    // Without --scan the plan derived now is a sample's (varchar 32): the pipeline keeps the stored one.
    const synced = await runCli(['sync', '--source', dump, '--target', `sqlite:${all}`, '--mapping', 'auto'], { cwd: dir });
    t.is(synced.code, EXIT_CODES.ok, synced.stderr);
    t.regex(synced.stderr, /notes\.note: string\(1024\) → string\(32\)/);
    const verified = await runCli(['verify', '--source', dump, '--target', `sqlite:${all}`, '--mapping', 'auto', '--scan', 'all'], { cwd: dir });
    t.is(verified.code, EXIT_CODES.ok, verified.stderr);
    t.notRegex(verified.stderr, /derives others/);

    const bad = await runCli(['migrate', '--source', dump, '--target', `sqlite:${join(dir, 'never.db')}`, '--mapping', 'auto', '--scan', 'most'], { cwd: dir });
    t.is(bad.code, EXIT_CODES.usage);
    t.is(errorLine(bad), '--scan is "most"; use sample (one page of documents) or all (every document)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
