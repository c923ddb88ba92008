/**
 * `npm run test:offline`: the tests that need no server (no Elasticsearch, PostgreSQL or MariaDB),
 * for feedback in seconds after a change to a transform, a parser or the CLI's argument handling.
 *
 * How a file is selected: a test file is offline when neither it nor anything it imports from
 * test/, fixtures/ or scripts/ (followed transitively) imports one of SERVER_MODULES below or a
 * database/Elasticsearch client package. Product code is not followed: its modules import the
 * clients, but importing is not connecting; a test that opens a connection itself imports
 * schema/connect.ts and is left out. The selection is checked the hard
 * way on Linux with `unshare -rn npm run test:offline` (a network namespace with no servers).
 *
 *   npm run test:offline              run them
 *   npm run test:offline -- --list    print the selected files, one a line
 *   extra arguments are passed to ava (e.g. `-- --match '*coerce*'`)
 */
import { spawn } from 'node:child_process';
import { importsOf, tsFiles } from './import-graph.ts';

/**
 * Modules whose import marks a test as needing more than Node: the Elasticsearch nodes, the
 * PostgreSQL/MariaDB scratch databases, a database connection the test opens itself, and headless
 * Chromium (an installed browser, not a package).
 */
const SERVER_MODULES = new Set([
  'test/helpers/elasticsearch.ts',
  'test/helpers/databases.ts',
  'schema/connect.ts',
  'test/report/helpers/headless-chromium.ts',
]);
/** Client packages that, imported by a test or its helpers, mean it talks to a server. */
const SERVER_PACKAGES = new Set(['pg', 'mysql2', '@elastic/elasticsearch']);
/** Folders whose files are followed; product folders are not (see the header). */
const FOLLOWED = ['test/', 'fixtures/', 'scripts/'];

function needsServer(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const { files, packages } = importsOf(file);
  if (packages.some((name) => SERVER_PACKAGES.has(name)) || files.some((next) => SERVER_MODULES.has(next))) return true;
  return files.some((next) => FOLLOWED.some((folder) => next.startsWith(folder)) && needsServer(next, seen));
}

/** The test files that need no server, sorted. */
export function offlineTestFiles(): string[] {
  return tsFiles('test')
    .filter((file) => file.endsWith('.test.ts') && !needsServer(file))
    .sort();
}

const files = offlineTestFiles();
const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const file of files) console.log(file);
  process.exit(0);
}
// No server URLs reach the tests, so none can use a developer's running node by accident.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^ES2SQL_TEST_(ES\d|PG|MYSQL)/.test(name)));
const ava = spawn('npx', ['ava', ...files, ...args], { stdio: 'inherit', env });
ava.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
