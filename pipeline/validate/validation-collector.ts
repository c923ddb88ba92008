import type { SourceDocument } from '../../core/source-document.ts';
import type { MappedDocument, MappingOutcome } from '../mapping/mapping.ts';
import type { FindingSeverity, FindingSummary, RejectReasonSummary, ReportSample, ValidationEntity, ValidationReport } from '../report/report-types.ts';
import { CodeTally, topFields } from './code-tally.ts';
import { exactNumbers } from './exact-numbers.ts';
import { foldFieldPath } from './field-path.ts';
import type { WriteLedger } from './write-ledger.ts';

/** Validator findings about numbers kept exactly (JSON columns). */
const EXACT_NUMBER_CODES = { big_integer: 'big_integer_kept_exact', exact_float: 'float_kept_exact' } as const;

function emptyEntity(counted = 0): ValidationEntity {
  return { counted, read: 0, wouldMigrate: 0, wouldReject: 0, rejects: {}, findings: {} };
}

/**
 * Collects what a dry run sees, document by document: counts per partition (as `migrate`'s stats
 * count them), reject reasons and findings with capped samples, the fields behind them, and the
 * accepted rows (handed to the {@link WriteLedger} page by page).
 */
export class ValidationCollector {
  readonly entities: Record<string, ValidationEntity> = {};
  readonly #rejects: CodeTally;
  readonly #findings: CodeTally;
  readonly #origins = new Map<string, 'transform' | 'validator'>();
  readonly #fields = new Map<string, { count: number; reasons: Record<string, number> }>();
  readonly #ledger: WriteLedger;
  #pending: MappedDocument[] = [];
  readonly #severity: (code: string) => FindingSeverity;

  /** `severity`: how much a finding code matters (the mapping's rules). */
  constructor(sampleLimit: number, ledger: WriteLedger, severity: (code: string) => FindingSeverity) {
    this.#severity = severity;
    this.#rejects = new CodeTally(sampleLimit);
    this.#findings = new CodeTally(sampleLimit);
    this.#ledger = ledger;
  }

  /** Sets a partition's `_count` before reading. */
  counted(partition: string, count: number): void {
    (this.entities[partition] ??= emptyEntity()).counted = count;
  }

  #field(field: string | undefined, code: string): void {
    if (field === undefined) return;
    const folded = foldFieldPath(field);
    let entry = this.#fields.get(folded);
    if (entry === undefined) this.#fields.set(folded, (entry = { count: 0, reasons: {} }));
    entry.count += 1;
    entry.reasons[code] = (entry.reasons[code] ?? 0) + 1;
  }

  /** Adds a finding that comes from a check across documents, not from a transform. */
  validatorFinding(code: string, sample: ReportSample): void {
    this.#origins.set(code, 'validator');
    this.#findings.add(code, sample);
    if (this.#severity(code) !== 'info') this.#field(sample.field, code);
  }

  /** Adds a validator finding whose totals were computed across documents. */
  validatorTotals(code: string, count: number, entities: Record<string, number>, samples: readonly ReportSample[]): void {
    if (count === 0) return;
    this.#origins.set(code, 'validator');
    this.#findings.addTotals(code, count, entities, samples);
  }

  observe(partition: string, doc: SourceDocument, outcome: MappingOutcome): void {
    const entity = (this.entities[partition] ??= emptyEntity());
    const name = outcome.entity ?? partition;
    entity.read += 1;
    let previous = '';
    for (const finding of outcome.findings) {
      entity.findings[finding.code] = (entity.findings[finding.code] ?? 0) + 1;
      this.#origins.set(finding.code, 'transform');
      // Every occurrence counts (as migrate and the per-entity figures count them); a document gives one sample per code.
      this.#findings.add(finding.code, { docId: doc.id, entity: name, ...(finding.field === undefined ? {} : { field: finding.field }), detail: finding.detail }, previous !== finding.code);
      previous = finding.code;
      if (this.#severity(finding.code) !== 'info') this.#field(finding.field, finding.code);
    }
    if (outcome.kind === 'rejected') {
      entity.wouldReject += 1;
      entity.rejects[outcome.reason] = (entity.rejects[outcome.reason] ?? 0) + 1;
      this.#rejects.add(outcome.reason, { docId: doc.id, entity: name, ...(outcome.field === undefined ? {} : { field: outcome.field }), detail: outcome.detail });
      this.#field(outcome.field, outcome.reason);
      return;
    }
    entity.wouldMigrate += 1;
    this.#pending.push(outcome);
    for (const number of exactNumbers(doc.source)) {
      this.validatorFinding(EXACT_NUMBER_CODES[number.kind], { docId: doc.id, entity: name, field: number.field, detail: `${number.text.length > 40 ? `${number.text.slice(0, 37)}...` : number.text} kept exactly in the JSON column (JavaScript's JSON.parse would change it)` });
    }
  }

  /**
   * An earlier document counted as migrated that the duplicate rule rejects after all (a later copy
   * wins): moved from would-migrate to a `duplicate_document` reject.
   */
  superseded(partition: string, docId: string, detail: string): void {
    const entity = (this.entities[partition] ??= emptyEntity());
    entity.wouldMigrate -= 1;
    entity.wouldReject += 1;
    entity.rejects.duplicate_document = (entity.rejects.duplicate_document ?? 0) + 1;
    this.#rejects.add('duplicate_document', { docId, entity: partition, detail });
  }

  /** Hands the accepted outcomes seen since the last flush to the ledger. */
  flush(): void {
    const pending = this.#pending;
    this.#pending = [];
    this.#ledger.record(pending);
  }

  rejectReasons(): RejectReasonSummary[] {
    return this.#rejects.codes().map((c) => ({ reason: c.code, count: c.count, entities: c.entities, fields: topFields(c.fields), samples: c.samples }));
  }

  findings(): FindingSummary[] {
    return this.#findings.codes().map((c) => ({
      code: c.code,
      severity: this.#severity(c.code),
      origin: this.#origins.get(c.code) ?? 'transform',
      count: c.count,
      entities: c.entities,
      fields: topFields(c.fields),
      samples: c.samples,
    }));
  }

  topFields(limit = 20): ValidationReport['topFields'] {
    return [...this.#fields.entries()]
      .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([field, entry]) => ({ field, count: entry.count, reasons: entry.reasons }));
  }
}
