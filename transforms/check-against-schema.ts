import type { DialectFacts } from '../schema/dialect-facts.ts';
import type { ColumnSchema, TargetSchema } from '../schema/table-schema.ts';
import { fitsTimestamp } from './source-dates.ts';
import { targetCapabilities } from './target-capabilities.ts';
import type { Accepted, Finding, RejectReason, Rejected, Row, SqlValue, TransformOutcome } from './transform-result.ts';
import { codePoints } from '../core/code-points.ts';

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
/** A UTF-16 surrogate: the string holds a character outside the BMP (4 bytes in UTF-8). */
const ASTRAL = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Problem {
  reason: RejectReason;
  column: string;
  detail: string;
}

function isUtf8mb3(charset: string | undefined): boolean {
  return charset === 'utf8mb3' || charset === 'utf8';
}

/** The years a TIMESTAMP column spans, for messages: `1970-2038` on MySQL. */
function timestampYears(facts: DialectFacts): string {
  const range = facts.timestampRange;
  return range === undefined ? 'any year' : `${new Date(range.minMs).getUTCFullYear()}-${new Date(range.maxMs).getUTCFullYear()}`;
}

function sqlType(column: ColumnSchema): string {
  return column.length === undefined ? column.type.toUpperCase() : `${column.type.toUpperCase()}(${column.length})`;
}

function typeMatches(column: ColumnSchema, value: SqlValue): boolean {
  switch (column.type) {
    case 'varchar':
    case 'text':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
    case 'timestamp':
      return value instanceof Date && !Number.isNaN(value.getTime());
    case 'blob':
      return value instanceof Uint8Array;
  }
}

/** A problem with `table.column`; `what` continues the sentence that starts with the column's name. */
function problemAt(table: string, column: ColumnSchema, reason: RejectReason, what: string): Problem {
  return { reason, column: column.name, detail: `${table}.${column.name} ${what}` };
}

function checkValue(facts: DialectFacts, table: string, column: ColumnSchema, value: SqlValue, hazards: string[]): Problem | null {
  // Runs for every value of every row: messages (and the column's name in them) only on a problem.
  if (value === null) {
    return column.nullable ? null : problemAt(table, column, 'missing_required_field', 'is NOT NULL but the value is NULL');
  }
  if (!typeMatches(column, value)) {
    return problemAt(table, column, 'invalid_value', `is ${sqlType(column)} but the value is a ${value instanceof Date ? 'invalid date' : typeof value}`);
  }
  if (typeof value === 'string') {
    if (column.type === 'varchar' && column.length !== undefined && value.length > column.length) {
      const length = codePoints(value);
      if (length > column.length) return problemAt(table, column, 'too_long', `is VARCHAR(${column.length}) but the value has ${length} characters`);
    }
    if (column.type === 'text' && facts.textByteLimit !== undefined) {
      const limit = column.length ?? facts.textByteLimit;
      if (value.length * 3 > limit) {
        const bytes = Buffer.byteLength(value, 'utf8');
        if (bytes > limit) return problemAt(table, column, 'too_long', `is TEXT (${limit} bytes) but the value has ${bytes} bytes of UTF-8`);
      }
    }
    if (!facts.textHoldsNul && value.includes('\u0000')) {
      return problemAt(table, column, 'charset_unsupported', `is ${facts.displayName} text, which cannot hold the NUL character the value contains`);
    }
    if (ASTRAL.test(value) && LONE_SURROGATE.test(value)) {
      return problemAt(table, column, 'invalid_value', 'would receive an unpaired UTF-16 surrogate, which has no UTF-8 form');
    }
    if (facts.supportsCharsets && ASTRAL.test(value)) {
      if (isUtf8mb3(column.charset)) {
        return problemAt(table, column, 'charset_unsupported', `has charset ${column.charset} (3-byte UTF-8) but the value holds a 4-byte character`);
      }
      hazards.push(column.name);
    }
    return null;
  }
  if ((typeof value === 'number' || typeof value === 'bigint') && (value < INT32_MIN || value > INT32_MAX)) {
    return problemAt(table, column, 'integer_out_of_range', `is a 32-bit INTEGER but the value is ${String(value)}`);
  }
  if (column.type === 'timestamp' && value instanceof Date && !fitsTimestamp(value, facts)) {
    return problemAt(table, column, 'invalid_value', `is a ${facts.displayName} TIMESTAMP (${timestampYears(facts)}) but the value is ${value.toISOString()}`);
  }
  return null;
}

