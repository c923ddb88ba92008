/**
 * `node scripts/bundle-dependencies.ts <outDir>` (part of `npm run build`): bundles the heaviest
 * runtime dependencies into one ES module each under `<outDir>/vendor/`, with a manifest the bin
 * reads at start-up (cli/bundled-dependencies.ts).
 *
 * Why: Node's ES module loader pays for every file it resolves, reads, compiles and links. kysely is
 * 262 files and @elastic/elasticsearch with its transport, undici and OpenTelemetry about 330; loading
 * them took 0.5–0.6 s of CPU at every command's start, which is most of a no-change sync's CPU and
 * 5–8% of a 100k-document migrate's. One file per package loads in a fraction of that.
 *
 * Each bundle exports exactly the names the package exports (read here from the installed package),
 * so `import { sql } from 'kysely'` and `require('mysql2').escape` mean the same with or without it.
 * esbuild keeps the packages' license comments at the end of each bundle.
 */
import { build, type Plugin } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_DEPENDENCIES, VENDOR_DIRECTORY, VENDOR_MANIFEST, type VendorManifest } from '../cli/bundled-dependencies.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(join(ROOT, 'package.json'));

/** An identifier `export { name }` can name. */
const EXPORTABLE = /^[A-Za-z_$][\w$]*$/;

/**
 * The names a package exports to an ES module importing it; for a CommonJS package (Node marks its
 * namespace with `module.exports`) also every key of what require() returns, which the loader's
 * static scan of the CommonJS source may miss (mysql2's `escape`).
 */
async function exportNames(specifier: string): Promise<string[]> {
  const namespace = Object.keys((await import(specifier)) as object);
  const names = new Set(namespace);
  if (namespace.includes('module.exports')) for (const name of Object.keys(require(specifier) as object)) names.add(name);
  names.delete('__esModule');
  return [...names].filter((name) => EXPORTABLE.test(name)).sort();
}

/** The installed version (the build runs in the repository, whose node_modules holds the packages). */
function versionOf(specifier: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', specifier, 'package.json'), 'utf8')) as { version: string }).version;
}

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

export async function bundleDependencies(outDir: string): Promise<VendorManifest> {
  const vendor = join(resolve(outDir), VENDOR_DIRECTORY);
  rmSync(vendor, { recursive: true, force: true });
  mkdirSync(vendor, { recursive: true });
  const manifest: VendorManifest = { bundles: {} };
  for (const { specifier, file } of BUNDLED_DEPENDENCIES) {
    const names = await exportNames(specifier);
    const named = names.filter((name) => name !== 'default');
    const contents = [
      named.length > 0 ? `export { ${named.join(', ')} } from '${specifier}';` : '',
      names.includes('default') ? `export { default } from '${specifier}';` : '',
    ].join('\n');
    await build({
      stdin: { contents, resolveDir: ROOT, sourcefile: `${file}.entry.js`, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      outfile: join(vendor, file),
      banner: { js: BANNER },
      legalComments: 'eof',
      logLevel: 'warning',
      plugins: [builtinsThroughRequire],
    });
    manifest.bundles[specifier] = { file, version: versionOf(specifier), exports: names };
  }
  writeFileSync(join(vendor, VENDOR_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = process.argv[2];
  if (outDir === undefined) {
    process.stderr.write('usage: node scripts/bundle-dependencies.ts <outDir>\n');
    process.exit(2);
  }
  const manifest = await bundleDependencies(outDir);
  process.stdout.write(`bundled ${Object.entries(manifest.bundles).map(([name, bundle]) => `${name}@${bundle.version}`).join(', ')} into ${join(outDir, VENDOR_DIRECTORY)}\n`);
}
