import { freezerMapping } from '../../mappings/freezer/freezer-mapping.ts';
import { parseDatabaseUrl, type Dialect, type LayoutChoice } from '../../schema/index.ts';
import { REPORT_FORMAT_VERSION, type ReportSource, type ValidationReport } from '../report/report-types.ts';
import { reportResult, type ReportResult } from '../report/write-report-files.ts';
import type { DocumentSource } from '../source/document-source.ts';
import { sortPartitions } from '../source/source-partition.ts';
import { openSource } from '../source/open-source.ts';
import type { SourceSpec } from '../source/source-spec.ts';
import { danglingReferences, duplicateKeys, tableSummary } from '../validate/ledger-summary.ts';
import { keyNormaliser } from '../validate/key-normaliser.ts';
import { openReadOnlyDatabase, type ReadOnlyDatabase } from '../validate/read-only-database.ts';
import { createScratchDatabase, type ScratchDatabase } from '../validate/scratch-database.ts';
import { targetRows } from '../validate/target-rows.ts';
import { ValidationCollector } from '../validate/validation-collector.ts';
import { WriteLedger } from '../validate/write-ledger.ts';
import { DuplicateTracker } from '../validate/duplicate-tracker.ts';
import { InvalidOptionsError } from '../validate/invalid-options-error.ts';
import { EXIT_CODES, type ExitCode } from './exit-codes.ts';
import type { RunEventListener } from '../batch/run-events.ts';
import { partitionTransform } from '../batch/partition-transform.ts';
import { type AnyMapping } from '../mapping/mapping.ts';
import { pinnedMapping } from '../mapping/pinned-mapping.ts';
import { sourceForPinnedMapping } from './source-for-pinned-mapping.ts';
import { isFileSourceSpec } from '../source/source-spec.ts';
import { pipelineId } from '../state/pipeline-id.ts';
import { StateView } from '../verify/state-view.ts';
import { peakRssBytes } from '../report/peak-rss.ts';

/** Options of {@link validate}. Nothing here is mutated. */
export interface ValidateOptions {
  source: SourceSpec;
  /** How documents become tables (as `migrate --mapping`). Default: Freezer's. */
  mapping?: AnyMapping;
  /**
   * Target database URL. An existing freezer-api schema is introspected read-only; a missing or
   * empty database is checked against the layout's definition. Nothing is ever written to it.
   */
  target?: string;
  /** Dialect to check against when there is no `target` at all. */
  dialect?: Dialect;
  /** Layout (as `migrate --layout`/`--freezer-release`): for an empty target, or to check an existing one. */
  layout?: LayoutChoice;
  /** Parallel slices per partition. Default 4. */
  slices?: number;
  /** Documents per source page. Default 1000. */
  batchSize?: number;
  /** Project `migrate` will assign to v1 documents (same meaning as `migrate --default-project`). */
  defaultProjectId?: string | null;
  /** Write the report: `<reportPath>` (HTML) and the JSON beside it (see `reportFiles`). */
  reportPath?: string;
  /** Sample documents kept per reject reason, finding code and reference kind. Default 20. */
  sampleLimit?: number;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
}

/** What a dry run found: the report always (partial when it stopped early), `error` when it stopped. */
export type ValidateResult = ReportResult<ValidationReport>;

/**
 * Dry run of `migrate`: reads the whole source with the same extractor, first pass and transforms,
 * checks every row against the target schema `migrate` would use, and reports what would be
 * written and refused — counts per entity, reject reasons, findings, dangling references, duplicate
 * keys and the rows each table would hold. Writes nothing to the target (read-only connections,
 * read-only transactions); its bookkeeping goes to a private scratch SQLite file that is deleted
 * at the end.
 */
