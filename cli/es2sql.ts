#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --min-semi-space-size=8 --max-semi-space-size=8
import { useBundledDependencies } from './bundled-dependencies.ts';
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
useBundledDependencies();
deferStringWidth();
applyHeapSettings();
// Imported after the compile cache is on and the bundles are in place, so the modules it loads are
// compiled from the cache and its heaviest dependencies load as one file each.
const { main } = await import('./main.ts');

const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), isTTY: process.stderr.isTTY === true, signals: process, exit: (code: number) => process.exit(code) };
process.exit(await main(process.argv.slice(2), io));
