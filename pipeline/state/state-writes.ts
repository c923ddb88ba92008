import type { TableWrite } from '../load/load-adapter.ts';

/** A rejected document as stored in `es2sql_rejects`. */
export interface RejectRecord {
  partition: string;
  docId: string;
  reason: string;
  field: string | null;
  detail: string;
  /** The whole hit as an elasticdump line (`_index`, `_type`, `_id`, `_source`). */
  document: string;
}

/** A document's place in SQL, as stored in `es2sql_documents`. */
export interface DocumentRecord {
  partition: string;
  docId: string;
  sqlId: string | null;
  version: number | null;
  status: 'loaded' | 'rejected' | 'deleted';
}

const KEY = ['pipeline_id', 'source_partition', 'doc_id'];

/** The `es2sql_rejects` rows of a batch's rejects, recorded at `at` (ISO text). */
export function rejectsWrite(pipelineId: string, runId: string, rejects: readonly RejectRecord[], at: string): TableWrite {
  return {
    table: 'es2sql_rejects',
    columns: ['pipeline_id', 'source_partition', 'doc_id', 'reason', 'field', 'detail', 'document', 'run_id', 'recorded_at'],
    rows: rejects.map((r) => [pipelineId, r.partition, r.docId, r.reason, r.field, r.detail, r.document, runId, at]),
    primaryKey: KEY,
    mode: 'upsert',
  };
}

/** The `es2sql_documents` rows (the document map) of a batch, synced at `at` (ISO text). */
export function documentsWrite(pipelineId: string, documents: readonly DocumentRecord[], at: string): TableWrite {
  return {
    table: 'es2sql_documents',
    columns: ['pipeline_id', 'source_partition', 'doc_id', 'sql_id', 'version', 'status', 'synced_at'],
    rows: documents.map((d) => [pipelineId, d.partition, d.docId, d.sqlId, d.version, d.status, at]),
    primaryKey: KEY,
    mode: 'upsert',
  };
}

/** `es2sql_content_hashes` rows: the change key of documents whose source gives no `_version`. */
export function contentHashesWrite(pipelineId: string, partition: string, hashes: readonly (readonly [docId: string, hash: string])[]): TableWrite {
  return {
    table: 'es2sql_content_hashes',
    columns: ['pipeline_id', 'source_partition', 'doc_id', 'content_hash'],
    rows: hashes.map(([docId, hash]) => [pipelineId, partition, docId, hash]),
    primaryKey: KEY,
    mode: 'upsert',
  };
}
