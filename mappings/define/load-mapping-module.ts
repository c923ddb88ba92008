import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DefinedMapping } from './define-mapping.ts';

/** A `--mapping <file.ts>` that cannot be used, with what to do. */
export class MappingModuleError extends Error {
  override readonly name = 'MappingModuleError';
}

function isDefinedMapping(value: unknown): value is DefinedMapping {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'declared-mapping';
}

/**
 * Loads a module written with `defineMapping` (`--mapping ./my-mapping.ts`): its default export,
 * or an export named `mapping`. Node runs TypeScript by stripping its types, so the module needs no
 * build step; it may import `defineMapping` from `es2sql`.
 */
export async function loadMappingModule(file: string, cwd = process.cwd()): Promise<DefinedMapping> {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new MappingModuleError(`mapping module ${file} does not exist; give the path of a .ts or .js file that exports defineMapping({ … })`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new MappingModuleError(`mapping module ${file} could not be loaded: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const candidate = module['default'] ?? module['mapping'];
  if (!isDefinedMapping(candidate)) throw new MappingModuleError(`mapping module ${file} exports no mapping: export default defineMapping({ name, tables, transform })`);
  return candidate;
}
