import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { BIN_BUNDLE_DIRECTORY, BIN_BUNDLE_ENTRIES, BUNDLE_ENV } from '../../cli/bin-bundle.ts';
import { LAUNCH_FLAGS } from '../../cli/heap-settings.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { bundleBin } from '../../scripts/bundle-bin.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { canonicalDump } from '../helpers/canonical-dump.ts';
import { createScratchDatabase } from '../helpers/databases.ts';
import { esUrl } from '../helpers/elasticsearch.ts';
import { smallFreezerDocs } from '../helpers/small-freezer-docs.ts';
import { closedPort } from './helpers/closed-port.ts';
import { esMajor } from './helpers/es-major.ts';
import { writeLoadRecorder } from './helpers/record-loads.ts';
import { helpTextColumn } from './helpers/help-text-column.ts';
import { NODE, REPO } from './helpers/run-bin.ts';
import { seedIndex } from './helpers/seed-index.ts';

const run = promisify(execFile);
const SAMPLE = `${REPO}fixtures/freezer-sample.ndjson`;
const ORDERS = `${REPO}fixtures/orders-sample.ndjson`;

/** The build `npm run build` makes (tsc, then the bin's bundle), in a directory of its own. */
let build: string;
/** The module each run loads first to record what it loads. */
let recorder: string;
/** A mapping module inside the build's package, importing the library as `es2sql` (a user's would get it from node_modules). */
let mappingModule: string;

test.before(async () => {
  build = mkdtempSync(join(tmpdir(), 'es2sql-bin-bundle-'));
  await run(`${REPO}node_modules/.bin/tsc`, ['-p', `${REPO}tsconfig.build.json`, '--outDir', join(build, 'dist')], { cwd: REPO });
  copyFileSync(`${REPO}package.json`, join(build, 'package.json'));
  symlinkSync(`${REPO}node_modules`, join(build, 'node_modules'));
  await bundleBin(join(build, 'dist'));
  recorder = writeLoadRecorder(build);
  // The docs example, importing the library by the package's name.
  mappingModule = join(build, 'orders-mapping.ts');
  writeFileSync(
    mappingModule,
    readFileSync(`${REPO}docs/examples/orders-mapping.ts`, 'utf8')
      .replace("import { JsonNumber, isJsonObject, type JsonValue } from '../../core/json-value.ts';", "import type { JsonValue } from 'es2sql';")
      .replace("from '../../index.ts'", "from 'es2sql'")
      .replace('(value instanceof JsonNumber ? value.source :', "(typeof value === 'object' && value !== null && 'source' in value ? String(value.source) :")
      .replace('const text =', "const isJsonObject = (value: unknown): value is Record<string, JsonValue> => typeof value === 'object' && value !== null && !Array.isArray(value) && !('source' in value);\nconst text =")
      // Each thread that imports it notes where `es2sql` took it (a file append: synchronous, unlike a worker's stderr).
      .replace("import type { JsonValue } from 'es2sql';", "import type { JsonValue } from 'es2sql';\nimport { appendFileSync } from 'node:fs';\nimport { threadId } from 'node:worker_threads';\nappendFileSync(process.env.LIBRARY_LOG!, `${threadId} ${import.meta.resolve('es2sql')}\\n`);"),
  );
});

test.after.always(() => {
  if (build !== undefined) rmSync(build, { recursive: true, force: true });
});

