import type { AnyKysely } from '../../schema/connect.ts';
import type { Dialect } from '../../schema/dialect.ts';
import type { LayoutChoice } from '../../schema/layout/layout-choice.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import type { ApiDocument } from '../../core/canonical-json.ts';
import { UNCLASSIFIED, type SourcePartitioning } from '../../core/source-partitioning.ts';
import type { ChildRows, Finding, RowWrite } from '../../core/mapped-rows.ts';
import type { LoadTransaction } from '../load/load-adapter.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import type { FindingSeverity, ReportTarget } from '../report/report-types.ts';
import type { DocumentSource } from '../source/document-source.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { StateStore } from '../state/state-store.ts';
import type { ReadOnlyDatabase } from '../validate/read-only-database.ts';
import type { StateEntry } from '../verify/state-view.ts';
import type { VerifyLedger } from '../verify/verify-ledger.ts';

/*
 * The contract between the shared pipeline (extractor, loader, checkpoints, validate, verify, sync,
 * cutover, slices) and a mapping: which partitions a source splits into, which tables exist, and
 * how a document becomes rows. Freezer is one mapping (mappings/freezer/), the schema compiler
 * another (mappings/auto/). The pipeline never names a mapping's entities or tables; everything it
 * needs to know about them is asked here.
 */

export { UNCLASSIFIED, partitioningFromRules, type ClassificationRule, type PartitionQuery, type SourcePartitioning } from '../../core/source-partitioning.ts';

/** A document mapped to rows (the pipeline's view: entity names and codes are the mapping's strings). */
export interface MappedDocument {
  kind: 'accepted';
  /** The mapping's entity this document became (usually its partition). */
  entity: string;
  /** ES `_id`. */
  docId: string;
  /** Primary key of the entity's own row (may differ from `_id`); the state's id map keeps it. */
  sqlId: string;
  /** Rows to write, in any order (the pipeline orders tables with {@link TargetRules.tableOrder}). */
  writes: RowWrite[];
  /** Child row sets replaced as a whole (the pipeline deletes the parent's old children first). */
  children: ChildRows[];
  findings: Finding[];
}

/** A document that cannot be migrated, with a reason code the mapping owns (shown to the operator). */
export interface RefusedDocument {
  kind: 'rejected';
  /** The entity the document would have become, or null when it is not even classified. */
  entity: string | null;
  docId: string;
  /** Stable code, e.g. `too_long`, `unparseable_date`; `unclassified_document` is the pipeline's own. */
  reason: string;
  /** Dotted `_source` path of the offending field, when there is one. */
  field?: string;
  detail: string;
  findings: Finding[];
}

/** What a mapping's transform makes of one document. */
export type MappingOutcome = MappedDocument | RefusedDocument;

/** Maps the documents of one partition; pure (no I/O), called once per document on the hot path. */
export type DocumentTransform = (doc: SourceDocument) => MappingOutcome;

/** A message for the operator while the target is prepared (a run event of type info or warning). */
export type SchemaNotice = { type: 'info' | 'warning'; message: string };

/** What `migrate`, `validate` and `verify` hand to {@link TargetRules}. */
export interface SchemaRequest {
  /** `--layout`/`--freezer-release` when given (Freezer); other mappings may ignore it. */
  choice?: LayoutChoice;
  emit: (notice: SchemaNotice) => void;
}

/**
 * The target schema: which tables exist, how an existing target is recognised and checked, and the
 * order a batch writes tables in. DDL is produced per dialect by the schema adapters
 * (schema/ddl); a mapping describes tables, it does not write SQL by hand.
 */
