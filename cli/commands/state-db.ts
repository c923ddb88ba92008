import type { ResolvedConfig } from '../config/index.ts';

/** The state database URL to hand the library, undefined when es2sql keeps its tables in the target. */
export function separateStateDb(config: ResolvedConfig): string | undefined {
  return config.provenance.stateDb === 'target-fallback' ? undefined : config.stateDb;
}