interface BinResult {
  code: number;
  stdout: string;
  stderr: string;
  /** URLs of the modules the main thread loaded. */
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

/** The built bin, as npm's bin link starts it (launch flags), from its bundle or from the compiled files. */
async function bin(argv: readonly string[], bundle: boolean, env: NodeJS.ProcessEnv = {}): Promise<BinResult> {
  const record = join(build, `loads-${++runs}.txt`);
  const args = [...LAUNCH_FLAGS, '--import', pathToFileURL(recorder).href, join(build, 'dist/cli/es2sql.js'), ...argv];
  const result = await execFileText(NODE, args, { cwd: build, env: { ...process.env, ...env, RECORD_LOADS: record, [BUNDLE_ENV]: bundle ? '1' : '0' } });
  return { ...result, loaded: existsSync(record) ? readFileSync(record, 'utf8').split('\n') : [] };
}

/**
 * The canonical dump of a database with its run's migration time (each run stamps its rows with
 * its own) written as `<migration time>`, so two runs of the same migration compare equal.
 */
async function dumpWithoutMigrationTime(url: string): Promise<{ text: string; rows: Record<string, number> }> {
  const db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  const migrations = await db.selectFrom('es2sql_runs').select('migration_time').execute().finally(() => db.destroy());
  if (migrations.length !== 1) throw new Error(`expected one run in ${url}, found ${migrations.length}`);
  const second = String(migrations[0]!.migration_time).slice(0, 19);
  const stamp = new RegExp(`${second.slice(0, 10)}[ T]${second.slice(11)}(?:\\.\\d+)?Z?`, 'g');
  const dump = await canonicalDump(url);
  return { text: dump.text.replace(stamp, '<migration time>'), rows: dump.rows };
}

const binDir = () => join(build, 'dist', BIN_BUNDLE_DIRECTORY);
const binUrl = (file: string) => pathToFileURL(join(binDir(), file)).href;
/**
 * The launcher (cli/es2sql.ts) and what it loads before it picks the bundle or the compiled files:
 * compiled files either way (the string-width stand-in once per package that imports it).
 */
const LAUNCHER = ['cli/es2sql.js', 'cli/bin-bundle.js', 'cli/compile-cache.js', 'cli/defer-string-width.js', 'cli/deferred-string-width.js', 'cli/heap-settings.js', 'cli/node-version.js', 'pipeline/run/exit-codes.js'];
/** Compiled files of the build the process loaded, the launcher's apart. */
const compiled = (loaded: readonly string[]) =>
  loaded.filter((url) => url.includes(`${build}/dist/`) && !url.includes(`/dist/${BIN_BUNDLE_DIRECTORY}/`) && !LAUNCHER.some((file) => url.split('?')[0]!.endsWith(`/dist/${file}`)));
const fromNodeModules = (loaded: readonly string[], specifier: string) => loaded.filter((url) => url.includes(`/node_modules/${specifier}/`));
/** NODE_DEBUG=esm: every thread's loader names each module it translates, on stderr. */
const translated = (stderr: string) => stderr.split('\n').filter((line) => line.includes(' Translating '));

test('the build bundles the bin into its entries and shared chunks, which reach Node built-ins through require (an ES import of node:http loads its undici at every start) and hold the part of undici the Elasticsearch transport uses', (t) => {
  const files = readdirSync(binDir());
  for (const name of Object.keys(BIN_BUNDLE_ENTRIES)) t.true(files.includes(`${name}.js`), name);
  t.true(files.every((file) => file.endsWith('.js') && (file.startsWith('chunk-') || `${file.slice(0, -3)}` in BIN_BUNDLE_ENTRIES)), files.join(' '));
  let http = false;
  const undici: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(binDir(), file), 'utf8');
    // ES imports: the banner's two, the other files of the bundle, and yargs, which stays outside.
    const imports = [...text.matchAll(/^import\s+(?:[^'"]*?\s*from\s*)?['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
    t.deepEqual(imports.filter((specifier) => !['node:module', 'node:url'].includes(specifier) && !/^\.\/chunk-[\w]+\.js$/.test(specifier) && !/^yargs(\/|$)/.test(specifier)), [], file);
    http ||= /__require\("node:http"\)/.test(text);
    for (const match of text.matchAll(/^\/\/ node_modules\/undici\/(lib\/[\w/.-]+)$/gm)) undici.push(match[1]!);
  }
  t.true(http);
  // undici as the Elasticsearch transport uses it: its pool and the request API, not fetch, WebSocket or caches.
  t.true(undici.includes('lib/dispatcher/pool.js') && undici.includes('lib/api/api-request.js'), undici.join(' '));
  t.deepEqual(undici.filter((file) => /^lib\/(web\/(fetch\/index|websocket|cookies|cache)|cache|mock)/.test(file)), []);
});

test('the built bin runs from its bundle, loads no compiled file nor kysely, mysql2 or string-width from node_modules, and writes the same MariaDB rows as from the compiled files', async (t) => {
  const bundledDb = await createScratchDatabase('mysql', 'bundle');
  const compiledDb = await createScratchDatabase('mysql', 'compiled');
  try {
    const bundled = await bin(['migrate', '--source', SAMPLE, '--target', bundledDb.url], true);
    const fromFiles = await bin(['migrate', '--source', SAMPLE, '--target', compiledDb.url], false);
    t.is(bundled.code, EXIT_CODES.rejects, bundled.stderr);
    t.is(fromFiles.code, EXIT_CODES.rejects, fromFiles.stderr);
    t.regex(bundled.stdout, /: 300 documents in /);
    t.true(bundled.loaded.includes(binUrl('main.js')));
    t.deepEqual(compiled(bundled.loaded), []);
    t.true(compiled(fromFiles.loaded).length > 200, `${compiled(fromFiles.loaded).length} compiled files`);
    for (const specifier of ['kysely', 'mysql2', 'string-width']) t.deepEqual(fromNodeModules(bundled.loaded, specifier), [], specifier);
    t.true(fromNodeModules(fromFiles.loaded, 'kysely').length > 0);
    // Files loaded in all: the bundle's few against hundreds.
    const files = (loaded: readonly string[]) => loaded.filter((url) => url.startsWith('file:')).length;
    t.true(files(bundled.loaded) * 2 < files(fromFiles.loaded), `${files(bundled.loaded)} files against ${files(fromFiles.loaded)}`);
    const [a, b] = await Promise.all([dumpWithoutMigrationTime(bundledDb.url), dumpWithoutMigrationTime(compiledDb.url)]);
    t.true(Object.values(a.rows).reduce((sum, rows) => sum + rows, 0) > 200);
    t.true(a.text.includes('<migration time>'));
    t.deepEqual(a.rows, b.rows);
    t.is(a.text, b.text);
  } finally {
    await bundledDb.drop();
    await compiledDb.drop();
  }
});

test('batch worker threads run from the bundle too, and a mapping module importing es2sql gets the bundle\'s library in every thread: the same rows as from the compiled files', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-bundle-workers-'));
  try {
    const migrate = (bundle: boolean, source: string, extra: string[] = []) =>
      bin(['migrate', '--source', source, '--target', `sqlite:${join(dir, `${bundle}-${runs}.db`)}`, '--workers', '2', ...extra], bundle, { NODE_DEBUG: 'esm' });
    const freezer = await migrate(true, SAMPLE);
    t.is(freezer.code, EXIT_CODES.rejects, freezer.stderr.slice(-2000));
    t.regex(freezer.stdout, /: 300 documents in /);
    t.deepEqual(compiled(translated(freezer.stderr).map((line) => line.slice(line.indexOf('file://')).split(' ')[0]!)), []);
    t.is(translated(freezer.stderr).filter((line) => line.includes(`${binUrl('batch-worker-entry.js')} `)).length, 2);
    t.is(translated(freezer.stderr).filter((line) => line.includes(`${binUrl('freezer-mapping.js')} `)).length, 2);

    const outputs: Record<string, Record<string, number>> = {};
    for (const bundle of [true, false]) {
      const target = `sqlite:${join(dir, `orders-${bundle}.db`)}`;
      const log = join(dir, `library-${bundle}.txt`);
      writeFileSync(log, '');
      const orders = await bin(['migrate', '--source', ORDERS, '--target', target, '--mapping', mappingModule, '--workers', '2'], bundle, { LIBRARY_LOG: log });
      t.true(orders.code === EXIT_CODES.ok || orders.code === EXIT_CODES.rejects, orders.stderr.slice(-2000));
      // The main thread and both workers import the mapping module, each resolving `es2sql` to the
      // bundle's library; from the compiled files, to the package's own entry (its exports).
      const library = bundle ? binUrl('index.js') : pathToFileURL(join(build, 'dist/index.js')).href;
      const threads = readFileSync(log, 'utf8').trim().split('\n').sort();
      t.deepEqual(threads, [`0 ${library}`, `1 ${library}`, `2 ${library}`], `bundle: ${bundle}`);
      outputs[String(bundle)] = (await dumpWithoutMigrationTime(target)).rows;
      t.true((outputs[String(bundle)]!['orders'] ?? 0) > 0);
    }
    t.deepEqual(outputs['true'], outputs['false']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('through the bundled Elasticsearch client: a real migration, and an unreachable server gives the same one-line error as from the compiled files', async (t) => {
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
    t.deepEqual(fromNodeModules(migrated.loaded, 'undici'), []);

    const closed = `http://127.0.0.1:${await closedPort()}`;
    const bundled = await bin(['migrate', '--source', closed, '--target', target.url], true);
    const fromFiles = await bin(['migrate', '--source', closed, '--target', target.url], false);
    t.true(fromNodeModules(fromFiles.loaded, '@elastic/elasticsearch').length > 0);
    t.is(bundled.code, fromFiles.code);
    t.not(bundled.code, EXIT_CODES.ok);
    t.is(bundled.stderr, fromFiles.stderr);
    const lines = bundled.stderr.trim().split('\n');
    t.regex(lines.at(-1) ?? '', /^error: cannot reach Elasticsearch at http:\/\/127\.0\.0\.1:\d+: connection refused; check --source/);
    t.false(bundled.stderr.includes('    at '), bundled.stderr);
  } finally {
    await seeded.drop();
    await target.drop();
  }
});

test('help from the bundled bin: yargs from node_modules, string-width loaded at its first measurement, columns lined up', async (t) => {
  const help = await bin(['migrate', '--help'], true);
  t.is(help.code, EXIT_CODES.ok, help.stderr);
  t.true(fromNodeModules(help.loaded, 'yargs').length > 0);
  t.true(help.loaded.some((url) => url.includes('/string-width/')));
  const source = helpTextColumn(help.stdout, '--source');
  t.truthy(source, help.stdout);
  t.is(helpTextColumn(help.stdout, '--index'), source);
});
