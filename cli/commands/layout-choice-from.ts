import { LayoutConflictError, parseLayoutChoice, type LayoutChoice } from '../../schema/index.ts';
import type { ResolvedConfig } from '../config/index.ts';
import { UsageError } from '../usage-error.ts';

/**
 * `--layout` / `--freezer-release` as the library's layout choice. Two options naming different
 * schemas is a usage error here; a choice that conflicts with the target's own schema is found
 * later, by the run, and is a schema mismatch (exit 2), not a usage error.
 */
export function layoutChoiceFrom(config: ResolvedConfig): LayoutChoice | undefined {
  try {
    return parseLayoutChoice({ layout: config.layout, freezerRelease: config.freezerRelease });
  } catch (error) {
    if (error instanceof LayoutConflictError) throw new UsageError(error.message);
    throw error;
  }
}
