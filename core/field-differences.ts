import { JsonNumber } from './json-value.ts';
import { canonicalJson } from './canonical-json.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}

/**
 * Dotted paths (list positions as numbers, `job_actions.0.freezer_action.mode`) where two API
 * documents differ under canonical comparison: a key present on one side only, a list of another
 * length (the positions beyond the shorter one), or a different value. At most `limit` paths.
 */
export function fieldDifferences(expected: unknown, actual: unknown, limit = 50): string[] {
  const paths: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (paths.length >= limit) return;
    if (isPlainObject(a) && isPlainObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const key of keys) walk(a[key], b[key], path === '' ? key : `${path}.${key}`);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const length = Math.max(a.length, b.length);
      for (let i = 0; i < length; i++) {
        const at = path === '' ? String(i) : `${path}.${i}`;
        if (i >= a.length || i >= b.length) {
          if (paths.length < limit) paths.push(at);
        } else walk(a[i], b[i], at);
      }
      return;
    }
    if (canonicalJson(a) !== canonicalJson(b)) paths.push(path === '' ? '(document)' : path);
  };
  walk(expected, actual, '');
  return paths;
}
