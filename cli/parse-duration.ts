import { UsageError } from './usage-error.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `15m`, `1h`, `1h30m`, `500ms` or plain seconds → milliseconds (at least 1 s). */
export function parseDuration(text: string, flag: string): number {
  const value = text.trim().toLowerCase();
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)?/g)];
  const consumed = parts.map((part) => part[0]).join('');
  if (parts.length === 0 || consumed !== value || (parts.length > 1 && parts.some((part) => part[2] === undefined))) {
    throw new UsageError(`${flag} is "${text}", not a duration; write e.g. ${flag} 15m (units: s, m, h, d)`);
  }
  const ms = parts.reduce((sum, part) => sum + Number(part[1]) * UNITS[part[2] ?? 's']!, 0);
  if (ms < 1000) throw new UsageError(`${flag} is "${text}", shorter than a second; write e.g. ${flag} 30s`);
  return Math.round(ms);
}