export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  const startedAt = performance.now();
  const emit = options.onEvent ?? (() => {});
  let mapping = options.mapping ?? freezerMapping;
  const sampleLimit = Math.max(0, options.sampleLimit ?? 20);
  const requestedSlices = Math.max(1, options.slices ?? 4);
  const pageSize = Math.max(1, options.batchSize ?? 1000);
  let source: DocumentSource | undefined;
  let database: ReadOnlyDatabase | null = null;
  let scratch: ScratchDatabase | undefined;
  let collector: ValidationCollector | undefined;
  const report: ValidationReport = {
    formatVersion: REPORT_FORMAT_VERSION,
    kind: 'validation',
    generatedAt: '',
    source: null,
    target: null,
    elapsedMs: 0,
    docsPerSecond: 0,
    peakRssBytes: 0,
    outcome: 'error',
    totals: { counted: 0, read: 0, wouldMigrate: 0, wouldReject: 0 },
    entities: {},
    tables: {},
    rejectReasons: [],
    findings: [],
    topFields: [],
    references: [],
    duplicateKeys: [],
    sampleLimit,
  };
  let error: Error | undefined;
  try {
    if (options.target === undefined && options.dialect === undefined) {
      throw new InvalidOptionsError('validate needs a target: give --target <database URL>, or --dialect postgres|mysql|sqlite with --layout to check against a layout alone');
    }
    const location = options.target === undefined ? null : parseDatabaseUrl(options.target);
    const dialect = location?.dialect ?? options.dialect!;
    source = await openSource(options.source, mapping.partitioning);
    let description = await source.describe();
    database = location === null ? null : await openReadOnlyDatabase(location);
    if (mapping.derived !== undefined && database !== null) {
      // A target a migrate of this pipeline already wrote is checked against the definition that run stored.
      const index = isFileSourceSpec(options.source) ? '' : (options.source.index ?? 'freezer');
      const state = await StateView.open(undefined, database, pipelineId(description.display, index, database.location, mapping.name));
      await state.close();
      const given = mapping;
      mapping = pinnedMapping(given, state.definition, emit);
      ({ source, description } = await sourceForPinnedMapping({ source, description }, given, mapping, options.source));
    }
    const reportSource: ReportSource = { kind: description.kind, display: description.display, layout: description.layout };
    if (description.version !== undefined) reportSource.version = description.version;
    if (description.strategy !== undefined) reportSource.strategy = description.strategy;
    report.source = reportSource;

    const resolved = await mapping.target.describe(database, dialect, location?.display ?? null, { ...(options.layout === undefined ? {} : { choice: options.layout }), emit });
    report.target = resolved.target;
    const schema = resolved.schema;

    scratch = createScratchDatabase('validate');
    const references = mapping.validation.references ?? [];
    const ledger = new WriteLedger(scratch, schema, keyNormaliser(schema), references);
    collector = new ValidationCollector(sampleLimit, ledger, (code) => mapping.validation.findingSeverity(code));
    report.entities = collector.entities;

    const partitions = sortPartitions(description.partitions, mapping.partitioning);
    const totals: Record<string, number> = {};
    for (const partition of partitions) {
      totals[partition] = await source.count(partition);
      collector.counted(partition, totals[partition]);
    }
    emit({ type: 'start', runId: 'validate', resumed: false, totals: { ...totals }, done: {} });

    // The mapping's first pass and every partition's slices search one point in time.
    const readContexts = source.holdReadContexts?.();
    const context: unknown = await mapping.prepare({
      source,
      schema,
      settings: { migrationTime: new Date(), defaultProjectId: options.defaultProjectId ?? null },
      pageSize,
      slices: requestedSlices,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const active = collector;
    const duplicates = new DuplicateTracker();
    const open = source;
    for (const partition of partitions) {
      const transform = partitionTransform(mapping, partition, context);
      const slices = await open.sliceCount(partition, requestedSlices);
      await Promise.all(
        Array.from({ length: slices }, async (_, slice) => {
          for await (const page of open.read(partition, slice, slices, null, { pageSize, signal: options.signal })) {
            let migrated = 0;
            let rejected = 0;
            let rows = 0;
            const findings: Record<string, number> = {};
            for (const doc of page.documents) {
              const tracked = duplicates.check(partition, doc, transform(doc));
              const outcome = tracked.outcome;
              if (tracked.superseded) {
                active.superseded(partition, tracked.superseded.docId, tracked.superseded.detail);
                migrated -= 1;
                rejected += 1;
              }
              active.observe(partition, doc, outcome);
              for (const finding of outcome.findings) findings[finding.code] = (findings[finding.code] ?? 0) + 1;
              if (outcome.kind === 'accepted') {
                migrated += 1;
                rows += outcome.writes.length + outcome.children.reduce((sum, child) => sum + child.rows.length, 0);
              } else rejected += 1;
            }
            active.flush();
            emit({ type: 'batch', partition, slice, read: page.documents.length, migrated, rejected, rows, findings });
            if (options.signal?.aborted) return;
          }
        }),
      );
      if (options.signal?.aborted) throw new Error('interrupted; nothing was written, run validate again');
      emit({ type: 'partition-done', partition });
    }
    await readContexts?.release();

    ledger.index();
    report.tables = tableSummary(ledger, resolved.existingRows);
    report.duplicateKeys = duplicateKeys(ledger, sampleLimit);
    report.references = await danglingReferences(ledger, schema, database === null || !resolved.target.exists ? null : targetRows(database), sampleLimit, references);
    for (const duplicate of report.duplicateKeys) {
      const samples = duplicate.samples.flatMap((sample) =>
        sample.docIds.map((docId) => ({ docId, entity: duplicate.table, detail: `${duplicate.table} key ${sample.key} is written by ${sample.docIds.length} documents; the one read last wins` })),
      );
      collector.validatorTotals('duplicate_key', duplicate.documents, { [duplicate.table]: duplicate.documents }, samples);
    }
    for (const reference of report.references) {
      const entity = references.find((rule) => rule.kind === reference.kind)?.entity ?? reference.kind;
      const samples = reference.samples.map((s) => ({ docId: s.docId, entity: s.entity, detail: `${reference.kind} → ${s.reference}: ${reference.description}` }));
      collector.validatorTotals(`dangling_${reference.kind}`, reference.count, { [entity]: reference.count }, samples);
    }
    report.outcome = report.references.some((r) => r.severity === 'blocking' && r.count > 0) ? 'rejects' : 'clean';
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
    report.error = error.message.split('\n')[0] ?? error.message;
  } finally {
    if (collector !== undefined) {
      report.rejectReasons = collector.rejectReasons();
      report.findings = collector.findings();
      report.topFields = collector.topFields();
    }
    for (const entity of Object.values(report.entities)) {
      report.totals.counted += entity.counted;
      report.totals.read += entity.read;
      report.totals.wouldMigrate += entity.wouldMigrate;
      report.totals.wouldReject += entity.wouldReject;
    }
    if (error === undefined && report.totals.wouldReject > 0) report.outcome = 'rejects';
    if (error !== undefined) report.outcome = 'error';
    report.elapsedMs = performance.now() - startedAt;
    report.docsPerSecond = report.elapsedMs > 0 ? (report.totals.read * 1000) / report.elapsedMs : 0;
    report.peakRssBytes = peakRssBytes();
    report.generatedAt = new Date().toISOString();
    scratch?.close();
    await source?.close().catch(() => {});
    await database?.close().catch(() => {});
  }
  return reportResult(report, options.reportPath, error);
}

/**
 * The exit code of `es2sql validate` for a result: `ok` (0) when the migration would be clean,
 * `rejects` (3) when documents would be rejected or a blocking problem would stop `migrate`,
 * `error` (2) when the dry run itself failed (the CLI may refine that one, e.g. usage → 64).
 */
export function validateExitCode(result: ValidateResult): ExitCode {
  if (result.error !== undefined) return EXIT_CODES.error;
  return result.report.outcome === 'clean' ? EXIT_CODES.ok : EXIT_CODES.rejects;
}
