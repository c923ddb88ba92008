#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --min-semi-space-size=8 --max-semi-space-size=8 --no-allocation-site-pretenuring --liftoff-only
import { useBinBundle } from './bin-bundle.ts';
import { enableModuleCompileCache } from './compile-cache.ts';
import { deferStringWidth } from './defer-string-width.ts';
import { applyHeapSettings } from './heap-settings.ts';
import { unsupportedNode } from './node-version.ts';
import { EXIT_CODES } from '../pipeline/run/exit-codes.ts';

// The modules above load on any Node.js; the rest may need a newer one.
const unsupported = unsupportedNode(process.versions.node);
if (unsupported !== undefined) {
  process.stderr.write(`es2sql: ${unsupported}\n`);
  process.exit(EXIT_CODES.error);
}
enableModuleCompileCache();
const bundle = useBinBundle();
deferStringWidth();
applyHeapSettings();
// Imported after the compile cache and the hooks are in place, so the modules it loads are compiled
// from the cache: the bin's bundle when the build has one (cli/bin-bundle.ts), else the compiled files.
const { main } = (await (bundle === undefined ? import('./main.ts') : import(bundle.href))) as typeof import('./main.ts');

const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), isTTY: process.stderr.isTTY === true, signals: process, exit: (code: number) => process.exit(code) };
process.exit(await main(process.argv.slice(2), io));
