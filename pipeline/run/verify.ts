import { documentHash as documentHashOf } from '../../core/canonical-json.ts';
import { fieldDifferences } from '../../core/field-differences.ts';
import { freezerMapping } from '../../mappings/freezer/freezer-mapping.ts';
import { parseDatabaseUrl } from '../../schema/index.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { REPORT_FORMAT_VERSION, type ReportSource, type VerificationDifference, type VerificationEntity, type VerificationReport } from '../report/report-types.ts';
import { reportResult, type ReportResult } from '../report/write-report-files.ts';
import type { DocumentSource, SourcePartition } from '../source/document-source.ts';
import { sortPartitions } from '../source/source-partition.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import { openSource } from '../source/open-source.ts';
import { isFileSourceSpec, type SourceSpec } from '../source/source-spec.ts';
import { pipelineId } from '../state/pipeline-id.ts';
import { InvalidOptionsError } from '../validate/invalid-options-error.ts';
import { openReadOnlyDatabase, type ReadOnlyDatabase } from '../validate/read-only-database.ts';
import { createScratchDatabase, type ScratchDatabase } from '../validate/scratch-database.ts';
import { sourceConsistency, sqlConsistency } from '../verify/consistency.ts';
import { HashComparison, type DifferentRow } from '../verify/hash-comparison.ts';
import { StateView } from '../verify/state-view.ts';
import { duplicateKeyOf } from '../batch/duplicate-rejects.ts';
import { VerifyLedger } from '../verify/verify-ledger.ts';
import { EXIT_CODES, type ExitCode } from './exit-codes.ts';
import type { RunEventListener } from '../batch/run-events.ts';
import { type AnyMapping, type Verifier } from '../mapping/mapping.ts';
import { pinnedMapping } from '../mapping/pinned-mapping.ts';
import { sourceForPinnedMapping } from './source-for-pinned-mapping.ts';
import { peakRssBytes } from '../report/peak-rss.ts';

/** Options of {@link verify}. Nothing here is mutated. */
export interface VerifyOptions {
  source: SourceSpec;
  /** How documents became tables (the `--mapping` of the migration). Default: Freezer's. */
  mapping?: AnyMapping;
  /** Target database URL (read only: verify never writes to it). */
  target: string;
  /** State database URL (`--state-db`); default: the target's own `es2sql_*` tables, if any. */
  stateDb?: string;
  /** Project assigned to v1 documents; default: what the last `migrate` run recorded, else none. */
  defaultProjectId?: string | null;
  /** Parallel slices per partition. Default 4. */
  slices?: number;
  /** Documents (and SQL rows) per page. Default 1000. */
  batchSize?: number;
  /** Write the report: `<reportPath>` (HTML) and the JSON beside it (see `reportFiles`). */
  reportPath?: string;
  /** Entries kept per list (missing, extra, different, known rejects); totals count all. Default 1000. */
  listLimit?: number;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
}

/** The verification: the report always (partial when it stopped early), `error` when it stopped. */
export type VerifyResult = ReportResult<VerificationReport>;

function emptyEntity(): VerificationEntity {
  return { esCounted: 0, esRead: 0, knownRejects: 0, expected: 0, sqlRows: 0, matched: 0, missing: 0, extra: 0, different: 0, derived: 0 };
}

function emptyReport(listLimit: number): VerificationReport {
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    kind: 'verification',
    generatedAt: '',
    source: null,
    target: null,
    elapsedMs: 0,
    docsPerSecond: 0,
    peakRssBytes: 0,
    outcome: 'error',
    clean: false,
    consistency: { source: '', sql: '' },
    idMap: 'derived',
    totals: { ...emptyEntity() },
    entities: {},
    missing: [],
    extra: [],
    different: [],
    knownRejects: [],
    knownRejectReasons: {},
    listLimit,
  };
}

interface Sides {
  source: DocumentSource;
  sourceKind: 'elasticsearch' | 'file';
  pageSize: number;
  database: ReadOnlyDatabase;
  schema: TargetSchema;
  state: StateView;
  expected: Verifier;
}

/**
 * Source documents by id. Elasticsearch answers an ids query; a file source's `fetch` indexes
 * every id of the file in memory (~170 MiB per million documents), so for a file the partition is
 * read once more instead, keeping only the wanted documents.
 */
async function documentsById(sides: Sides, partition: SourcePartition, ids: readonly string[]): Promise<Map<string, SourceDocument>> {
  if (sides.sourceKind !== 'file') return new Map((await sides.source.fetch(partition, [...ids])).map((d) => [d.id, d]));
  const wanted = new Set(ids);
  const found = new Map<string, SourceDocument>();
  for await (const page of sides.source.read(partition, 0, 1, null, { pageSize: sides.pageSize })) {
    for (const doc of page.documents) if (wanted.has(doc.id)) found.set(doc.id, doc);
    if (found.size === wanted.size) break;
  }
  return found;
}

