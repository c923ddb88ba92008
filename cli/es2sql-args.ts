import type { ConfigFlags } from './config/index.ts';
import type { CommandName } from './cli-options.ts';

/** The command line as plain data, checked; everything configuration-related is still text. */
export interface Es2sqlArgs {
  command: CommandName;
  /** Options for `resolveConfig` (camelCase, as yargs delivers them; repeated flags as arrays). */
  configFlags: ConfigFlags;
  /** `migrate --restart`. */
  restart: boolean;
  /** `schema upgrade --phase`. */
  phase?: string;
  /** Milliseconds between JSON progress lines off a terminal. */
  progressIntervalMs: number;
  /** `sync`/`validate`/`verify --max-count`. */
  maxCount?: number;
  /** `sync --every`, in milliseconds. */
  everyMs?: number;
  /** `validate --dialect` (without a target). */
  dialect?: 'postgres' | 'mysql' | 'sqlite';
  /** `mapping generate --out`. */
  out?: string;
  /** `sync`/`cutover --delete-mode`. */
  deleteMode?: 'soft' | 'hard';
  /** `sync --wait`: wait for another sync's lock. */
  wait: boolean;
  /** `sync --force`: sync after a cutover. */
  force: boolean;
  /** `status --json`. */
  json: boolean;
  /** `status --rejects` and its `--entity` filter. */
  rejects: boolean;
  entity?: string;
  /** `status --limit`. */
  limit?: number;
}