export interface TargetRules {
  /**
   * Tables in the order a batch writes them so every foreign key points at a row that already
   * exists; tables not listed come last. Reverse order is the delete order.
   */
  readonly tableOrder: readonly string[];
  /**
   * The schema `migrate` writes into: an existing target as introspected and checked (a conflict
   * throws a one-line error), or, for an empty database, the mapping's tables created (when
   * `create`; otherwise a SchemaUpgradeNeededError-like error saying what to run). `label` is
   * stored with the run and shown (Freezer: `B@<alembic revision>`).
   */
  prepare(target: OpenDatabase, request: SchemaRequest & { create: boolean }): Promise<{ schema: TargetSchema; label: string; created: boolean }>;
  /**
   * The schema a dry run checks rows against, without writing anything: an existing target
   * (read-only introspection) or the definition as `prepare` would create it, for `dialect` when
   * there is no database at all. `existingRows` counts the rows already in each table.
   */
  describe(database: ReadOnlyDatabase | null, dialect: Dialect, display: string | null, request: SchemaRequest): Promise<{ schema: TargetSchema; target: ReportTarget; existingRows: Record<string, number> }>;
  /** The schema an existing target holds (read-only), or null when it holds none of the mapping's. */
  introspect(db: AnyKysely, dialect: Dialect, display: string): Promise<TargetSchema | null>;
}

/** Settings of a run that a mapping may use; stored with the run so a resume maps identically. */
export interface RunSettings {
  /** `created_at`-like fallback for documents without a time of their own (fixed per run). */
  migrationTime: Date;
  /** Freezer's `--default-project` (project for v1 documents); null when not given. */
  defaultProjectId: string | null;
}

/** What {@link Mapping.prepare} may read before any document is mapped. */
export interface PrepareInput {
  source: DocumentSource;
  /** The target schema the run writes into (introspected widths, charset, layout). */
  schema: TargetSchema;
  settings: RunSettings;
  /** Documents per source page for a first pass. */
  pageSize: number;
  /** Parallel slices a first pass may read a partition in (the run's `--slices`; default 1). */
  slices?: number;
  signal?: AbortSignal;
  /**
   * Partitions whose every document the run itself maps on this thread, through
   * {@link Mapping.transform}, before it maps any document of a later partition in the
   * partitioning's order (migrate: a partition no checkpoint of the run names yet, read by one
   * process without worker threads). A reference the mapping gathers from such a partition may be
   * gathered by its transform as the run maps it, instead of by a first pass that reads the
   * partition once more. Absent (sync, validate, verify, worker threads): gather everything first.
   */
  mappedInOrder?: ReadonlySet<string>;
}

/** A reference check `validate` runs across the whole source (Freezer: a job's client, session…). */
export interface ReferenceRule {
  /** Stable name, reported as finding `dangling_<kind>`. */
  kind: string;
  /** Rows of this table (own writes and child rows) carry the reference in `column`. */
  from: { table: string; column: string; scopeColumn?: string };
  /** …which must name a row of this table with that value in `column` (and same scope, if any). */
  to: { table: string; column: string; scopeColumn?: string };
  /** A reference that is an empty string is no reference (the default); false checks it too. */
  skipEmpty?: boolean;
  /** Entity the referencing documents belong to (for per-entity totals). */
  entity: string;
  /** What a dangling reference means for this target, and how much it matters. */
  describe(schema: TargetSchema): { description: string; severity: FindingSeverity };
}

/** What `validate` asks of a mapping besides its transform. */
export interface ValidationRules {
  /**
   * How much a finding code matters before cutover: the transform's codes and the validator's own
   * (`duplicate_key`, `dangling_<kind>`); unknown codes are `info`.
   */
  findingSeverity(code: string): FindingSeverity;
  /** Cross-document reference checks; none by default. */
  references?: readonly ReferenceRule[];
}

/** One entity row read back from SQL, in the form the expected side produces. */
export interface ReadBackDocument {
  sqlId: string;
  /** False for a row the application would not show (e.g. soft-deleted): not compared. */
  visible: boolean;
  /** The document as the application (or a reader of the tables) sees it: hashed and compared. */
  document: ApiDocument;
}

