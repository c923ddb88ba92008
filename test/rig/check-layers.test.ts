import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SCRIPT = new URL('../../scripts/check-layers.ts', import.meta.url).pathname;

function checkLayers(root?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...(root ? [root] : [])], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'es2sql-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test('the repository itself has no upward import and no import circle', async (t) => {
  const run = await checkLayers();
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /^check-layers: \d+ files, layers and imports in order\n$/);
});

test('an upward import and a circle each fail with one line naming the files; doc comments and packages are not imports', async (t) => {
  const root = tree({
    'core/basic.ts': "/**\n * import { x } from '../cli/main.ts';\n */\nimport { run } from '../pipeline/run.ts';\nimport { Kysely } from 'kysely';\nexport const basic = [run, Kysely];\n",
    'pipeline/run.ts': 'export const run = 1;\n',
    'schema/a.ts': "import type { B } from './b.ts';\nexport type A = B | 1;\n",
    'schema/b.ts': "export {\n  type A,\n} from './a.ts';\nexport type B = 2;\n",
    'transforms/ok.ts': "import { basic } from '../core/basic.ts';\nexport const ok = basic;\n",
  });
  try {
    const run = await checkLayers(root);
    t.is(run.code, 1);
    t.deepEqual(run.stderr.trim().split('\n').sort(), [
      'check-layers: core/basic.ts: imports pipeline/run.ts from the higher layer pipeline',
      'check-layers: import cycle: schema/a.ts -> schema/b.ts -> schema/a.ts',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
