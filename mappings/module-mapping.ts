import { pathToFileURL } from 'node:url';
import type { AnyMapping } from '../pipeline/mapping/mapping.ts';
import { declaredMapping } from './define/declared-mapping.ts';
import type { DefinedMapping } from './define/define-mapping.ts';
import { UnknownMappingError } from './unknown-mapping-error.ts';

/** This module from sources (`.ts`) or from dist (`.js`): batch worker threads import it by URL. */
const MODULE_MAPPING_URL = new URL(`./module-mapping${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** What a batch worker thread gets to load a `--mapping <file.ts>` module again: its absolute path. */
interface ModuleMappingData {
  path: string;
}

/** A context that is plain data already crosses to a worker as it is (checked by the pipeline). */
const same = (value: unknown): any => value;

/**
 * A loaded module's mapping: its default export or its `mapping` export — a `defineMapping`
 * declaration or a pipeline Mapping, checked for the members the pipeline calls. Unless the
 * mapping says otherwise, batch worker threads load the same file again ({@link mappingFromModuleData})
 * and take its transform context as it is (a context that cannot be cloned keeps the run on the
 * main thread).
 */
export function mappingOfModule(module: Record<string, unknown>, path: string): AnyMapping {
  const exported = (module.default ?? module.mapping) as Partial<DefinedMapping> | Partial<AnyMapping> | undefined;
  let mapping: AnyMapping;
  if ((exported as Partial<DefinedMapping> | undefined)?.kind === 'declared-mapping') mapping = declaredMapping(exported as DefinedMapping);
  else {
    const candidate = exported as Partial<AnyMapping> | undefined;
    const missing = ['name', 'partitioning', 'target', 'prepare', 'transform', 'validation', 'verify', 'sync'].filter((key) => candidate?.[key as keyof AnyMapping] === undefined);
    if (candidate === undefined || typeof candidate !== 'object' || missing.length > 0) {
      throw new UnknownMappingError(`the mapping file ${path} exports no mapping${candidate === undefined ? '' : ` (missing: ${missing.join(', ')})`}; export one as default (see docs/)`);
    }
    mapping = candidate as AnyMapping;
  }
  if (mapping.portable !== undefined) return mapping;
  const data: ModuleMappingData = { path };
  return { ...mapping, portable: { module: MODULE_MAPPING_URL, exportName: 'mappingFromModuleData', data, shareContext: same, adoptContext: same } };
}

/** The mapping of a module file from its portable data (in a batch worker thread). */
export async function mappingFromModuleData(data: unknown): Promise<AnyMapping> {
  const { path } = data as ModuleMappingData;
  return mappingOfModule((await import(pathToFileURL(path).href)) as Record<string, unknown>, path);
}
