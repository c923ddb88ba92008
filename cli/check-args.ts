import type { ConfigFlags } from './config/index.ts';
import type { Es2sqlArgs } from './es2sql-args.ts';
import type { CommandName } from './cli-options.ts';
import { parseDuration } from './parse-duration.ts';
import { UsageError } from './usage-error.ts';
import { DIALECTS, isDialect } from '../schema/dialect.ts';

const ENTITIES = ['clients', 'actions', 'jobs', 'sessions', 'backups', 'unclassified'];
const DEFAULT_PROGRESS_INTERVAL_MS = 10_000;

function last(value: unknown): unknown {
  return Array.isArray(value) ? value.at(-1) : value;
}

function text(parsed: Record<string, unknown>, key: string): string | undefined {
  const value = last(parsed[key]);
  return value === undefined || value === '' ? undefined : String(value);
}

function wholeNumber(parsed: Record<string, unknown>, key: string, flag: string, example: number): number | undefined {
  const value = text(parsed, key);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${flag} is "${value}", not a whole number of at least 1; write e.g. ${flag} ${example}`);
  }
  return Number(value);
}

/**
 * The cross-flag rules of the CLI's own options (those configuration does not know): each problem
 * is a {@link UsageError} that says what is wrong and how to write it instead. Configuration rules
 * (`--slice` without `--slices`, `--quiet` with `--debug`, …) are `checkConfig`'s.
 */
export function checkArgs(command: CommandName, configFlags: ConfigFlags, parsed: Record<string, unknown>): Es2sqlArgs {
  const interval = text(parsed, 'progressInterval');
  let progressIntervalMs = DEFAULT_PROGRESS_INTERVAL_MS;
  if (interval !== undefined) {
    const seconds = Number(interval);
    if (!Number.isFinite(seconds) || seconds <= 0 || !/^\s*\d*\.?\d+\s*$/.test(interval)) {
      throw new UsageError(`--progress-interval is "${interval}", not a number of seconds above 0; write e.g. --progress-interval 5`);
    }
    progressIntervalMs = Math.max(1, Math.round(seconds * 1000));
  }
  const every = text(parsed, 'every');
  const entity = text(parsed, 'entity');
  const rejects = last(parsed.rejects) === true;
  if (entity !== undefined && !ENTITIES.includes(entity)) {
    throw new UsageError(`--entity is "${entity}"; use one of ${ENTITIES.join(', ')}`);
  }
  if (entity !== undefined && !rejects) {
    throw new UsageError(`--entity ${entity} filters the reject list; add --rejects (es2sql status --rejects --entity ${entity})`);
  }
  const args: Es2sqlArgs = {
    command,
    configFlags,
    restart: last(parsed.restart) === true,
    progressIntervalMs,
    json: last(parsed.json) === true,
    wait: last(parsed.wait) === true,
    force: last(parsed.force) === true,
    rejects,
  };
  const dialect = text(parsed, 'dialect');
  if (dialect !== undefined) {
    if (!isDialect(dialect)) throw new UsageError(`--dialect is "${dialect}"; use ${DIALECTS.slice(0, -1).join(', ')} or ${DIALECTS.at(-1)}`);
    args.dialect = dialect;
  }
  const deleteMode = text(parsed, 'deleteMode');
  if (deleteMode !== undefined) {
    if (deleteMode !== 'soft' && deleteMode !== 'hard') throw new UsageError(`--delete-mode is "${deleteMode}"; use soft (rows keep deleted = true, as freezer-api does) or hard`);
    args.deleteMode = deleteMode;
  }
  const out = text(parsed, 'out');
  if (out !== undefined) args.out = out;
  const phase = text(parsed, 'phase');
  if (phase !== undefined) args.phase = phase;
  const maxCount = wholeNumber(parsed, 'maxCount', '--max-count', 1000);
  if (maxCount !== undefined) args.maxCount = maxCount;
  if (every !== undefined) args.everyMs = parseDuration(every, '--every');
  if (entity !== undefined) args.entity = entity;
  const limit = wholeNumber(parsed, 'limit', '--limit', 20);
  if (limit !== undefined) args.limit = limit;
  return args;
}