/** Field paths of the documents whose hashes differ: both sides are read again and compared. */
async function describeDifferences(sides: Sides, rows: readonly DifferentRow[]): Promise<VerificationDifference[]> {
  const result: VerificationDifference[] = [];
  const byPartition = new Map<string, DifferentRow[]>();
  for (const row of rows) byPartition.set(row.partition, [...(byPartition.get(row.partition) ?? []), row]);
  for (const [partition, group] of byPartition) {
    const size = sides.sourceKind === 'file' ? group.length : 200;
    for (let start = 0; start < group.length; start += size) {
      const chunk = group.slice(start, start + size);
      const documents = await documentsById(sides, partition as SourcePartition, chunk.map((r) => r.docId));
      const states = await sides.state.lookup(partition, chunk.map((r) => r.docId));
      const entity = chunk[0]!.entity;
      const actual = await sides.database.read((db) => sides.expected.byIds(db, entity, chunk.map((r) => r.sqlId)));
      for (const row of chunk) {
        const doc = documents.get(row.docId);
        const expectation = doc === undefined ? undefined : sides.expected.expectation(partition, doc, states.get(row.docId));
        const sql = actual.get(row.sqlId);
        const fields = expectation?.kind === 'expected' && sql !== undefined ? fieldDifferences(expectation.document, sql.document) : [];
        result.push({ entity: row.entity, docId: row.docId, sqlId: row.sqlId, fields });
      }
    }
  }
  return result;
}

/**
 * Compares Elasticsearch with SQL after `migrate` or `sync`: per-entity counts, and per document
 * the SHA-256 of the API document freezer-api should return (the ES document through the
 * read-back rules) against the one it does return (the SQL rows through the same rules). Lists
 * missing, extra and different ids (with the differing fields) and the known rejects apart.
 * Read-only on the target and the state; both sides' hashes go to a scratch SQLite file and are
 * compared there, so memory stays flat at any size.
 */
