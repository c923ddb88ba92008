import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { BUNDLED_DEPENDENCIES, BUNDLES_ENV, VENDOR_DIRECTORY, VENDOR_MANIFEST, type VendorManifest } from '../../cli/bundled-dependencies.ts';
import { LAUNCH_FLAGS } from '../../cli/heap-settings.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { bundleDependencies } from '../../scripts/bundle-dependencies.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { canonicalDump } from '../helpers/canonical-dump.ts';
import { createScratchDatabase } from '../helpers/databases.ts';
import { esUrl } from '../helpers/elasticsearch.ts';
import { smallFreezerDocs } from '../helpers/small-freezer-docs.ts';
import { closedPort } from './helpers/closed-port.ts';
import { esMajor } from './helpers/es-major.ts';
import { writeLoadRecorder } from './helpers/record-loads.ts';
import { NODE, REPO } from './helpers/run-bin.ts';
import { seedIndex } from './helpers/seed-index.ts';

const run = promisify(execFile);
const SAMPLE = `${REPO}fixtures/freezer-sample.ndjson`;
const requireHere = createRequire(import.meta.url);

/** The build `npm run build` makes (tsc, then the bundles), in a directory of its own. */
let build: string;
let manifest: VendorManifest;
/** The module each run loads first to record what it loads. */
let recorder: string;

test.before(async () => {
  build = mkdtempSync(join(tmpdir(), 'es2sql-bundled-'));
  await run(`${REPO}node_modules/.bin/tsc`, ['-p', `${REPO}tsconfig.build.json`, '--outDir', join(build, 'dist')], { cwd: REPO });
  copyFileSync(`${REPO}package.json`, join(build, 'package.json'));
  symlinkSync(`${REPO}node_modules`, join(build, 'node_modules'));
  manifest = await bundleDependencies(join(build, 'dist'));
  recorder = writeLoadRecorder(build);
});

test.after.always(() => {
  if (build !== undefined) rmSync(build, { recursive: true, force: true });
});

interface BinResult {
  code: number;
  stdout: string;
  stderr: string;
  /** URLs of the modules the process loaded. */
  loaded: string[];
}

