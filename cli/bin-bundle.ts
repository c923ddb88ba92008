import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';

/**
 * The bin's bundle: `npm run build` (scripts/bundle-bin.ts) bundles what the bin runs — es2sql's
 * own modules and the packages they use, yargs and its helpers apart — into a few ES modules under
 * `dist/bin/`. Node's loader pays for every file it resolves, reads and links: from the compiled
 * files (some 280 of es2sql's and 100 of its packages') a migrate of 300 documents spent about
 * 0.15 s more CPU before its first request, and every batch worker thread as much again
 * (BENCHMARKS.md).
 *
 * The bundle's entry points, each a file of that directory:
 * - `main.js`: the command line (cli/main.ts);
 * - `index.js`: the library (index.ts), which a mapping module importing `es2sql` gets, so every
 *   class exists once in the process;
 * - `batch-worker-entry.js`: a batch worker thread (pipeline/batch/batch-worker-entry.ts);
 * - the modules a worker thread imports by URL to rebuild a mapping (PortableMapping.module):
 *   `freezer-mapping.js`, `plan-mapping.js` and `module-mapping.js`, found next to the shared code
 *   as they are next to their siblings in the compiled tree;
 * - `worker-preload.js` (cli/package-to-bundle.ts): what a batch worker thread imports first
 *   ({@link binBundlePreload}).
 */
export const BIN_BUNDLE_DIRECTORY = 'bin';

/** Entry name → the compiled module it bundles (relative to the build's root, e.g. `dist/`). */
export const BIN_BUNDLE_ENTRIES: Readonly<Record<string, string>> = {
  main: 'cli/main.js',
  index: 'index.js',
  'batch-worker-entry': 'pipeline/batch/batch-worker-entry.js',
  'freezer-mapping': 'mappings/freezer/freezer-mapping.js',
  'plan-mapping': 'mappings/auto/plan-mapping.js',
  'module-mapping': 'mappings/module-mapping.js',
  'worker-preload': 'cli/package-to-bundle.js',
};

/** Set to `0` to run the compiled files instead of the bundle (to rule the bundle out). */
export const BUNDLE_ENV = 'ES2SQL_BUNDLE';

/** The package name a mapping module imports the library by. */
const PACKAGE_NAME = 'es2sql';

/**
 * The URL of the bundle's `main.js` when this build has a complete bundle and `ES2SQL_BUNDLE` is not
 * `0`; undefined otherwise (TypeScript sources, a build made by tsc alone, a partial copy), and the
 * caller imports the compiled `cli/main.js`. With the bundle it also maps `import 'es2sql'` (a
 * mapping module's) to the bundle's library entry, in this thread; a batch worker thread gets the
 * same through {@link binBundlePreload}.
 */
export function useBinBundle(env: NodeJS.ProcessEnv = process.env): URL | undefined {
  if (env[BUNDLE_ENV] === '0' || import.meta.url.endsWith('.ts')) return undefined;
  const bundle = new URL(`../${BIN_BUNDLE_DIRECTORY}/`, import.meta.url);
  if (Object.keys(BIN_BUNDLE_ENTRIES).some((name) => !existsSync(new URL(`${name}.js`, bundle)))) return undefined;
  mapPackageToBundle(bundle);
  return new URL('main.js', bundle);
}

/** Resolves `es2sql` to the bundle's library entry (module.registerHooks: this thread only). */
export function mapPackageToBundle(bundle: URL): void {
  const registerHooks = (nodeModule as { registerHooks?: typeof nodeModule.registerHooks }).registerHooks;
  if (registerHooks === undefined) return;
  const index = new URL('index.js', bundle).href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === PACKAGE_NAME) return { url: index, format: 'module', shortCircuit: true };
      return nextResolve(specifier, context);
    },
  });
}

/**
 * What a batch worker thread of this process imports first (MigrateOptions.workerPreload): in the
 * bundle, the entry that maps `es2sql` to the bundle in that thread too. Run from the bundle, this
 * module's code sits in the bundle's directory, next to that entry; the compiled files and the
 * sources have no file of that name, and nothing is preloaded.
 */
export function binBundlePreload(): string[] {
  const preload = new URL('./worker-preload.js', import.meta.url);
  return existsSync(preload) ? [preload.href] : [];
}