/** What verify expects of one source document. */
export type Expectation =
  | { kind: 'expected'; entity: string; sqlId: string; document: ApiDocument }
  | { kind: 'reject'; entity: string; reason: string; source: 'state' | 'policy' };

/**
 * Both sides of `verify` for one run: the expected document of each source document (through the
 * same transform as `migrate`, then the read-back rules) and the SQL rows turned back into
 * documents. Built once per verification by {@link VerifyRules.verifier}.
 */
export interface Verifier {
  /** Entities whose tables are scanned and compared, in order (tables the target lacks are skipped). */
  entities(schema: TargetSchema): string[];
  /** What SQL should show for `doc` read from `partition`, given what the state knows of it. */
  expectation(partition: string, doc: SourceDocument, state: StateEntry | undefined): Expectation;
  /** Records a page of source documents into the ledger (expected hashes, known rejects, extras). */
  record(partition: string, documents: readonly SourceDocument[], states: ReadonlyMap<string, StateEntry>): void;
  /** Every row of an entity as read-back documents, a page at a time, in key order. */
  scan(db: AnyKysely, entity: string, pageSize: number, signal?: AbortSignal): AsyncGenerator<ReadBackDocument[]>;
  /** Rows of an entity by SQL id (ids not found are absent). */
  byIds(db: AnyKysely, entity: string, sqlIds: readonly string[]): Promise<Map<string, ReadBackDocument>>;
}

/** What `verify` asks of a mapping. */
export interface VerifyRules<Context> {
  verifier(schema: TargetSchema, context: Context, ledger: VerifyLedger): Verifier;
}

/** `soft`: mark rows deleted (the mapping's deleted-at rule); `hard`: DELETE them. */
export type DeleteMode = 'soft' | 'hard';

/** What a {@link SyncUpkeep} works with: the target, its schema, the pipeline's state, the delete rule. */
export interface UpkeepScope {
  target: OpenDatabase;
  schema: TargetSchema;
  store: StateStore;
  pipelineId: string;
  deleteMode: DeleteMode;
  removeRows: SyncRules['removeRows'];
}

/** What the upkeep does around one change of a partition (any part may be absent). */
export interface UpkeepPlan {
  /**
   * Upserts only: runs in the transaction that clears the rows the documents no longer write,
   * before the documents commit (e.g. revives rows the accepted documents build). Returns rows written.
   */
  beforeCommit?(tx: LoadTransaction, accepted: readonly MappedDocument[]): Promise<number>;
  /**
   * Deletes only: documents of another partition to write again from the source once the delete
   * committed (their rows rebuild what it removed). Sync marks them stale first, so a crash in
   * between leaves them for the next sync.
   */
  rewrite?: { partition: string; docIds: string[] };
  /** After the change committed (and any rewrite): the upkeep's own changes. Returns rows changed. */
  afterCommit?(): Promise<number>;
}

/**
 * Rows some documents build for others, kept as a fresh migrate would leave them around sync's
 * changes (Freezer layout B HEAD: a job's entries build action rows `insert-if-absent`). Called
 * before sync writes the upserts or deletes of documents of `partition` with these SQL ids (the
 * ids they have now and had before); null when the change needs no upkeep.
 */
export interface SyncUpkeep {
  before(scope: UpkeepScope, partition: string, change: 'upsert' | 'delete', sqlIds: readonly string[]): Promise<UpkeepPlan | null>;
}

