/**
 * `node scripts/bundle-bin.ts <outDir> [<name>=<compiled module> …]` (part of `npm run build`):
 * bundles the compiled bin under `<outDir>` (tsc's output) into `<outDir>/bin/`: one ES module per
 * entry of BIN_BUNDLE_ENTRIES (cli/bin-bundle.ts), plus any extra `name=path` entries (the
 * benchmark's migrate process), and the chunks they share, so each module exists once however many
 * entries a process loads.
 *
 * Why: Node's ES module loader pays for every file it resolves, reads, compiles and links. The bin
 * loaded some 380 files (es2sql's own and its packages') before it did any work, and each batch
 * worker thread about 300 again; one file per entry and a few shared chunks load in a fraction of
 * that (BENCHMARKS.md).
 *
 * yargs stays outside: it reads its locale files from disk next to its own modules, and its
 * `string-width` loads only when a help text is measured (cli/defer-string-width.ts, a resolve hook
 * that needs the import to go through Node's loader). pg's optional native binding is not bundled
 * either. esbuild keeps the packages' license comments at the end of each file.
 */
import { build, type Plugin } from 'esbuild';
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN_BUNDLE_DIRECTORY, BIN_BUNDLE_ENTRIES } from '../cli/bin-bundle.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

// Bundled modules that were CommonJS may still call require() (for optional parts) or name their file.
const BANNER = [
  "import { createRequire as __es2sqlCreateRequire } from 'node:module';",
  "import { fileURLToPath as __es2sqlFileURLToPath } from 'node:url';",
  'const require = __es2sqlCreateRequire(import.meta.url);',
  'const __filename = __es2sqlFileURLToPath(import.meta.url);',
  "const __dirname = __es2sqlFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

/** `http`, `node:http`, `fs/promises`…: every name Node resolves to a built-in module. */
const BUILTIN = new RegExp(`^(?:node:)?(?:${builtinModules.join('|')})$`);

/**
 * A package's ES `import … from 'node:http'` of a built-in module becomes a `require` of it.
 * An ES import of a built-in makes Node build that module's ES facade, which reads every export
 * once: for `node:http` that loads Node's own copy of undici (its lazy `WebSocket`, `EventSource`…
 * getters), 45 ms of CPU at every start of a command that never uses it (BENCHMARKS.md). require()
 * hands over the module object without reading its exports.
 */
const builtinsThroughRequire: Plugin = {
  name: 'es2sql-builtins-through-require',
  setup(build) {
    build.onResolve({ filter: BUILTIN }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'es2sql-builtin' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'es2sql-builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/**
 * `undici` as @elastic/transport uses it: its connection class takes `Pool` and `buildConnector`,
 * and calls `request` and `close` on the pool, methods undici's index adds to every dispatcher
 * from its `lib/api`. The index also loads fetch, WebSocket, cookies, caches, mocks and proxy
 * agents, and their first read of `TextDecoder` loads Node's own undici: about 30 ms of CPU at
 * every start and in every batch worker thread, for nothing es2sql calls (BENCHMARKS.md).
 */
const UNDICI_FOR_TRANSPORT = [
  "const Dispatcher = require('undici/lib/dispatcher/dispatcher');",
  "Object.assign(Dispatcher.prototype, require('undici/lib/api'));",
  "module.exports = { Pool: require('undici/lib/dispatcher/pool'), buildConnector: require('undici/lib/core/connect') };",
].join('\n');

const undiciForTransport: Plugin = {
  name: 'es2sql-undici-for-transport',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) => (/[\\/]@elastic[\\/]transport[\\/]/.test(args.importer) ? { path: 'undici', namespace: 'es2sql-undici' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'es2sql-undici' }, () => ({ contents: UNDICI_FOR_TRANSPORT, loader: 'js', resolveDir: ROOT }));
  },
};

/** Packages the bundle imports from `node_modules` at run time instead of containing them. */
export const BIN_BUNDLE_EXTERNAL: readonly string[] = ['yargs', 'yargs/*', 'pg-native'];

/** Bundles the compiled tree at `outDir` into `outDir/bin`; returns the entry files written. */
export async function bundleBin(outDir: string, extraEntries: Readonly<Record<string, string>> = {}): Promise<string[]> {
  const root = resolve(outDir);
  const bin = join(root, BIN_BUNDLE_DIRECTORY);
  rmSync(bin, { recursive: true, force: true });
  const entries = { ...BIN_BUNDLE_ENTRIES, ...extraEntries };
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, file)])),
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outdir: bin,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    banner: { js: BANNER },
    external: [...BIN_BUNDLE_EXTERNAL],
    legalComments: 'eof',
    logLevel: 'warning',
    plugins: [builtinsThroughRequire, undiciForTransport],
  });
  return Object.keys(entries).map((name) => join(bin, `${name}.js`));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir, ...extra] = process.argv.slice(2);
  if (outDir === undefined || extra.some((arg) => !/^[\w-]+=.+$/.test(arg))) {
    process.stderr.write('usage: node scripts/bundle-bin.ts <outDir> [<name>=<compiled module> …]\n');
    process.exit(2);
  }
  const files = await bundleBin(outDir, Object.fromEntries(extra.map((arg) => [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)])));
  process.stdout.write(`bundled the bin into ${join(outDir, BIN_BUNDLE_DIRECTORY)} (${files.length} entries)\n`);
}
