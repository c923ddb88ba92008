import { JsonNumber, type JsonValue } from '../../core/json-value.ts';

/** ES's format when a `date` field names none. */
export const DEFAULT_DATE_FORMATS = ['strict_date_optional_time', 'epoch_millis'];

/** A parsed date: the instant in milliseconds and the form that matched (for the plan's report). */
export interface ParsedDate {
  epochMillis: number;
  form: string;
  /** Digits below the millisecond that were dropped (date_nanos, `.123456`), if any. */
  truncated: boolean;
}

const ISO = /^([+-]?\d{4,9})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === '') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return NaN;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

interface Parts {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  fraction?: string;
  zone?: string;
  pm?: boolean;
}

function instant(parts: Parts, form: string): ParsedDate | undefined {
  const { year, month = 1, day = 1, minute = 0, second = 0, fraction = '' } = parts;
  let hour = parts.hour ?? 0;
  if (parts.pm !== undefined) hour = (hour % 12) + (parts.pm ? 12 : 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const millis = Number((fraction + '000').slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  if (date.getUTCDate() !== day && hour !== 24) return undefined;
  const offset = offsetMinutes(parts.zone);
  if (Number.isNaN(offset)) return undefined;
  return { epochMillis: date.getTime() - offset * 60_000, form, truncated: /[1-9]/.test(fraction.slice(3)) };
}

function parseIso(text: string, form: string, pattern: RegExp): ParsedDate | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  const num = (i: number) => (m[i] === undefined ? undefined : Number(m[i]));
  const parts: Parts = { year: Number(m[1]) };
  for (const [key, index] of [['month', 2], ['day', 3], ['hour', 4], ['minute', 5], ['second', 6]] as const) {
    const value = num(index);
    if (value !== undefined) parts[key] = value;
  }
  if (m[7] !== undefined) parts.fraction = m[7];
  if (m[8] !== undefined) parts.zone = m[8];
  return instant(parts, form);
}

function parseEpoch(value: JsonValue, unit: number, form: string): ParsedDate | undefined {
  const text = value instanceof JsonNumber ? value.source : typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined || !/^-?\d+(?:\.\d+)?$/.test(text)) return undefined;
  const epochMillis = Number(text) * unit;
  if (!Number.isFinite(epochMillis) || Math.abs(epochMillis) > 8.64e15) return undefined;
  return { epochMillis: Math.trunc(epochMillis), form, truncated: !Number.isInteger(epochMillis) };
}

/** Named ES formats read as ISO-8601 text (strict and lenient, camelCase 1.x/2.x names too). */
function isIsoName(name: string): boolean {
  const snake = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().replace(/^strict_/, '');
  return /^(date_optional_time|date_optional_time_nanos|date_time|date_time_no_millis|date|date_hour|date_hour_minute|date_hour_minute_second|date_hour_minute_second_fraction|date_hour_minute_second_millis|year_month_day|year_month|year|iso8601)$/.test(snake);
}

/** Tries one format (a built-in name or a Java/Joda pattern such as `yyyy/MM/dd HH:mm:ss`). */
export function parseWithFormat(value: JsonValue, format: string): ParsedDate | undefined {
  if (format === 'epoch_millis') return parseEpoch(value, 1, format);
  if (format === 'epoch_second') return parseEpoch(value, 1000, format);
  if (typeof value !== 'string') return undefined;
  if (isIsoName(format)) return parseIso(value, format, ISO);
  if (/^(strict_)?basic_/.test(format) || /^basic[A-Z]/.test(format)) return parseIso(value, format, BASIC);
  return compilePattern(format)(value);
}

/** Parses a date value with the mapping's formats in order, as ES does; undefined when none fits. */
export function parseEsDate(value: JsonValue, formats: readonly string[] = DEFAULT_DATE_FORMATS): ParsedDate | undefined {
  for (const format of formats) {
    const parsed = parseWithFormat(value, format);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const PATTERN_CACHE = new Map<string, (text: string) => ParsedDate | undefined>();

type Setter = (parts: Parts, text: string) => void;

/** A Java/Joda date pattern compiled to a parser (letters: y u M d H h m s S a Z X x, quoted literals). */
function compilePattern(pattern: string): (text: string) => ParsedDate | undefined {
  const cached = PATTERN_CACHE.get(pattern);
  if (cached) return cached;
  let source = '';
  const setters: Setter[] = [];
  const group = (regex: string, setter: Setter) => {
    source += `(${regex})`;
    setters.push(setter);
  };
  for (let i = 0; i < pattern.length; ) {
    const char = pattern[i]!;
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1);
      const literal = end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      source += literal === '' ? "'" : escape(literal);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === char) run += 1;
    i += run;
    switch (char) {
      case 'y': case 'u': case 'Y':
        group(run === 2 ? '\\d{2}' : '[+-]?\\d{4,9}', (p, t) => { p.year = run === 2 ? 2000 + Number(t) : Number(t); });
        break;
      case 'M':
        if (run >= 3) group('[A-Za-z]{3,9}', (p, t) => { p.month = MONTHS.indexOf(t.slice(0, 3).toLowerCase()) + 1; });
        else group(run === 1 ? '\\d{1,2}' : '\\d{2}', (p, t) => { p.month = Number(t); });
        break;
      case 'd': group(run === 1 ? '\\d{1,2}' : '\\d{2}', (p, t) => { p.day = Number(t); }); break;
      case 'H': case 'k': case 'h': case 'K':
        group(run === 1 ? '\\d{1,2}' : '\\d{2}', (p, t) => { p.hour = Number(t); });
        break;
      case 'm': group(run === 1 ? '\\d{1,2}' : '\\d{2}', (p, t) => { p.minute = Number(t); }); break;
      case 's': group(run === 1 ? '\\d{1,2}' : '\\d{2}', (p, t) => { p.second = Number(t); }); break;
      case 'S': group(`\\d{1,${Math.max(run, 9)}}`, (p, t) => { p.fraction = t; }); break;
      case 'a': group('[AaPp][Mm]', (p, t) => { p.pm = t.toLowerCase() === 'pm'; }); break;
      case 'Z': case 'X': case 'x': group('Z|[+-]\\d{2}:?\\d{2}', (p, t) => { p.zone = t; }); break;
      case 'E': group('[A-Za-z]{3,9}', () => {}); break;
      default: source += escape(char.repeat(run));
    }
  }
  const regex = new RegExp(`^${source}$`);
  const parse = (text: string): ParsedDate | undefined => {
    const match = regex.exec(text);
    if (!match) return undefined;
    const parts: Parts = { year: 1970 };
    setters.forEach((set, index) => set(parts, match[index + 1]!));
    return instant(parts, pattern);
  };
  PATTERN_CACHE.set(pattern, parse);
  return parse;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