/** What `sync` asks of a mapping besides its transform. */
export interface SyncRules {
  /**
   * Removes the rows of documents that left the source (own rows by SQL id and the rows they
   * own, children first) inside `tx`: DELETE in `hard` mode, the mapping's deleted-at rule in
   * `soft` mode (a mapping without one deletes). Replays must be harmless. Returns rows changed.
   */
  removeRows(tx: LoadTransaction, db: AnyKysely, schema: TargetSchema, partition: string, sqlIds: readonly string[], mode: DeleteMode, now: Date): Promise<number>;
  /** The delete mode when the operator names none. */
  readonly defaultDeleteMode: DeleteMode;
  /**
   * Partitions whose documents' outcomes depend on each other (Freezer: which registration of a
   * duplicated client is kept). After any change in such a partition, sync maps all its documents
   * again and marks those whose outcome (SQL id, or rejected) differs as changed. Default: none.
   */
  readonly recheckPartitions?: readonly string[];
  /** Rows some documents build for others, kept up around each change; none by default. */
  readonly upkeep?: SyncUpkeep;
}

/**
 * How a batch worker thread rebuilds a mapping and its transform context from plain data (functions
 * cannot cross threads): `(await import(module))[exportName]`, called with `data` (and awaited)
 * when it is a function, must give the same mapping; `shareContext` turns the context
 * {@link Mapping.prepare} returned into structured-cloneable data and `adoptContext` (run in the
 * worker, on the rebuilt mapping) turns that back into the context.
 */
export interface PortableMapping<Context = unknown> {
  /** URL of the module to import (a `file:` URL; use `import.meta.url` so it holds from sources and from dist). */
  module: string;
  exportName: string;
  /** Passed to the export when it is a function; structured-cloneable. */
  data?: unknown;
  shareContext(context: Context): unknown;
  adoptContext(shared: unknown): Context;
}

/**
 * A mapping derived from the data when a command starts (the auto mapping's compiled plan). The
 * first `migrate` of a pipeline stores {@link text} in the state database; every later command of
 * that pipeline (a resumed migrate, sync, verify, validate, cutover) runs the stored definition,
 * so the tables never change under it, and says when the data would now derive a different one.
 */
export interface DerivedDefinition {
  /** The definition as text: what the state database keeps for the pipeline. */
  readonly text: string;
  /** The mapping a stored text defines (same name, a definition of its own). */
  restore(stored: string): AnyMapping;
  /**
   * How this definition differs from a stored one, in a few words for the operator (`orders.note:
   * varchar(40) → varchar(300)`), or null when they would create the same tables.
   */
  difference(stored: string): string | null;
  /** What the operator runs to change the stored definition (one line, e.g. `es2sql mapping generate …`). */
  readonly howToChange: string;
}

/**
 * A mapping: everything that makes a migration specific to one kind of index. `Context` is what
 * its transform needs besides the document, built by {@link prepare} from a first pass (Freezer:
 * the client registry and action catalog; the auto mapping: nothing but the schema).
 */
export interface Mapping<Context = unknown> {
  /** `freezer`, `auto`, or the name a mapping file gives itself; part of the pipeline identity. */
  readonly name: string;
  /** What its documents are called in messages: `_type "x" is not a <label> document type`. */
  readonly label: string;
  readonly partitioning: SourcePartitioning;
  readonly target: TargetRules;
  /** First pass over the source, before any document is mapped; returns the transform context. */
  prepare(input: PrepareInput): Promise<Context>;
  /** The transform of a partition (never called for `unclassified`). */
  transform(partition: string, context: Context): DocumentTransform;
  readonly validation: ValidationRules;
  readonly verify: VerifyRules<Context>;
  readonly sync: SyncRules;
  /** How worker threads rebuild this mapping; without it, migrate maps every page on its own thread. */
  readonly portable?: PortableMapping<Context>;
  /** Present when the mapping is derived from the data at run time: the pipeline pins it per pipeline. */
  readonly derived?: DerivedDefinition;
}

/** A mapping whose context type does not matter to the caller (what the pipeline holds). */
export type AnyMapping = Mapping<any>;

/** All partitions of a mapping as the pipeline reads them: the mapping's, then `unclassified`. */
export function partitionOrder(mapping: Pick<AnyMapping, 'partitioning'>): string[] {
  return [...mapping.partitioning.partitions, UNCLASSIFIED];
}
