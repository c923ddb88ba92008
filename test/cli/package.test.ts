import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as es2sql from '../../index.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { NODE, REPO } from './helpers/run-bin.ts';

const run = promisify(execFile);
const SAMPLE = `${REPO}fixtures/freezer-sample.ndjson`;

test('the library exports the commands, schema functions, source, exit codes and error classes', async (t) => {
  for (const name of ['migrate', 'validate', 'verify', 'sync', 'syncEvery', 'cutover', 'upgradeSchema', 'schemaStatus', 'introspectTarget', 'parseLayoutChoice', 'openSource', 'resolveConfig', 'main', 'buildArgv'] as const) {
    t.is(typeof es2sql[name], 'function', name);
  }
  t.is(es2sql.EXIT_CODES, EXIT_CODES);
  for (const name of ['SourceError', 'SourceTlsError', 'SourceAuthError', 'SchemaError', 'ForeignSchemaError', 'ConfigError', 'DatabaseUrlError', 'SyncError', 'CutoverRefusedError', 'UsageError', 'InvalidOptionsError'] as const) {
    t.true((es2sql[name] as unknown as { prototype: unknown }).prototype instanceof Error, name);
  }
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-lib-'));
  try {
    const result = await es2sql.migrate({ source: { file: SAMPLE }, target: `sqlite:${join(dir, 'lib.db')}` });
    t.is(result.error, undefined);
    t.is(result.stats.read, 300);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the published bin (tsc -p tsconfig.build.json → dist/cli/es2sql.js) runs: --help, then a migration', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-dist-'));
  try {
    await run(`${REPO}node_modules/.bin/tsc`, ['-p', `${REPO}tsconfig.build.json`, '--outDir', join(dir, 'dist')], { cwd: REPO, env: { ...process.env, PATH: `${REPO}node_modules/.bin:${process.env.PATH}` } });
    copyFileSync(`${REPO}package.json`, join(dir, 'package.json'));
    symlinkSync(`${REPO}node_modules`, join(dir, 'node_modules'));
    const help = await run(NODE, [join(dir, 'dist/cli/es2sql.js'), '--help'], { cwd: dir });
    t.regex(help.stdout, /^es2sql <command> \[options\]/);
    const version = await run(NODE, [join(dir, 'dist/cli/es2sql.js'), '--version'], { cwd: dir });
    t.is(version.stdout, '0.1.0\n');
    const migrated = await run(NODE, [join(dir, 'dist/cli/es2sql.js'), 'migrate', '--source', SAMPLE], { cwd: dir }).catch((error: { code: number; stdout: string }) => error);
    t.is((migrated as { code?: number }).code, EXIT_CODES.rejects);
    t.regex(migrated.stdout, new RegExp(`^Migrated file ${SAMPLE} into sqlite:${dir}/es2sql\\.db`, 'm'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
