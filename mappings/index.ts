import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyMapping } from '../pipeline/mapping/mapping.ts';
import type { SourceSpec } from '../pipeline/source/source-spec.ts';
import { freezerMapping } from './freezer/freezer-mapping.ts';
import { UnknownMappingError } from './unknown-mapping-error.ts';
import { generatePlan, type PlanSource } from './auto/generate-plan.ts';
import { MappingFileError, parsePlanFile } from './auto/plan-file.ts';
import { planMapping } from './auto/plan-mapping.ts';
import { mappingOfModule } from './module-mapping.ts';

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
  /** How much of the source `auto` scans: one page (default) or every document. */
  scan?: 'sample' | 'all';
}

function planSourceOf(source: SourceSpec | undefined): PlanSource {
  if (source === undefined) throw new UnknownMappingError('--mapping auto needs a source to derive its tables from; give --source');
  if ('file' in source) return { file: source.file };
  return { url: source.url, index: source.index ?? 'freezer' };
}

const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

/**
 * The mapping `--mapping` names: `freezer` (the default), `auto` (tables derived from the index),
 * or a mapping file — a `.json` plan as `es2sql mapping generate` writes it, or a `.ts`/`.js`
 * module exporting a mapping. Fails with an {@link UnknownMappingError} saying what to give instead.
 */
export async function resolveMapping(spec: string | undefined, context: MappingContext = {}): Promise<AnyMapping> {
  const name = spec?.trim() ?? '';
  if (name === '' || name === 'freezer') return freezerMapping;
  if (name === 'auto') return planMapping(await generatePlan(planSourceOf(context.source), { scan: context.scan ?? 'sample' }), 'auto', { derived: true });
  const extension = extname(name).toLowerCase();
  if (extension !== '.json' && !MODULE_EXTENSIONS.has(extension)) {
    throw new UnknownMappingError(`unknown mapping "${name}"; use freezer, auto, or a mapping file (.json, .ts)`);
  }
  const path = resolve(context.cwd ?? process.cwd(), name);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UnknownMappingError(`the mapping file ${path} does not exist; check the path given to --mapping`);
  if (extension === '.json') {
    try {
      const plan = parsePlanFile(await readFile(path, 'utf8'), path);
      return planMapping(plan, plan.source?.index ? `file:${plan.source.index}` : 'file');
    } catch (error) {
      if (error instanceof MappingFileError) throw new UnknownMappingError(error.message);
      throw error;
    }
  }
  return mappingOfModule((await import(pathToFileURL(path).href)) as Record<string, unknown>, path);
}