export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const startedAt = performance.now();
  const emit = options.onEvent ?? (() => {});
  let mapping = options.mapping ?? freezerMapping;
  const listLimit = Math.max(0, options.listLimit ?? 1000);
  const requestedSlices = Math.max(1, options.slices ?? 4);
  const pageSize = Math.max(1, options.batchSize ?? 1000);
  const report = emptyReport(listLimit);
  let source: DocumentSource | undefined;
  let database: ReadOnlyDatabase | null = null;
  let state: StateView | undefined;
  let scratch: ScratchDatabase | undefined;
  let error: Error | undefined;
  try {
    if (typeof options.target !== 'string' || options.target === '') throw new InvalidOptionsError('verify needs the target database: give --target <database URL>');
    source = await openSource(options.source, mapping.partitioning);
    let description = await source.describe();
    const reportSource: ReportSource = { kind: description.kind, display: description.display, layout: description.layout };
    if (description.version !== undefined) reportSource.version = description.version;
    if (description.strategy !== undefined) reportSource.strategy = description.strategy;
    report.source = reportSource;

    const location = parseDatabaseUrl(options.target);
    database = await openReadOnlyDatabase(location);
    if (database === null) throw new InvalidOptionsError(`the target database ${location.display} does not exist: there is nothing to verify; run "es2sql migrate" first`);
    const open = database;
    const index = isFileSourceSpec(options.source) ? '' : (options.source.index ?? 'freezer');
    state = await StateView.open(options.stateDb, open, pipelineId(description.display, index, open.location, mapping.name));
    const given = mapping;
    mapping = pinnedMapping(given, state.definition, emit);
    ({ source, description } = await sourceForPinnedMapping({ source, description }, given, mapping, options.source));
    const schema = await open.read((db) => mapping.target.introspect(db, open.location.dialect, open.location.display));
    if (schema === null) throw new InvalidOptionsError(`the target ${open.location.display} holds no ${mapping.name === 'freezer' ? 'freezer-api' : mapping.name} schema: there is nothing to verify; run "es2sql migrate" first`);
    report.target = { display: open.location.display, dialect: open.location.dialect, exists: true, layout: `${schema.layout}@${schema.revision}`, schemaFrom: 'introspected' };

    report.idMap = state.known ? 'state' : 'derived';
    const defaultProjectId = options.defaultProjectId !== undefined ? options.defaultProjectId : (state.defaultProjectId ?? null);

    const partitions = sortPartitions(description.partitions, mapping.partitioning);
    const entityNames = [...mapping.partitioning.partitions.filter((e) => schema.tables[e] !== undefined || partitions.includes(e)), ...(partitions.includes('unclassified') ? ['unclassified'] : [])];
    for (const name of entityNames) report.entities[name] = emptyEntity();
    const totals: Record<string, number> = {};
    for (const partition of partitions) {
      totals[partition] = await source.count(partition);
      report.entities[partition]!.esCounted = totals[partition];
    }
    report.consistency = { source: sourceConsistency(description.strategy, requestedSlices), sql: sqlConsistency(open.location.dialect) };
    emit({ type: 'start', runId: 'verify', resumed: false, totals: { ...totals }, done: {} });

    scratch = createScratchDatabase('verify');
    const ledger = new VerifyLedger(scratch);
    // The mapping's first pass and every partition's slices read one point in time (one snapshot of the index).
    const readContexts = source.holdReadContexts?.();
    const context: unknown = await mapping.prepare({
      source,
      schema,
      settings: { migrationTime: new Date(), defaultProjectId },
      pageSize,
      slices: requestedSlices,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const expected = mapping.verify.verifier(schema, context, ledger);
    const sides: Sides = { source, sourceKind: description.kind, pageSize, database: open, schema, state, expected };

    for (const partition of partitions) {
      const slices = await sides.source.sliceCount(partition, requestedSlices);
      await Promise.all(
        Array.from({ length: slices }, async (_, slice) => {
          for await (const page of sides.source.read(partition, slice, slices, null, { pageSize, signal: options.signal })) {
            // The duplicate rule's rejects are stored under a key of their own (resolve-duplicates.ts).
            const states = await sides.state.lookup(partition, page.documents.flatMap((d) => [d.id, duplicateKeyOf(d)]));
            expected.record(partition, page.documents, states);
            report.entities[partition]!.esRead += page.documents.length;
            emit({ type: 'batch', partition, slice, read: page.documents.length, migrated: 0, rejected: 0, rows: 0, findings: {} });
          }
        }),
      );
      emit({ type: 'partition-done', partition });
    }
    await readContexts?.release();

    emit({ type: 'info', message: `reading ${open.location.display} in one snapshot` });
    await open.read(async (db) => {
      for (const entity of expected.entities(schema)) {
        if (schema.tables[entity] === undefined) continue;
        for await (const page of expected.scan(db, entity, pageSize, options.signal)) {
          const visible = page.filter((d) => d.visible);
          ledger.batch(() => {
            for (const row of visible) ledger.actual(entity, row.sqlId, documentHashOf(row.document));
          });
          (report.entities[entity] ??= emptyEntity()).sqlRows += visible.length;
        }
      }
    });

    ledger.index();
    const comparison = new HashComparison(ledger);
    comparison.counts(report.entities);
    report.missing = comparison.missing(listLimit);
    report.extra = comparison.extra(listLimit);
    report.different = await describeDifferences(sides, comparison.different(listLimit));
    report.knownRejects = comparison.knownRejects(listLimit);
    report.knownRejectReasons = comparison.rejectReasons();
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
    report.error = error.message.split('\n')[0] ?? error.message;
  } finally {
    const totals = report.totals;
    for (const entity of Object.values(report.entities)) {
      for (const key of Object.keys(totals) as Array<keyof VerificationEntity>) totals[key] += entity[key];
    }
    report.clean = error === undefined && totals.missing + totals.extra + totals.different === 0;
    report.outcome = error !== undefined ? 'error' : report.clean ? 'clean' : 'differences';
    report.elapsedMs = performance.now() - startedAt;
    report.docsPerSecond = report.elapsedMs > 0 ? (totals.esRead * 1000) / report.elapsedMs : 0;
    report.peakRssBytes = peakRssBytes();
    report.generatedAt = new Date().toISOString();
    scratch?.close();
    await state?.close().catch(() => {});
    await source?.close().catch(() => {});
    await database?.close().catch(() => {});
  }
  return reportResult(report, options.reportPath, error);
}

/**
 * The exit code of `es2sql verify` for a result: `ok` (0) when SQL matches Elasticsearch,
 * `differences` (4) when documents are missing, extra or different, `error` (2) when verification
 * itself failed (the CLI may refine that one, e.g. usage → 64).
 */
export function verifyExitCode(result: VerifyResult): ExitCode {
  if (result.error !== undefined) return EXIT_CODES.error;
  return result.report.clean ? EXIT_CODES.ok : EXIT_CODES.differences;
}
