import { openDatabase, type AnyKysely } from './connect.ts';
import { DatabaseUrlError, parseDatabaseUrl, redactUrl, type DatabaseLocation } from './database-url.ts';
import { describeRevision } from './layout/freezer-revisions.ts';
import { parseLayoutChoice } from './layout/layout-choice.ts';
import { schemaStatus, type SchemaStatus } from './schema-status.ts';
import { LayoutConflictError, SchemaError, UnknownLayoutError, asUnreachable } from './schema-errors.ts';
import { upgradeSchema, type UpgradePhase } from './upgrade-schema.ts';

/** `es2sql schema upgrade|status` as the CLI parsed it. */
export interface SchemaCommandInput {
  command: 'upgrade' | 'status';
  /** Target database URL (postgres://…, mysql://…, mysql+pymysql://…, sqlite:path). */
  target: string;
  layout?: string;
  freezerRelease?: string;
  /** `expand`, `contract` or `all` (default); upgrade only. */
  phase?: string;
}

/** Where the command writes: results to `out`, the one-line error to `err`. */
export interface SchemaCommandIo {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 done, 1 the database refused or failed, 2 the input was wrong (nothing touched). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const PHASES: readonly UpgradePhase[] = ['expand', 'contract', 'all'];

function parsePhase(phase: string | undefined): UpgradePhase {
  const value = (phase ?? 'all').trim().toLowerCase();
  if ((PHASES as readonly string[]).includes(value)) return value as UpgradePhase;
  throw new UnknownLayoutError(`unknown phase "${phase}"; use --phase expand, --phase contract or --phase all`);
}

function statusLines(location: DatabaseLocation, status: SchemaStatus): string[] {
  const lines = [
    `target: ${location.display}`,
    `found: ${status.existing ? describeRevision(status.existing) + (status.existing.layout === 'B' && status.existing.origin === 'A' ? ', taken over from layout A (keeps its widths)' : '') : 'no freezer-api schema'}`,
    `target schema: ${describeRevision(status.target)} (${status.target.source})`,
    `bookkeeping: ${status.stamp ? describeRevision(status.stamp) : 'none'}`,
  ];
  for (const m of status.migrations) {
    const state = m.reserved ? 'reserved' : m.state;
    lines.push(`${m.id} ${m.phase.padEnd(8)} ${state.padEnd(8)} ${m.name}${m.reaches ? ` → ${m.reaches.revision}` : ''}`);
  }
  const { expand, contract } = status.pending;
  lines.push(expand.length + contract.length === 0 ? 'pending: none' : `pending: expand ${expand.join(', ') || '-'}; contract ${contract.join(', ') || '-'}`);
  lines.push(status.handOffReady
    ? 'hand-off: ready (freezer-api\'s db sync finds nothing to do)'
    : 'hand-off: not ready; run es2sql schema upgrade');
  return lines;
}

function exitCodeOf(error: unknown): number {
  return error instanceof UnknownLayoutError || error instanceof LayoutConflictError || error instanceof DatabaseUrlError ? EXIT_USAGE : EXIT_FAILED;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return redactUrl(text.split('\n')[0] ?? '');
}

/**
 * Runs `es2sql schema upgrade` or `es2sql schema status` against a target URL and returns the exit
 * code. Input errors (unknown layout/phase/URL) are reported before the database is touched; every
 * error is one line on `err`, without passwords.
 */
export async function runSchemaCommand(input: SchemaCommandInput, io: SchemaCommandIo): Promise<number> {
  let db: AnyKysely | undefined;
  try {
    const location = parseDatabaseUrl(input.target);
    const choice = parseLayoutChoice({ layout: input.layout, freezerRelease: input.freezerRelease });
    const phase = input.command === 'upgrade' ? parsePhase(input.phase) : 'all';
    try {
      db = openDatabase(location, { poolSize: 1, readOnly: input.command === 'status' });
    } catch (error) {
      throw asUnreachable(error, location.display);
    }
    if (input.command === 'status') {
      statusLines(location, await schemaStatus(db, location.dialect, choice, { targetDisplay: location.display })).forEach((l) => io.out(l));
      return EXIT_OK;
    }
    io.out(`target: ${location.display}`);
    const result = await upgradeSchema(db, location.dialect, { choice, phase, targetDisplay: location.display, onProgress: (line) => io.out(line) });
    io.out(`done: ${result.applied.length} migration(s) applied; bookkeeping ${result.stamp ? describeRevision(result.stamp) : 'none'}; hand-off ${result.handOffReady ? 'ready' : 'not ready'}`);
    return EXIT_OK;
  } catch (error) {
    io.err(`error: ${oneLine(error instanceof SchemaError || error instanceof DatabaseUrlError ? error : asUnreachable(error, input.target))}`);
    return exitCodeOf(error);
  } finally {
    await db?.destroy().catch(() => {});
  }
}