/** A child process to its end, whatever its exit code; NODE_DEBUG output can run to tens of MB. */
async function execFileText(file: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(file, args, { ...options, maxBuffer: 512 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

let runs = 0;

/** The built bin, as npm's bin link starts it (launch flags), with or without its bundles. */
async function bin(argv: readonly string[], bundles: boolean): Promise<BinResult> {
  const record = join(build, `loads-${++runs}.txt`);
  const env = { ...process.env, RECORD_LOADS: record, [BUNDLES_ENV]: bundles ? '1' : '0' };
  const args = [...LAUNCH_FLAGS, '--import', pathToFileURL(recorder).href, join(build, 'dist/cli/es2sql.js'), ...argv];
  const result = await execFileText(NODE, args, { cwd: build, env });
  return { ...result, loaded: readFileSync(record, 'utf8').split('\n') };
}

/**
 * The canonical dump of a database with its run's migration time (each run stamps its rows with
 * its own) written as `<migration time>`, so two runs of the same migration compare equal.
 */
async function dumpWithoutMigrationTime(url: string): Promise<{ text: string; rows: Record<string, number> }> {
  const db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  const runs = await db.selectFrom('es2sql_runs').select('migration_time').execute().finally(() => db.destroy());
  if (runs.length !== 1) throw new Error(`expected one run in ${url}, found ${runs.length}`);
  const second = String(runs[0]!.migration_time).slice(0, 19);
  const stamp = new RegExp(`${second.slice(0, 10)}[ T]${second.slice(11)}(?:\\.\\d+)?Z?`, 'g');
  const dump = await canonicalDump(url);
  return { text: dump.text.replace(stamp, '<migration time>'), rows: dump.rows };
}

/** Modules of an installed package the process loaded from node_modules. */
const fromNodeModules = (loaded: readonly string[], specifier: string) => loaded.filter((url) => url.includes(`/node_modules/${specifier}/`));
const vendorUrl = (file: string) => pathToFileURL(join(build, 'dist', VENDOR_DIRECTORY, file)).href;

test('the build bundles kysely, @elastic/elasticsearch and mysql2, each exporting every name the installed package exports, at its installed version', async (t) => {
  t.deepEqual(Object.keys(manifest.bundles).sort(), BUNDLED_DEPENDENCIES.map((bundle) => bundle.specifier).sort());
  t.deepEqual(JSON.parse(readFileSync(join(build, 'dist', VENDOR_DIRECTORY, VENDOR_MANIFEST), 'utf8')), manifest);
  for (const { specifier, file } of BUNDLED_DEPENDENCIES) {
    const bundled = Object.keys(await import(vendorUrl(file)));
    const installed = Object.keys(await import(specifier)).filter((name) => name !== 'module.exports');
    for (const name of installed) t.true(bundled.includes(name), `${specifier}: ${name}`);
    const version = (JSON.parse(readFileSync(`${REPO}node_modules/${specifier}/package.json`, 'utf8')) as { version: string }).version;
    t.is(manifest.bundles[specifier]?.version, version, specifier);
  }
  // What es2sql requires of mysql2 (multi-row-insert.ts), which Node's scan of its CommonJS misses.
  t.is(typeof (requireHere(join(build, 'dist', VENDOR_DIRECTORY, 'mysql2.js')) as { escape?: unknown }).escape, 'function');
});

test('the bundles reach Node built-ins through require, not an ES import (which would load node:http\'s undici at every start)', (t) => {
  for (const { file } of BUNDLED_DEPENDENCIES) {
    const text = readFileSync(join(build, 'dist', VENDOR_DIRECTORY, file), 'utf8');
    // The banner's two imports (createRequire, fileURLToPath) are the only ES imports left.
    const imports = text.split('\n').filter((line) => /^import\b/.test(line));
    t.deepEqual(imports.map((line) => /from ['"]([^'"]+)['"]/.exec(line)?.[1]), ['node:module', 'node:url'], file);
  }
  t.regex(readFileSync(join(build, 'dist', VENDOR_DIRECTORY, 'elasticsearch.js'), 'utf8'), /__require\("node:http"\)/);
});

test('the built bin loads the bundles instead of the installed packages and writes the same MariaDB rows either way', async (t) => {
  const withBundles = await createScratchDatabase('mysql', 'bundled');
  const without = await createScratchDatabase('mysql', 'unbundled');
  try {
    const bundled = await bin(['migrate', '--source', SAMPLE, '--target', withBundles.url], true);
    const installed = await bin(['migrate', '--source', SAMPLE, '--target', without.url], false);
    t.is(bundled.code, EXIT_CODES.rejects, bundled.stderr);
    t.is(installed.code, EXIT_CODES.rejects, installed.stderr);
    t.regex(bundled.stdout, /: 300 documents in /);
    for (const specifier of ['kysely', 'mysql2']) {
      t.deepEqual(fromNodeModules(bundled.loaded, specifier), [], specifier);
      t.true(fromNodeModules(installed.loaded, specifier).length > 0, specifier);
    }
    t.true(bundled.loaded.includes(vendorUrl('kysely.js')));
    t.true(bundled.loaded.includes(vendorUrl('mysql2.js')));
    t.false(installed.loaded.includes(vendorUrl('kysely.js')));
    const [a, b] = await Promise.all([dumpWithoutMigrationTime(withBundles.url), dumpWithoutMigrationTime(without.url)]);
    t.true(Object.values(a.rows).reduce((sum, rows) => sum + rows, 0) > 200);
    t.true(a.text.includes('<migration time>'));
    t.deepEqual(a.rows, b.rows);
    t.is(a.text, b.text);
  } finally {
    await withBundles.drop();
    await without.drop();
  }
});

test('a batch worker thread loads the bundles too: kysely once in each thread, from the bundle', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-bundled-workers-'));
  try {
    // NODE_DEBUG=esm makes every thread's loader name each module it translates, on stderr.
    const run = async (bundles: boolean) =>
      execFileText(NODE, [...LAUNCH_FLAGS, join(build, 'dist/cli/es2sql.js'), 'migrate', '--source', SAMPLE, '--target', `sqlite:${join(dir, `${bundles}.db`)}`, '--workers', '1'], {
        cwd: build,
        env: { ...process.env, NODE_DEBUG: 'esm', [BUNDLES_ENV]: bundles ? '1' : '0' },
      });
    const translated = (stderr: string) => stderr.split('\n').filter((line) => line.includes(' Translating '));
    const bundled = await run(true);
    t.is(bundled.code, EXIT_CODES.rejects);
    t.regex(bundled.stdout, /: 300 documents in /);
    t.deepEqual(translated(bundled.stderr).filter((line) => /\/node_modules\/(kysely|mysql2|@elastic)\//.test(line)), []);
    t.is(translated(bundled.stderr).filter((line) => line.includes(`${vendorUrl('kysely.js')} `)).length, 2);
    const installed = await run(false);
    t.is(installed.code, EXIT_CODES.rejects);
    t.true(translated(installed.stderr).some((line) => line.includes('/node_modules/kysely/')));
    t.deepEqual(translated(installed.stderr).filter((line) => line.includes('/vendor/')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('through the bundled Elasticsearch client: a real migration, and an unreachable server gives the same one-line error as through the installed client', async (t) => {
  const major = esMajor(8);
  const es = esUrl(major);
  const seeded = await seedIndex(es, major, smallFreezerDocs());
  const target = await createScratchDatabase('sqlite', 'bundled-es');
  try {
    const migrated = await bin(['migrate', '--source', es, '--index', seeded.index, '--target', target.url], true);
    t.true(migrated.code === EXIT_CODES.ok || migrated.code === EXIT_CODES.rejects, migrated.stderr);
    t.regex(migrated.stdout, new RegExp(`: ${seeded.count} documents in `));
    t.deepEqual(fromNodeModules(migrated.loaded, '@elastic/elasticsearch'), []);
    t.deepEqual(fromNodeModules(migrated.loaded, '@elastic/transport'), []);
    t.true(migrated.loaded.includes(vendorUrl('elasticsearch.js')));

    const closed = `http://127.0.0.1:${await closedPort()}`;
    const bundled = await bin(['migrate', '--source', closed, '--target', target.url], true);
    const installed = await bin(['migrate', '--source', closed, '--target', target.url], false);
    t.true(fromNodeModules(installed.loaded, '@elastic/elasticsearch').length > 0);
    t.is(bundled.code, installed.code);
    t.not(bundled.code, EXIT_CODES.ok);
    t.is(bundled.stderr, installed.stderr);
    const lines = bundled.stderr.trim().split('\n');
    t.regex(lines.at(-1) ?? '', /^error: cannot reach Elasticsearch at http:\/\/127\.0\.0\.1:\d+: connection refused; check --source/);
    t.false(bundled.stderr.includes('    at '), bundled.stderr);
  } finally {
    await seeded.drop();
    await target.drop();
  }
});
