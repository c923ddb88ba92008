import * as nodeModule from 'node:module';

/** The packages whose `string-width` import is deferred: yargs and the help-text formatters it uses. */
const DEFERRING_PACKAGES = ['/node_modules/yargs/', '/node_modules/cliui/', '/node_modules/wrap-ansi/'];

/**
 * Defers loading `string-width` until something measures a string. Its module creates an
 * `Intl.Segmenter` as it loads (ICU's break rules): 35–50 ms of CPU at every start, because yargs
 * imports it for help text that most commands never print. A resolve hook (module.registerHooks,
 * this thread) hands yargs, cliui and wrap-ansi a stand-in (cli/deferred-string-width.ts) that
 * loads the very module their import resolves to at the first call. Returns whether the hook is in
 * place (Node without module.registerHooks loads string-width as before).
 */
export function deferStringWidth(): boolean {
  const registerHooks = (nodeModule as { registerHooks?: typeof nodeModule.registerHooks }).registerHooks;
  if (registerHooks === undefined) return false;
  const standIn = new URL(`./deferred-string-width${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      if (specifier !== 'string-width' || parent === undefined || !DEFERRING_PACKAGES.some((dir) => parent.includes(dir))) return nextResolve(specifier, context);
      const real = nextResolve(specifier, context);
      const url = new URL(standIn);
      url.searchParams.set('target', real.url);
      return { url: url.href, shortCircuit: true };
    },
  });
  return true;
}
