import { SyncUsageError } from './sync-errors.ts';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration as operators write it for `--every`: `30s`, `5m`, `1h30m`, `250ms`, or a bare number
 * of seconds (as systemd's `OnUnitActiveSec=` reads one). Returns milliseconds.
 */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (text > 0 && Number.isFinite(text)) return text * 1000;
    throw new SyncUsageError(`--every must be a positive duration, got ${text}`);
  }
  const value = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(value) && Number(value) > 0) return Number(value) * 1000;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || consumed.replace(/\s/g, '') !== value.replace(/\s/g, '')) {
    throw new SyncUsageError(`--every "${text}" is not a duration; write e.g. 30s, 5m, 1h or 1h30m`);
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0);
  if (!(ms > 0)) throw new SyncUsageError(`--every must be a positive duration, got "${text}"`);
  return ms;
}
