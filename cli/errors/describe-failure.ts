import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { SourceError, SourceUrlError } from '../../pipeline/source/source-error.ts';
import { CutoverRefusedError, SyncError, SyncUsageError } from '../../pipeline/sync/sync-errors.ts';
import { DatabaseUrlError } from '../../schema/database-url.ts';
import { SchemaError, UnknownLayoutError } from '../../schema/schema-errors.ts';
import { ConfigError } from '../config/index.ts';
import { UsageError } from '../usage-error.ts';
import { databaseFailure } from './database-failure.ts';
import type { DatabaseRef } from './database-ref.ts';
import { firstLine } from './error-chain.ts';
import type { Failure } from './failure.ts';
import { InterruptedError } from './interrupted-error.ts';
import { ReportFileError } from './report-file-error.ts';

/** What the CLI knows about the run that failed, to name things in messages. */
export interface FailureContext {
  /** The databases of the command (target, and the state database when it is separate). */
  databases: readonly DatabaseRef[];
}

// By name: its module pulls in the whole schema layer, which --help and usage errors do not need.
function isSchemaUpgradeNeeded(error: unknown): error is Error {
  return error instanceof Error && error.name === 'SchemaUpgradeNeededError';
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * Maps any error a command can end with to its exit code and a one-line message that says what is
 * wrong and what to do next. Usage and configuration problems exit 64 (a layout that conflicts with
 * the target's schema is a schema mismatch: 2); everything else 2, except a
 * refused cutover (4) and an interrupt (130). Unknown errors keep their first line and point at --debug.
 */
export function describeFailure(error: unknown, context: FailureContext): Failure {
  if (error instanceof InterruptedError) return { code: EXIT_CODES.interrupted, message: error.message };
  if (error instanceof ReportFileError) return { code: EXIT_CODES.error, message: error.message };
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof DatabaseUrlError || error instanceof SourceUrlError) {
    return { code: EXIT_CODES.usage, message: oneLine(error.message) };
  }
  // Library option checks (validate's InvalidOptionsError, syncEvery's period) are RangeErrors.
  if (error instanceof UnknownLayoutError || error instanceof SyncUsageError || error instanceof RangeError) {
    return { code: EXIT_CODES.usage, message: oneLine(error.message) };
  }
  if (error instanceof SourceError) return { code: EXIT_CODES.error, message: oneLine(error.message) };
  const database = databaseFailure(error, context.databases);
  if (database) return database;
  if (error instanceof CutoverRefusedError) return { code: EXIT_CODES.differences, message: oneLine(error.message) };
  if (error instanceof SchemaError || error instanceof SyncError || isSchemaUpgradeNeeded(error)) {
    return { code: EXIT_CODES.error, message: oneLine(error.message) };
  }
  const text = firstLine(error) || 'unexpected error';
  return { code: EXIT_CODES.error, message: `${text} (rerun with --debug for details)` };
}
