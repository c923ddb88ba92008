import { JsonNumber } from '../core/json-value.ts';
import type { DialectFacts } from '../schema/dialect-facts.ts';

/** Seconds of 9999-12-31T23:59:59Z + 1: the end of what every target's DATETIME can hold. */
const MAX_EPOCH_SECONDS = 253_402_300_800;
const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** ISO-8601 date or date-time as freezer writes them; `T` or a blank between date and time. */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function epochSeconds(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof JsonNumber) return Number(value.source);
  if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) return Number(value.trim());
  return null;
}

function fromSeconds(seconds: number): Date | null {
  if (!(seconds > 0 && seconds < MAX_EPOCH_SECONDS)) return null;
  return new Date(Math.floor(seconds * 1000));
}

/**
 * A document's own time (job `job_schedule.time_created`, backup `backup_metadata.time_stamp`) as a
 * `created_at` value: epoch seconds given as int, float or numeric string → UTC Date (milliseconds
 * truncated). Nonsense (`-1`, 0, beyond year 9999, text) → null, and the caller falls back to the
 * migration time.
 */
export function dateFromEpoch(value: unknown): Date | null {
  const seconds = epochSeconds(value);
  return seconds === null ? null : fromSeconds(seconds);
}

/**
 * `freezer_action.report_date` → the `action_reports.report_date` TIMESTAMP. Accepts epoch seconds
 * (int, float, numeric string) and ISO-8601 strings (`2017-03-01T10:00:00Z`, `2017-03-01 10:00:00`,
 * `2017-03-01`); a date-time without offset is read as UTC, like the naive-UTC columns of freezer-api.
 * Returns `undefined` when the key is absent or null, `null` when the value cannot be read.
 */
export function parseReportDate(value: unknown): Date | null | undefined {
  if (value === undefined || value === null) return undefined;
  const seconds = epochSeconds(value);
  if (seconds !== null) return fromSeconds(seconds);
  if (typeof value !== 'string') return null;
  const match = ISO_DATE_TIME.exec(value.trim());
  if (match === null) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const millis = fraction === '' ? '' : fraction.slice(0, 4).padEnd(4, '0');
  // Date() rolls impossible days over (2017-02-31 → 2017-03-03); reject those instead.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return null;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${millis}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The date fits the target's TIMESTAMP columns (MySQL: 1970-01-01 00:00:01 … 2038-01-19 03:14:07 UTC; elsewhere any date). */
export function fitsTimestamp(date: Date, facts: DialectFacts): boolean {
  const range = facts.timestampRange;
  if (range === undefined) return true;
  const time = date.getTime();
  return time >= range.minMs && time <= range.maxMs;
}
