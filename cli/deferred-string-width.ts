import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * What yargs, cliui and wrap-ansi get when they import `string-width` (cli/defer-string-width.ts):
 * the same function, loaded at its first call. The module the import names is in this module's URL.
 */
const target = new URL(import.meta.url).searchParams.get('target');

type StringWidth = (text: string, options?: object) => number;
let width: StringWidth | undefined;

export default function stringWidth(text: string, options?: object): number {
  if (width === undefined) {
    if (target === null) throw new Error('deferred string-width loaded without its target');
    width = (createRequire(import.meta.url)(fileURLToPath(target)) as { default: StringWidth }).default;
  }
  return width(text, options);
}
