import test from 'ava';
import { DatabaseSync } from 'node:sqlite';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { errorLine, runCli } from './helpers/run-cli.ts';

const MODULE = resolve(import.meta.dirname, '../mappings/helpers/notes-mapping-module.ts');

test('--mapping names an unknown mapping or a missing file: one line, exit 64, no target created', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-mapping-cli-'));
  try {
    const target = join(dir, 'never.db');
    const unknown = await runCli(['migrate', '--source', 'fixtures/freezer-sample.ndjson', '--target', `sqlite:${target}`, '--mapping', 'orders'], { cwd: process.cwd() });
    t.is(errorLine(unknown), 'unknown mapping "orders"; use freezer, auto, or a mapping file (.json, .ts)');
    t.is(unknown.code, EXIT_CODES.usage);
    const missing = await runCli(['validate', '--source', 'fixtures/freezer-sample.ndjson', '--dialect', 'sqlite', '--mapping', 'my-mapping.ts'], { cwd: dir });
    t.is(errorLine(missing), `the mapping file ${join(dir, 'my-mapping.ts')} does not exist; check the path given to --mapping`);
    t.is(missing.code, EXIT_CODES.usage);
    t.false(existsSync(target));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('es2sql migrate, verify and status with --mapping <file.ts> (ES2SQL_MAPPING works too): the module decides the tables', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-mapping-cli-'));
  try {
    const file = join(dir, 'notes.ndjson');
    writeFileSync(file, [{ _index: 'notes', _id: 'a', _source: { title: 'one', tags: ['x', 'y'] } }, { _index: 'notes', _id: 'b', _source: { title: 'two' } }].map((line) => JSON.stringify(line)).join('\n') + '\n');
    const target = join(dir, 'notes.db');
    const migrated = await runCli(['migrate', '--source', file, '--target', `sqlite:${target}`, '--mapping', MODULE], { cwd: dir });
    t.is(migrated.code, EXIT_CODES.ok, migrated.stderr);
    const db = new DatabaseSync(target, { readOnly: true });
    try {
      t.deepEqual(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'es2sql_%' ORDER BY name").all().map((row) => row.name), ['note_tags', 'notes']);
      t.deepEqual(db.prepare('SELECT id, title FROM notes ORDER BY id').all().map((row) => [row.id, row.title]), [['a', 'one'], ['b', 'two']]);
    } finally {
      db.close();
    }
    const verified = await runCli(['verify', '--source', file, '--target', `sqlite:${target}`], { cwd: dir, env: { ES2SQL_MAPPING: MODULE } });
    t.is(verified.code, EXIT_CODES.ok, verified.stderr);
    const runsOf = async (mapping: string) => {
      const status = await runCli(['status', '--target', `sqlite:${target}`, '--mapping', mapping, '--json'], { cwd: dir });
      t.is(status.code, EXIT_CODES.ok, status.stderr);
      return (JSON.parse(status.stdout) as { runs: Array<{ command: string; options: { mapping?: string } | null }> }).runs;
    };
    t.deepEqual((await runsOf('notes')).map((run) => [run.command, run.options?.mapping]), [['migrate', 'notes']]);
    t.deepEqual(await runsOf('freezer'), [], 'no run of another mapping');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
