import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandName } from '../cli-options.ts';
import type { ResolvedConfig } from '../config/index.ts';

/** The embedded default target when none is configured: `./es2sql.db` in the working directory. */
export const DEFAULT_SQLITE_FILE = 'es2sql.db';

/**
 * Fills in the SQLite default target (`./es2sql.db`) when no layer set one: always for `migrate`
 * (the quick start), and for the commands that read what a migration wrote (status, verify, sync,
 * cutover, schema status) only when that file exists. Returns the note to print, if it did.
 */
export function applyDefaultTarget(config: ResolvedConfig, command: CommandName): string | undefined {
  if (config.target !== undefined) return undefined;
  const path = join(config.cwd, DEFAULT_SQLITE_FILE);
  const readsExisting = command === 'status' || command === 'verify' || command === 'sync' || command === 'cutover' || command === 'schema status';
  if (command !== 'migrate' && !(readsExisting && existsSync(path))) return undefined;
  if (command === 'status' && config.stateDb !== undefined) return undefined;
  config.target = `sqlite:${path}`;
  config.provenance.target = 'default';
  config.origins.target = '--target (default: ./es2sql.db)';
  if (config.stateDb === undefined) {
    config.stateDb = config.target;
    config.provenance.stateDb = 'target-fallback';
    config.origins.stateDb = `${config.origins.target} (no state database set: es2sql keeps its tables in the target)`;
  }
  return `no target database given: using the SQLite file ${path} (pass --target to choose another database)`;
}
