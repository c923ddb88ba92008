import type { SourceDocument } from '../../../core/source-document.ts';
import type { TargetSchema } from '../../../schema/table-schema.ts';
import { parseJson } from '../../../core/parse-json.ts';
import type { JsonObject } from '../../../core/json-value.ts';
import type { ActionCatalog, ClientRegistry, TransformContext } from '../../../transforms/transform-context.ts';
import type { Accepted, Finding, Row, TransformOutcome } from '../../../transforms/transform-result.ts';

export const MIGRATION_TIME = new Date('2026-01-02T03:04:05.000Z');

const NO_DUPLICATES: ClientRegistry = { winner: () => undefined };

/** A transform context for tests: fixed migration time, no default project, no duplicates. */
export function makeContext(
  schema: TargetSchema,
  options: { defaultProjectId?: string | null; clientRegistry?: ClientRegistry; actionCatalog?: ActionCatalog } = {},
): TransformContext {
  const ctx: TransformContext = {
    schema,
    migrationTime: MIGRATION_TIME,
    defaultProjectId: options.defaultProjectId ?? null,
    clientRegistry: options.clientRegistry ?? NO_DUPLICATES,
  };
  if (options.actionCatalog !== undefined) ctx.actionCatalog = options.actionCatalog;
  return ctx;
}

/** A source document; `source` may be JSON text (parsed exactly, like the extractor does). */
export function makeDoc(type: string | null, id: string, source: JsonObject | string): SourceDocument {
  return { index: 'freezer', type, id, version: 1, source: typeof source === 'string' ? (parseJson(source) as JsonObject) : source };
}

export function accepted(outcome: TransformOutcome): Accepted {
  if (outcome.kind !== 'accepted') throw new Error(`expected accepted, got ${outcome.reason}: ${outcome.detail}`);
  return outcome;
}

/** The row written to a table (the first one). */
export function rowOf(outcome: TransformOutcome, table: string): Row {
  const write = accepted(outcome).writes.find((w) => w.table === table);
  if (write === undefined) throw new Error(`no write to ${table}`);
  return write.row;
}

export function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.code);
}
