import test from 'ava';
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import * as es2sql from '../../index.ts';
import { LAUNCH_FLAGS, launchEnvWords } from '../../cli/heap-settings.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { NODE, REPO } from './helpers/run-bin.ts';
import { MINIMUM_NODE } from '../../cli/node-version.ts';

/** The Node.js Debian installs (the machine's system Node, older than es2sql needs). */
const SYSTEM_NODE = '/usr/bin/node';

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
    // Started as a program (as npm's bin link starts it): its #! line passes the launch flags to node.
    chmodSync(join(dir, 'dist/cli/es2sql.js'), 0o755);
    const direct = await run(join(dir, 'dist/cli/es2sql.js'), ['--version'], { cwd: dir, env: { ...process.env, PATH: `${dirname(NODE)}:${process.env.PATH}` } });
    t.is(direct.stdout, '0.1.0\n');
    // Worker threads inherit the launch flags (V8 options that an explicit execArgv would refuse).
    const threaded = await run(join(dir, 'dist/cli/es2sql.js'), ['migrate', '--source', SAMPLE, '--target', `sqlite:${join(dir, 'threads.db')}`, '--workers', '1'], { cwd: dir, env: { ...process.env, PATH: `${dirname(NODE)}:${process.env.PATH}` } }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    t.is((threaded as { code?: number }).code, EXIT_CODES.rejects, (threaded as { stderr?: string }).stderr);
    t.regex(threaded.stdout, /: 300 documents in /);
    const migrated = await run(NODE, [join(dir, 'dist/cli/es2sql.js'), 'migrate', '--source', SAMPLE], { cwd: dir }).catch((error: { code: number; stdout: string }) => error);
    t.is((migrated as { code?: number }).code, EXIT_CODES.rejects);
    t.regex(migrated.stdout, new RegExp(`^Migrated file ${SAMPLE} into sqlite:${dir}/es2sql\\.db`, 'm'));
    // The machine's own Node.js (20 on this machine kind) is too old: one line that says so, no stack trace.
    const oldNode = await run(SYSTEM_NODE, ['--version']);
    t.true(Number(/^v(\d+)/.exec(oldNode.stdout)![1]) < MINIMUM_NODE[0], `${SYSTEM_NODE} is ${oldNode.stdout.trim()}`);
    const refused = await run(SYSTEM_NODE, [join(dir, 'dist/cli/es2sql.js'), 'migrate', '--source', SAMPLE], { cwd: dir }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    t.is((refused as { code?: number }).code, EXIT_CODES.error);
    t.is(refused.stdout, '');
    t.regex(refused.stderr, /^es2sql: es2sql needs Node\.js 22\.18 or later, and this is Node\.js \d+\.\d+\.\d+; install a newer Node\.js[^\n]*\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bin and the npm scripts start Node with the launch environment and the young-generation launch flags (cli/heap-settings.ts)', (t) => {
  const firstLine = readFileSync(`${REPO}cli/es2sql.ts`, 'utf8').split('\n')[0];
  t.is(firstLine, `#!/usr/bin/env -S ${launchEnvWords().join(' ')} node ${LAUNCH_FLAGS.join(' ')}`);
  const scripts = (JSON.parse(readFileSync(`${REPO}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const name of ['es2sql', 'bench']) t.true(scripts[name]!.startsWith(`${launchEnvWords().join(' ')} node ${LAUNCH_FLAGS.join(' ')} `), name);
});
