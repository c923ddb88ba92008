import test from 'ava';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const SCRIPT = new URL('../../scripts/test-offline.ts', import.meta.url).pathname;

test('test:offline --list picks pure tests and leaves out those that reach a server or a browser', async (t) => {
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, '--list']);
  const files = stdout.trim().split('\n');
  for (const offline of ['test/transforms/coerce.test.ts', 'test/readback/canonical-json.test.ts', 'test/cli/usage.test.ts', 'test/rig/test-offline.test.ts']) {
    t.true(files.includes(offline), `${offline} should be offline`);
  }
  for (const online of [
    'test/run/migrate-file.test.ts', // scratch PostgreSQL/MariaDB databases
    'test/source/read-elasticsearch.test.ts', // Elasticsearch nodes
    'test/cli/commands.test.ts', // opens a PostgreSQL connection itself
    'test/report/report-page.test.ts', // headless Chromium
  ]) {
    t.false(files.includes(online), `${online} needs a server`);
  }
  t.deepEqual(files, [...files].sort());
});
