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

/** What a column holds, as the checks dispatch on it. */
const STRING = 0;
const INTEGER = 1;
const BOOLEAN = 2;
const DATE = 3;
const BLOB = 4;

/**
 * One column's checks, decided once per table definition: which type test, which limits apply on
 * this dialect. Only the messages are built per value, and only on a problem.
 */
interface ColumnCheck {
  readonly column: ColumnSchema;
  readonly name: string;
  readonly kind: number;
  readonly nullable: boolean;
  /** NOT NULL without a database default: a missing value is a problem. */
  readonly required: boolean;
  /** VARCHAR width in code points (Infinity where none). */
  readonly maxChars: number;
  /** TEXT capacity in UTF-8 bytes (Infinity where none). */
  readonly maxBytes: number;
  /** A TIMESTAMP column on a dialect whose TIMESTAMP has a range. */
  readonly rangedTimestamp: boolean;
  readonly utf8mb3: boolean;
}

/** A table's checks: its columns in order, and their names for the unknown-column test. */
interface TableCheck {
  readonly columns: ReadonlyMap<string, ColumnSchema>;
  readonly checks: readonly ColumnCheck[];
}

/** The checks of a target schema's tables, built once per schema. */
interface SchemaCheck {
  readonly facts: DialectFacts;
  readonly tables: ReadonlyMap<string, TableCheck>;
}

function kindOf(column: ColumnSchema): number {
  switch (column.type) {
    case 'varchar':
    case 'text':
      return STRING;
    case 'integer':
      return INTEGER;
    case 'boolean':
      return BOOLEAN;
    case 'datetime':
    case 'timestamp':
      return DATE;
    case 'blob':
      return BLOB;
  }
}

function columnCheck(column: ColumnSchema, facts: DialectFacts): ColumnCheck {
  return {
    column,
    name: column.name,
    kind: kindOf(column),
    nullable: column.nullable,
    required: !column.nullable && !column.hasDefault,
    maxChars: column.type === 'varchar' && column.length !== undefined ? column.length : Infinity,
    maxBytes: column.type === 'text' && facts.textByteLimit !== undefined ? (column.length ?? facts.textByteLimit) : Infinity,
    rangedTimestamp: column.type === 'timestamp' && facts.timestampRange !== undefined,
    utf8mb3: isUtf8mb3(column.charset),
  };
}

const SCHEMA_CHECKS = new WeakMap<TargetSchema, SchemaCheck>();
let lastSchema: TargetSchema | undefined;
let lastCheck: SchemaCheck | undefined;

function schemaCheck(schema: TargetSchema): SchemaCheck {
  if (schema === lastSchema) return lastCheck!;
  let check = SCHEMA_CHECKS.get(schema);
  if (check === undefined) {
    const capabilities = targetCapabilities(schema);
    const tables = new Map<string, TableCheck>();
    for (const table of Object.keys(schema.tables)) {
      const columns = capabilities.columns(table)!;
      tables.set(table, { columns, checks: [...columns.values()].map((column) => columnCheck(column, capabilities.facts)) });
    }
    check = { facts: capabilities.facts, tables };
    SCHEMA_CHECKS.set(schema, check);
  }
  lastSchema = schema;
  lastCheck = check;
  return check;
}

/** A problem with `table.column`; `what` continues the sentence that starts with the column's name. */
function problemAt(table: string, column: ColumnSchema, reason: RejectReason, what: string): Problem {
  return { reason, column: column.name, detail: `${table}.${column.name} ${what}` };
}

function wrongType(table: string, column: ColumnSchema, value: SqlValue): Problem {
  return problemAt(table, column, 'invalid_value', `is ${sqlType(column)} but the value is a ${value instanceof Date ? 'invalid date' : typeof value}`);
}

function checkString(facts: DialectFacts, table: string, check: ColumnCheck, value: string, hazards: string[]): Problem | null {
  const column = check.column;
  if (value.length > check.maxChars) {
    const length = codePoints(value);
    if (length > check.maxChars) return problemAt(table, column, 'too_long', `is VARCHAR(${check.maxChars}) but the value has ${length} characters`);
  }
  if (value.length * 3 > check.maxBytes) {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > check.maxBytes) return problemAt(table, column, 'too_long', `is TEXT (${check.maxBytes} bytes) but the value has ${bytes} bytes of UTF-8`);
  }
  if (!facts.textHoldsNul && value.includes('\u0000')) {
    return problemAt(table, column, 'charset_unsupported', `is ${facts.displayName} text, which cannot hold the NUL character the value contains`);
  }
  if (ASTRAL.test(value)) {
    if (LONE_SURROGATE.test(value)) return problemAt(table, column, 'invalid_value', 'would receive an unpaired UTF-16 surrogate, which has no UTF-8 form');
    if (facts.supportsCharsets) {
      if (check.utf8mb3) {
        return problemAt(table, column, 'charset_unsupported', `has charset ${column.charset} (3-byte UTF-8) but the value holds a 4-byte character`);
      }
      hazards.push(column.name);
    }
  }
  return null;
}

