import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyMapping } from '../pipeline/mapping/mapping.ts';
import type { SourceSpec } from '../pipeline/source/source-spec.ts';
import { freezerMapping } from './freezer/freezer-mapping.ts';
import { UnknownMappingError } from './unknown-mapping-error.ts';

export { freezerMapping } from './freezer/freezer-mapping.ts';
export { UnknownMappingError } from './unknown-mapping-error.ts';

/** The built-in mapping names; anything else is a mapping file. */
export const BUILT_IN_MAPPINGS = ['freezer', 'auto'] as const;

/** What resolving `--mapping` may need besides its value. */
export interface MappingContext {
  /** Directory a relative mapping file is taken from. Default: the working directory. */
  cwd?: string;
  /** The run's source (the `auto` mapping derives its tables from the index). */
  source?: SourceSpec;
}

const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

/** A loaded module's mapping: its default export or its `mapping` export, checked for the members the pipeline calls. */
function mappingOfModule(module: Record<string, unknown>, path: string): AnyMapping {
  const candidate = (module.default ?? module.mapping) as Partial<AnyMapping> | undefined;
  const missing = ['name', 'partitioning', 'target', 'prepare', 'transform', 'validation', 'verify', 'sync'].filter((key) => candidate?.[key as keyof AnyMapping] === undefined);
  if (candidate === undefined || typeof candidate !== 'object' || missing.length > 0) {
    throw new UnknownMappingError(`the mapping file ${path} exports no mapping${candidate === undefined ? '' : ` (missing: ${missing.join(', ')})`}; export one as default (see docs/)`);
  }
  return candidate as AnyMapping;
}

/**
 * The mapping `--mapping` names: `freezer` (the default), `auto` (tables derived from the index),
 * or a mapping file — a `.json` plan as `es2sql mapping generate` writes it, or a `.ts`/`.js`
 * module exporting a mapping. Fails with an {@link UnknownMappingError} saying what to give instead.
 */
export async function resolveMapping(spec: string | undefined, context: MappingContext = {}): Promise<AnyMapping> {
  const name = spec?.trim() ?? '';
  if (name === '' || name === 'freezer') return freezerMapping;
  if (name === 'auto') throw new UnknownMappingError('--mapping auto is not available in this build yet; use --mapping freezer');
  const extension = extname(name).toLowerCase();
  if (extension !== '.json' && !MODULE_EXTENSIONS.has(extension)) {
    throw new UnknownMappingError(`unknown mapping "${name}"; use freezer, auto, or a mapping file (.json, .ts)`);
  }
  const path = resolve(context.cwd ?? process.cwd(), name);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UnknownMappingError(`the mapping file ${path} does not exist; check the path given to --mapping`);
  if (extension === '.json') throw new UnknownMappingError(`mapping files (.json) are not available in this build yet: ${path}; use --mapping freezer`);
  return mappingOfModule((await import(pathToFileURL(path).href)) as Record<string, unknown>, path);
}
