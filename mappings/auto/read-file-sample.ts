import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseElasticdumpLine } from '../../pipeline/source/elasticdump-line.ts';
import { parseJson } from '../../core/parse-json.ts';
import { emptyProfile, profileDocument, type DataProfile } from './data-profile.ts';
import { inferMapping } from './infer-fields.ts';
import { DEFAULT_SAMPLE_SIZE, typeKey, type IndexSample } from './read-elasticsearch-sample.ts';
import { readIndexMappings } from './read-index-mapping.ts';

/** Where a dump's `_mapping` is looked for: `orders.ndjson` → `orders.mapping.json`. */
export function mappingFileOf(file: string): string {
  return `${file.replace(/\.(nd)?json$/i, '')}.mapping.json`;
}

/**
 * Scans an elasticdump NDJSON file: the first {@link DEFAULT_SAMPLE_SIZE} documents, or all with
 * `scan: 'all'`. The mapping is read from `<name>.mapping.json` beside it (a saved `_mapping`
 * answer, as `elasticdump --type=mapping` writes it); without one, it is inferred from the data.
 */
export async function readFileSample(file: string, scan: 'sample' | 'all', sampleSize = DEFAULT_SAMPLE_SIZE): Promise<IndexSample> {
  const profiles = new Map<string, DataProfile>();
  const indices = new Map<string, string | null>();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let read = 0;
  try {
    for await (const text of lines) {
      if (text.trim() === '') continue;
      const line = parseElasticdumpLine(text);
      if (line.problem !== undefined) continue;
      const key = typeKey(line.document.type);
      let profile = profiles.get(key);
      if (profile === undefined) profiles.set(key, (profile = emptyProfile(scan)));
      profileDocument(profile, line.document.source);
      indices.set(`${line.document.index}\u0000${key}`, line.document.type);
      read += 1;
      if (scan === 'sample' && read >= sampleSize) break;
    }
  } finally {
    lines.close();
  }
  const mappingFile = mappingFileOf(file);
  if (existsSync(mappingFile)) return { mappings: readIndexMappings(parseJson(await readFile(mappingFile, 'utf8'))), profiles };
  const mappings = [...indices.entries()].map(([key, type]) => inferMapping(key.split('\u0000')[0]!, type, profiles.get(typeKey(type))!));
  return { mappings, profiles };
}
