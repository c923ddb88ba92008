import * as nodeModule from 'node:module';

/**
 * Turns on V8's code cache for the modules this process loads (Node's module compile cache, in
 * `$TMPDIR/node-compile-cache` unless `NODE_COMPILE_CACHE` names another directory; set
 * `NODE_DISABLE_COMPILE_CACHE=1` to turn it off). Loading es2sql's modules and its drivers is most
 * of a short command's CPU: a migrate of 300 documents took 1.0 s of CPU, of which compiling the
 * modules was about a third; with the cache filled by an earlier run it took 0.7 s (BENCHMARKS.md).
 * Must run before the modules are imported, so the entry point imports them dynamically after it.
 * A cache that cannot be written (read-only temp directory) only costs the speed-up: Node reports
 * that in the returned status and goes on without it.
 */
export function enableModuleCompileCache(): void {
  // A namespace import: on a Node.js without it, the bin gets to say which Node.js it needs.
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
}
