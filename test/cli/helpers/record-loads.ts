import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `record-loads.mjs` into `dir`: a module to load first (`node --import`) that records the
 * URL of every module the process loads and writes them, one per line, to `$RECORD_LOADS` at exit.
 * Returns its path.
 */
export function writeLoadRecorder(dir: string): string {
  const file = join(dir, 'record-loads.mjs');
  writeFileSync(
    file,
    [
      "import { registerHooks } from 'node:module';",
      "import { writeFileSync } from 'node:fs';",
      'const loaded = [];',
      'registerHooks({ load(url, context, nextLoad) { loaded.push(url); return nextLoad(url, context); } });',
      "process.on('exit', () => writeFileSync(process.env.RECORD_LOADS, loaded.join('\\n')));",
    ].join('\n'),
  );
  return file;
}
