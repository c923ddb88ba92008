import type { FieldCount, ReportSample } from '../report/report-types.ts';
import { foldFieldPath } from './field-path.ts';

/** Counts, entities, fields and capped samples of one code (a reject reason or a finding code). */
export interface CodeTotals {
  code: string;
  count: number;
  entities: Record<string, number>;
  fields: Map<string, number>;
  samples: ReportSample[];
}

/**
 * Per-code totals over a run with a fixed number of sample documents per code, so memory depends
 * on the number of distinct codes and fields, never on the number of documents.
 */
export class CodeTally {
  readonly #codes = new Map<string, CodeTotals>();
  readonly #sampleLimit: number;

  constructor(sampleLimit: number) {
    this.#sampleLimit = sampleLimit;
  }

  /**
   * Counts one occurrence of `code`; `keepSample` false counts it without offering the sample (a
   * second occurrence in the same document: counted, as migrate counts it, but sampled once).
   */
  add(code: string, sample: ReportSample, keepSample = true): void {
    let totals = this.#codes.get(code);
    if (totals === undefined) this.#codes.set(code, (totals = { code, count: 0, entities: {}, fields: new Map(), samples: [] }));
    totals.count += 1;
    totals.entities[sample.entity] = (totals.entities[sample.entity] ?? 0) + 1;
    if (sample.field !== undefined) {
      const field = foldFieldPath(sample.field);
      totals.fields.set(field, (totals.fields.get(field) ?? 0) + 1);
    }
    if (keepSample && totals.samples.length < this.#sampleLimit) totals.samples.push(sample);
  }

  /** Adds totals computed elsewhere (a check across documents) with their samples. */
  addTotals(code: string, count: number, entities: Record<string, number>, samples: readonly ReportSample[]): void {
    let totals = this.#codes.get(code);
    if (totals === undefined) this.#codes.set(code, (totals = { code, count: 0, entities: {}, fields: new Map(), samples: [] }));
    totals.count += count;
    for (const [entity, n] of Object.entries(entities)) totals.entities[entity] = (totals.entities[entity] ?? 0) + n;
    for (const sample of samples) if (totals.samples.length < this.#sampleLimit) totals.samples.push(sample);
  }

  /** Every code, most frequent first (then by name). */
  codes(): CodeTotals[] {
    return [...this.#codes.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }
}

/** A field map as a list, most frequent first, at most `limit` entries. */
export function topFields(fields: ReadonlyMap<string, number>, limit = 10): FieldCount[] {
  return [...fields.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([field, count]) => ({ field, count }));
}
