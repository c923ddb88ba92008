import { DatabaseUrlError, redactUrl } from '../../schema/database-url.ts';
import { sync, type SyncOptions } from '../run/sync.ts';
import { parseDuration } from './parse-duration.ts';
import { EXIT_CODES } from '../run/exit-codes.ts';
import { CutoverRefusedError, SyncUsageError } from './sync-errors.ts';
import type { SyncEvent } from './sync-events.ts';
import { syncEvery } from './sync-every.ts';
import { syncReportLines, syncSummaryLine } from './sync-report.ts';

/** `es2sql sync` as the CLI parsed it: the library options plus `every`. */
export interface SyncCommandInput extends Omit<SyncOptions, 'onEvent' | 'signal'> {
  /** `--every 5m`: keep syncing at this period until interrupted. */
  every?: string | number;
}

/** Where a command writes: results to `out`, progress, warnings and the one-line error to `err`. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * The exit code an error maps to (EXIT_CODES, shared by every command): wrong options 64, an
 * interruption 130, cutover's verification gate 4, anything else 2 — another sync holding the lock,
 * a cut-over pipeline and a missing migration included: the message says which and what to do.
 */
export function exitCodeOfError(error: Error, signal?: AbortSignal): number {
  if (error instanceof SyncUsageError || error instanceof DatabaseUrlError || error instanceof RangeError) return EXIT_CODES.usage;
  if (error instanceof CutoverRefusedError) return EXIT_CODES.differences;
  if (signal?.aborted) return EXIT_CODES.interrupted;
  return EXIT_CODES.error;
}

/** An error as the one line the CLI prints: first line only, passwords removed. */
export function oneLineError(error: Error): string {
  return redactUrl((error.message.split('\n')[0] ?? '').trim());
}

/** Progress and warnings as lines for `err` (tables and summaries go to `out`). */
export function eventLine(event: SyncEvent): string | undefined {
  switch (event.type) {
    case 'info':
      return event.message;
    case 'warning':
      return `warning: ${event.message}`;
    case 'lock-wait':
      return `waiting for the sync lock held by ${event.holder} since ${event.since}`;
    case 'lock-takeover':
      return `took over the sync lock of ${event.previousHolder}: no heartbeat since ${event.lastHeartbeat}`;
    case 'sweep-done':
      return event.complete ? undefined : `sweep of ${event.partition} failed after ${event.swept} documents: ${event.error ?? 'unknown error'}`;
    default:
      return undefined;
  }
}

/**
 * Runs `es2sql sync` and returns its exit code (0 in step, 1 work remains — so
 * `until es2sql sync --max-count N; do :; done` converges —, 2 failed, 64 usage, 130 interrupted): prints per entity found/done/remaining and a
 * summary; with `every`, keeps syncing (one summary line per run, with its lag) until `signal`
 * aborts. Errors are one line on `err`.
 */
export async function runSyncCommand(input: SyncCommandInput, io: CommandIo, signal?: AbortSignal): Promise<number> {
  const onEvent = (event: SyncEvent) => {
    const line = eventLine(event);
    if (line !== undefined) io.err(line);
  };
  try {
    if (input.every === undefined) {
      const result = await sync({ ...input, signal, onEvent });
      if (result.stats.sweepMs > 0 || result.stats.found > 0) for (const line of syncReportLines(result.stats)) io.out(line);
      if (result.error) {
        io.err(`es2sql sync: ${oneLineError(result.error)}`);
        return exitCodeOfError(result.error, signal);
      }
      return result.stats.workRemains ? EXIT_CODES.workRemains : EXIT_CODES.ok;
    }
    const everyMs = parseDuration(input.every);
    const looped = await syncEvery({
      ...input,
      everyMs,
      wait: input.wait ?? false,
      signal,
      onEvent: (event) => {
        if (event.type !== 'run-done') return onEvent(event);
        const at = new Date().toISOString();
        io.out(`${at} run ${event.run}: found ${event.stats.found}, done ${event.stats.done}, ${event.error ? `failed: ${oneLineError(event.error)}` : syncSummaryLine(event.stats)}`);
      },
    });
    if (looped.error) {
      io.err(`es2sql sync: ${oneLineError(looped.error)}`);
      return exitCodeOfError(looped.error, signal);
    }
    return EXIT_CODES.ok;
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    io.err(`es2sql sync: ${oneLineError(err)}`);
    return exitCodeOfError(err, signal);
  }
}
