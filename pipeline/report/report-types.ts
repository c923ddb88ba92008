/**
 * The JSON shape of `es2sql validate` and `es2sql verify` reports (docs/report-format.md). The
 * same object is embedded in the HTML page and written beside it as JSON. Fields are only added
 * within a format version; a removal or change of meaning bumps {@link REPORT_FORMAT_VERSION}.
 */
export const REPORT_FORMAT_VERSION = 1;

/** One document a finding applies to, as shown in the report's sample lists. */
export interface ReportSample {
  /** ES `_id`. */
  docId: string;
  /** Entity (`clients`, …) or source partition (`unclassified`). */
  entity: string;
  /** Dotted source path, when known. */
  field?: string;
  /** One line, taken from the transform or check that produced the finding. */
  detail: string;
}

/** A field path and how often it was involved (list positions folded to `*`). */
export interface FieldCount {
  field: string;
  count: number;
}

/** Where the documents came from. */
export interface ReportSource {
  kind: 'elasticsearch' | 'file';
  /** URL without credentials, or file path. */
  display: string;
  version?: string;
  /** `multi-type`, `typeless`, `per-entity`, `single-type` or `file`. */
  layout: string;
  /** Read strategy (`scroll`, `search-after`, `point-in-time`, `file`). */
  strategy?: string;
}

/** The SQL side the report is about. */
export interface ReportTarget {
  /** URL without password; null when validating against a layout without any database. */
  display: string | null;
  dialect: string;
  /** Whether the database existed and held freezer-api's schema when the command ran. */
  exists: boolean;
  /** `A@3`, `B@23c8ad2655a6`, … */
  layout: string;
  /** `introspected`: the real tables were read; `layout-definition`: es2sql's definition of the layout. */
  schemaFrom: 'introspected' | 'layout-definition';
}

/** What every report has. */
export interface ReportBase {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  /** ISO-8601 time the command finished. */
  generatedAt: string;
  source: ReportSource | null;
  target: ReportTarget | null;
  elapsedMs: number;
  /** Source documents processed per second of elapsed time. */
  docsPerSecond: number;
  /** Peak resident set size of the process (bytes), for capacity planning. */
  peakRssBytes: number;
  /** The run stopped early: one line saying why. */
  error?: string;
}

/** Validation figures for one source partition (an entity, or `unclassified`). */
export interface ValidationEntity {
  /** Documents the source counted when the run started (`_count`). */
  counted: number;
  read: number;
  wouldMigrate: number;
  wouldReject: number;
  /** Reject reason → documents. */
  rejects: Record<string, number>;
  /** Finding code → documents (transform findings, as `migrate` counts them). */
  findings: Record<string, number>;
}

/** Rows a table would hold after `migrate` into an empty target. */
export interface ValidationTable {
  /** Distinct primary keys written (= the table's row count after migrating into an empty target). */
  rows: number;
  /** Keys written by documents themselves (replace an existing row). */
  upserts: number;
  /** Keys only written as `insert-if-absent` (actions rebuilt from job entries). */
  insertIfAbsent: number;
  /** Rows the table already holds (existing target only). */
  existing?: number;
}

/** One reject reason across the run. */
export interface RejectReasonSummary {
  reason: string;
  count: number;
  /** Entity → documents. */
  entities: Record<string, number>;
  /** Source fields named by these rejects, most frequent first. */
  fields: FieldCount[];
  samples: ReportSample[];
}

/** How much a finding matters to the operator. */
export type FindingSeverity = 'info' | 'warning' | 'blocking';

/** One finding code across the run (transform findings and the validator's own checks). */
export interface FindingSummary {
  code: string;
  severity: FindingSeverity;
  /** `transform` (the same finding `migrate` records) or `validator` (checks across documents). */
  origin: 'transform' | 'validator';
  count: number;
  entities: Record<string, number>;
  fields: FieldCount[];
  samples: ReportSample[];
}

/** References that would point at nothing after the migration. */
export interface DanglingReference {
  /** `job_client`, `job_session`, `job_action_link`, `backup_job`. */
  kind: string;
  /** One sentence: what the reference is and what happens. */
  description: string;
  severity: FindingSeverity;
  /** References checked. */
  checked: number;
  /** References that dangle. */
  count: number;
  samples: Array<{ docId: string; entity: string; reference: string }>;
}

/** Primary keys several documents would write (the last one read wins). */
export interface DuplicateKeySummary {
  table: string;
  /** Keys written by more than one document. */
  keys: number;
  /** Documents involved. */
  documents: number;
  samples: Array<{ key: string; docIds: string[] }>;
}

/** The dry-run report of `es2sql validate`. */
export interface ValidationReport extends ReportBase {
  kind: 'validation';
  /** `clean`: nothing would be rejected; `rejects`: documents would be rejected or blocked; `error`: the run failed. */
  outcome: 'clean' | 'rejects' | 'error';
  totals: { counted: number; read: number; wouldMigrate: number; wouldReject: number };
  /** By source partition. */
  entities: Record<string, ValidationEntity>;
  /** By target table. */
  tables: Record<string, ValidationTable>;
  rejectReasons: RejectReasonSummary[];
  findings: FindingSummary[];
  /** Fields most often behind rejects and findings of severity warning or above. */
  topFields: Array<FieldCount & { reasons: Record<string, number> }>;
  references: DanglingReference[];
  duplicateKeys: DuplicateKeySummary[];
  /** Samples kept per reject reason, finding code, reference kind and duplicated table. */
  sampleLimit: number;
}

/** Verification figures for one entity. */
export interface VerificationEntity {
  /** Documents the source counted (`_count`) when verification started. */
  esCounted: number;
  /** Documents read from the source. */
  esRead: number;
  /** Documents es2sql refuses (from the state's rejects, or the transform's policy). */
  knownRejects: number;
  /** Documents expected in SQL (read − known rejects). */
  expected: number;
  /** Rows freezer-api can see (`deleted` false). */
  sqlRows: number;
  matched: number;
  missing: number;
  extra: number;
  different: number;
  /** Rows es2sql created from other documents (actions from layout-B job entries). */
  derived: number;
}

/** A document whose SQL read-back differs from its expected read-back. */
export interface VerificationDifference {
  entity: string;
  docId: string;
  sqlId: string;
  /** Dotted paths of the API document that differ (empty if the document changed again since). */
  fields: string[];
}

/** The post-migration report of `es2sql verify`. */
export interface VerificationReport extends ReportBase {
  kind: 'verification';
  outcome: 'clean' | 'differences' | 'error';
  /** True when nothing is missing, extra or different. */
  clean: boolean;
  /** How consistent the two sides' snapshots are. */
  consistency: { source: string; sql: string };
  /** Where SQL ids came from: the state's `es2sql_documents` or the transforms. */
  idMap: 'state' | 'derived';
  totals: Omit<VerificationEntity, 'esCounted'> & { esCounted: number };
  entities: Record<string, VerificationEntity>;
  missing: Array<{ entity: string; docId: string; sqlId: string }>;
  extra: Array<{ entity: string; sqlId: string }>;
  different: VerificationDifference[];
  knownRejects: Array<{ entity: string; docId: string; reason: string; source: 'state' | 'policy' }>;
  /** Reject reason → known rejects. */
  knownRejectReasons: Record<string, number>;
  /** Entries kept per list; the totals count all. */
  listLimit: number;
}

export type Report = ValidationReport | VerificationReport;
