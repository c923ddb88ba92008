import type { AnyMapping } from '../../pipeline/mapping/mapping.ts';
import type { SourceSpec } from '../../pipeline/source/source-spec.ts';
import { resolveMapping } from '../../mappings/index.ts';
import type { ResolvedConfig } from '../config/index.ts';

/** The mapping of a command from `--mapping` (default `freezer`), relative files taken from the working directory. */
export function mappingFrom(config: ResolvedConfig, source?: SourceSpec): Promise<AnyMapping> {
  return resolveMapping(config.mapping, { cwd: config.cwd, ...(config.scan === undefined ? {} : { scan: config.scan }), ...(source === undefined ? {} : { source }) });
}