function checkValue(facts: DialectFacts, table: string, check: ColumnCheck, value: SqlValue, hazards: string[]): Problem | null {
  // Runs for every value of every row: messages (and the column's name in them) only on a problem.
  if (value === null) {
    return check.nullable ? null : problemAt(table, check.column, 'missing_required_field', 'is NOT NULL but the value is NULL');
  }
  switch (check.kind) {
    case STRING:
      return typeof value === 'string' ? checkString(facts, table, check, value, hazards) : wrongType(table, check.column, value);
    case INTEGER:
      if (typeof value === 'number') {
        if (!Number.isInteger(value)) return wrongType(table, check.column, value);
      } else if (typeof value !== 'bigint') {
        return wrongType(table, check.column, value);
      }
      return value < INT32_MIN || value > INT32_MAX
        ? problemAt(table, check.column, 'integer_out_of_range', `is a 32-bit INTEGER but the value is ${String(value)}`)
        : null;
    case BOOLEAN:
      return typeof value === 'boolean' ? null : wrongType(table, check.column, value);
    case DATE:
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) return wrongType(table, check.column, value);
      return check.rangedTimestamp && !fitsTimestamp(value, facts)
        ? problemAt(table, check.column, 'invalid_value', `is a ${facts.displayName} TIMESTAMP (${timestampYears(facts)}) but the value is ${value.toISOString()}`)
        : null;
    default:
      return value instanceof Uint8Array ? null : wrongType(table, check.column, value);
  }
}

function checkRow(schema: SchemaCheck, table: string, row: Row, hazards: string[]): Problem | null {
  const tableCheck = schema.tables.get(table);
  if (tableCheck === undefined) return { reason: 'invalid_value', column: '', detail: `table ${table} does not exist in the target` };
  const columns = tableCheck.columns;
  for (const name in row) {
    if (!columns.has(name)) return { reason: 'invalid_value', column: name, detail: `${table}.${name} does not exist in the target` };
  }
  const checks = tableCheck.checks;
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i]!;
    const value = row[check.name];
    if (value === undefined) {
      if (!check.required) continue;
      return problemAt(table, check.column, 'missing_required_field', 'is NOT NULL but no value is given');
    }
    const problem = checkValue(schema.facts, table, check, value, hazards);
    if (problem !== null) return problem;
  }
  return null;
}

function rejected(outcome: Accepted, problem: Problem, field: string | undefined): Rejected {
  const base = { kind: 'rejected', entity: outcome.entity, docId: outcome.docId, reason: problem.reason } as const;
  const rest = { detail: problem.detail, findings: outcome.findings };
  return field === undefined ? { ...base, ...rest } : { ...base, field, ...rest };
}

/** Adds a hazard finding per column in `hazards` (then empties it) to `findings`, created on first use. */
function recordHazards(findings: Finding[] | null, hazards: string[], table: string, fields: Readonly<Record<string, string>> | undefined): Finding[] {
  const into = findings ?? [];
  for (const column of hazards) {
    const field = fields?.[column];
    const detail = `${table}.${column} holds a 4-byte character: stored, but freezer-api's ?charset=utf8 connection cannot read it`;
    into.push(field === undefined ? { code: 'four_byte_utf8_connection_hazard', detail } : { code: 'four_byte_utf8_connection_hazard', field, detail });
  }
  hazards.length = 0;
  return into;
}

/** Scratch list of the current row's hazard columns (emptied after each row; never held across calls). */
const HAZARDS: string[] = [];

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
 * Rejected outcomes pass through unchanged. The column checks are compiled once per schema
 * (which test, which limits), so a row costs a type test and the limits that apply per value.
 */
export function checkAgainstSchema(outcome: TransformOutcome, schema: TargetSchema): TransformOutcome {
  if (outcome.kind === 'rejected') return outcome;
  const compiled = schemaCheck(schema);
  const hazards = HAZARDS;
  hazards.length = 0;
  let findings: Finding[] | null = null;
  const writes = outcome.writes;
  for (let w = 0; w < writes.length; w++) {
    const write = writes[w]!;
    const problem = checkRow(compiled, write.table, write.row, hazards);
    if (problem !== null) return rejected(outcome, problem, write.fields?.[problem.column]);
    if (hazards.length > 0) findings = recordHazards(findings, hazards, write.table, write.fields);
  }
  const children = outcome.children;
  for (let c = 0; c < children.length; c++) {
    const child = children[c]!;
    const rows = child.rows;
    for (let index = 0; index < rows.length; index++) {
      const fields = child.fields?.[index];
      const problem = checkRow(compiled, child.table, rows[index]!, hazards);
      if (problem !== null) return rejected(outcome, problem, fields?.[problem.column]);
      if (hazards.length > 0) findings = recordHazards(findings, hazards, child.table, fields);
    }
  }
  return findings === null ? outcome : { ...outcome, findings: [...outcome.findings, ...findings] };
}