function checkRow(schema: TargetSchema, table: string, row: Row, hazards: string[]): Problem | null {
  const capabilities = targetCapabilities(schema);
  const columns = capabilities.columns(table);
  if (columns === undefined) return { reason: 'invalid_value', column: '', detail: `table ${table} does not exist in the target` };
  for (const name of Object.keys(row)) {
    if (!columns.has(name)) return { reason: 'invalid_value', column: name, detail: `${table}.${name} does not exist in the target` };
  }
  for (const column of columns.values()) {
    const value = row[column.name];
    if (value === undefined) {
      if (column.nullable || column.hasDefault) continue;
      return problemAt(table, column, 'missing_required_field', 'is NOT NULL but no value is given');
    }
    const problem = checkValue(capabilities.facts, table, column, value, hazards);
    if (problem !== null) return problem;
  }
  return null;
}

function rejected(outcome: Accepted, problem: Problem, field: string | undefined): Rejected {
  const base = { kind: 'rejected', entity: outcome.entity, docId: outcome.docId, reason: problem.reason } as const;
  const rest = { detail: problem.detail, findings: outcome.findings };
  return field === undefined ? { ...base, ...rest } : { ...base, field, ...rest };
}

/**
 * Checks every row of an accepted outcome against the columns the target really has, the way the
 * target (or freezer-api reading it) would refuse it, and turns the first violation into a
 * `Rejected` with the source field and a one-line detail naming `table.column`, the limit and the
 * actual size. Rules, on every dialect unless noted (so a SQLite target holds exactly what a MySQL
 * one would): unknown table or column → `invalid_value`; NULL or missing value in a NOT NULL column
 * without default → `missing_required_field`; value of the wrong type → `invalid_value`; VARCHAR
 * longer than its width in characters (code points) → `too_long`; MySQL TEXT over its byte capacity
 * (65 535 bytes of UTF-8) → `too_long`; MySQL utf8mb3/utf8 column holding a 4-byte character, or
 * PostgreSQL text holding NUL → `charset_unsupported`; an unpaired surrogate → `invalid_value`; INTEGER outside 32-bit signed → `integer_out_of_range`; MySQL TIMESTAMP
 * outside 1970–2038 → `invalid_value`.
 *
 * A 4-byte character accepted by a utf8mb4 MySQL column adds a `four_byte_utf8_connection_hazard`
 * finding: freezer-api's documented `?charset=utf8` connection cannot read it back.
 * Rejected outcomes pass through unchanged.
 */
export function checkAgainstSchema(outcome: TransformOutcome, schema: TargetSchema): TransformOutcome {
  if (outcome.kind === 'rejected') return outcome;
  const findings: Finding[] = [];
  const hazards: string[] = [];
  const record = (table: string, fields: Readonly<Record<string, string>> | undefined) => {
    for (const column of hazards) {
      const field = fields?.[column];
      const detail = `${table}.${column} holds a 4-byte character: stored, but freezer-api's ?charset=utf8 connection cannot read it`;
      findings.push(field === undefined ? { code: 'four_byte_utf8_connection_hazard', detail } : { code: 'four_byte_utf8_connection_hazard', field, detail });
    }
    hazards.length = 0;
  };
  for (const write of outcome.writes) {
    const problem = checkRow(schema, write.table, write.row, hazards);
    if (problem !== null) return rejected(outcome, problem, write.fields?.[problem.column]);
    record(write.table, write.fields);
  }
  for (const child of outcome.children) {
    for (const [index, row] of child.rows.entries()) {
      const fields = child.fields?.[index];
      const problem = checkRow(schema, child.table, row, hazards);
      if (problem !== null) return rejected(outcome, problem, fields?.[problem.column]);
      record(child.table, fields);
    }
  }
  return findings.length === 0 ? outcome : { ...outcome, findings: [...outcome.findings, ...findings] };
}
