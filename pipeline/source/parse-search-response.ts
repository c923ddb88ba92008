import { isJsonObject, type JsonValue } from '../../core/json-value.ts';
import { restoreExactNumbers } from '../../core/exact-numbers.ts';
import { parseJson, riskyNumberOffsets } from '../../core/parse-json.ts';

/** Where the hits array of a search or scroll answer starts: every version writes `_index` first. */
const HITS_OPEN = '"hits":[{"_index":';
const HIT_SEPARATOR = '},{"_index":';

/** Start offsets of the hits in the answer text, and the offset just after the last one. */
function hitBounds(text: string): { starts: number[]; end: number } | undefined {
  const open = text.indexOf(HITS_OPEN);
  const last = text.lastIndexOf('}]');
  if (open < 0 || last < open) return undefined;
  const starts = [open + '"hits":['.length];
  for (let next = text.indexOf(HIT_SEPARATOR, starts[0]); next >= 0 && next < last; next = text.indexOf(HIT_SEPARATOR, next + 2)) starts.push(next + 2);
  return { starts, end: last + 1 };
}

/**
 * Parses a page of hits with plain `JSON.parse`, then restores the exact text of the risky numbers
 * in the hits that hold one ({@link restoreExactNumbers}: a scan of that hit's text, falling back to
 * parseJson's reviver path for the hit): one big integer or `1.0` no longer sends the whole page,
 * nor the whole hit, down a path several times slower. A hit starts with `{"_index":` in every
 * Elasticsearch version; a cut anywhere inside a hit leaves unbalanced brackets that `JSON.parse`
 * refuses, and the cut count must equal the hits parsed, so a page that does not split cleanly is
 * parsed whole as before (undefined).
 */
function parseHitByHit(text: string, risky: number[]): JsonValue | undefined {
  const bounds = hitBounds(text);
  if (bounds === undefined) return undefined;
  const page = JSON.parse(text) as JsonValue;
  if (!isJsonObject(page) || !isJsonObject(page.hits) || !Array.isArray(page.hits.hits)) return undefined;
  const hits = page.hits.hits;
  const { starts, end } = bounds;
  if (hits.length !== starts.length || risky[0]! < starts[0]! || risky[risky.length - 1]! >= end) return undefined;
  try {
    let hit = 0;
    let first = 0;
    while (first < risky.length) {
      const offset = risky[first]!;
      while (hit + 1 < starts.length && starts[hit + 1]! <= offset) hit++;
      const from = starts[hit]!;
      const to = hit + 1 < starts.length ? starts[hit + 1]! - 1 : end;
      let last = first + 1;
      while (last < risky.length && risky[last]! < to) last++;
      // The hit's few risky tokens patched into what JSON.parse made of it; the reviver path only when that cannot be sure.
      if (!restoreExactNumbers(hits[hit]!, text, from, to, risky.slice(first, last))) hits[hit] = parseJson(text.slice(from, to));
      first = last;
    }
  } catch {
    return undefined;
  }
  return page;
}

/** {@link parseJson} for Elasticsearch answers, with the exact-number path per hit for pages of hits. */
export function parseSearchResponse(text: string): JsonValue {
  const risky = riskyNumberOffsets(text);
  if (risky.length === 0) return JSON.parse(text) as JsonValue;
  return parseHitByHit(text, risky) ?? parseJson(text);
}
