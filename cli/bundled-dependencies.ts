import { existsSync, readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';

/**
 * The dependencies `npm run build` bundles into one ES module each (scripts/bundle-dependencies.ts):
 * the ones whose hundreds of files cost the most to load. pg (16 small files), yargs (reads its
 * locale files from disk at run time) and the rest load as installed.
 */
export const BUNDLED_DEPENDENCIES: readonly { specifier: string; file: string }[] = [
  { specifier: 'kysely', file: 'kysely.js' },
  { specifier: '@elastic/elasticsearch', file: 'elasticsearch.js' },
  { specifier: 'mysql2', file: 'mysql2.js' },
];

/** Where the bundles are, next to the compiled `cli/` (dist/vendor). */
export const VENDOR_DIRECTORY = 'vendor';
export const VENDOR_MANIFEST = 'manifest.json';

/** What the build wrote: package → its bundle, the version bundled and the names it exports. */
export interface VendorManifest {
  bundles: Record<string, { file: string; version: string; exports: string[] }>;
}

/** Whether {@link useBundledDependencies} put the bundles in place in this process's main thread. */
let inUse = false;

/**
 * What a worker thread of this process imports first to load the bundles too
 * (MigrateOptions.workerPreload): nothing when this thread does not use them.
 */
export function bundledDependenciesPreload(): string[] {
  return inUse ? [new URL(`./bundled-dependencies-preload${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href] : [];
}

/** Set to `0` to load the installed packages even where bundles were built (to rule them out). */
export const BUNDLES_ENV = 'ES2SQL_BUNDLED_DEPENDENCIES';

/**
 * Makes es2sql's own modules load the bundled dependencies: a resolve hook (module.registerHooks,
 * in this thread) maps `kysely`, `@elastic/elasticsearch` and `mysql2`, imported or required by a
 * module of this build, to its bundle. Modules elsewhere (a user's mapping module importing its own
 * kysely, the packages themselves) resolve as before; a mapping module importing `es2sql` reaches
 * these same modules, so every class exists once. Run from TypeScript sources, or from a build
 * without bundles (tsc alone), there is no manifest and nothing changes. Returns the specifiers
 * mapped. Hooks belong to a thread: a batch worker thread gets the same through
 * {@link bundledDependenciesPreload}.
 */
export function useBundledDependencies(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env[BUNDLES_ENV] === '0') return [];
  const registerHooks = (nodeModule as { registerHooks?: typeof nodeModule.registerHooks }).registerHooks;
  if (registerHooks === undefined) return [];
  const vendor = new URL(`../${VENDOR_DIRECTORY}/`, import.meta.url);
  let manifest: VendorManifest;
  try {
    manifest = JSON.parse(readFileSync(new URL(VENDOR_MANIFEST, vendor), 'utf8')) as VendorManifest;
  } catch {
    return [];
  }
  const bundles = new Map(Object.entries(manifest.bundles).map(([specifier, bundle]) => [specifier, new URL(bundle.file, vendor)]));
  // A build with a bundle missing (copied in part) loads the installed packages, as before bundles.
  if ([...bundles.values()].some((file) => !existsSync(file))) return [];
  const build = new URL('../', import.meta.url).href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const bundle = bundles.get(specifier);
      const parent = context.parentURL;
      if (bundle !== undefined && parent !== undefined && parent.startsWith(build) && !parent.includes('/node_modules/', build.length)) {
        return { url: bundle.href, format: 'module', shortCircuit: true };
      }
      return nextResolve(specifier, context);
    },
  });
  inUse = true;
  return [...bundles.keys()];
}
