import { EsClient } from '../../pipeline/source/es-client.ts';
import { parseSourceUrl } from '../../pipeline/source/es-url.ts';
import { DEFAULT_RETRY_POLICY } from '../../pipeline/source/retry-policy.ts';
import { compilePlan } from './compile-plan.ts';
import type { MappingPlan } from './mapping-plan.ts';
import { readElasticsearchSample, type IndexSample } from './read-elasticsearch-sample.ts';
import { readFileSample } from './read-file-sample.ts';

/** Where `--mapping auto` and `mapping generate` read the index from. */
export type PlanSource = { url: string; index: string } | { file: string; index?: string };

export interface GenerateOptions {
  /** `sample` (default): one page of documents; `all`: every document. */
  scan?: 'sample' | 'all';
  sampleSize?: number;
}

/** Reads the mapping and a scan of the documents from a cluster or a dump file and compiles the plan. */
export async function generatePlan(source: PlanSource, options: GenerateOptions = {}): Promise<MappingPlan> {
  const scan = options.scan ?? 'sample';
  let sample: IndexSample;
  let index: string;
  if ('file' in source) {
    sample = await readFileSample(source.file, scan, options.sampleSize);
    index = source.index ?? sample.mappings[0]?.index ?? 'documents';
  } else {
    const parsed = parseSourceUrl(source.url);
    const client = new EsClient({ url: parsed.url, display: parsed.display, auth: parsed.auth, requestTimeoutMs: 120_000, compression: false, retry: DEFAULT_RETRY_POLICY, index: source.index });
    try {
      sample = await readElasticsearchSample(client, source.index, scan, options.sampleSize);
    } finally {
      await client.close();
    }
    index = source.index;
  }
  return compilePlan({ index, mappings: sample.mappings, profiles: sample.profiles });
}
