import type { FindingSeverity } from '../../pipeline/report/report-types.ts';

/**
 * How much each finding matters before cutover. `warning`: the row is written but freezer-api
 * will hide it, refuse to act on it, or show something else than Elasticsearch did; `blocking`:
 * `migrate` itself would fail; everything else is an `info` normalisation (docs/dirty-data.md).
 */
const SEVERITY: Readonly<Record<string, FindingSeverity>> = {
  v1_document_without_project: 'warning',
  backup_id_replaced: 'warning',
  job_entry_skipped: 'warning',
  job_entry_diverges: 'warning',
  cross_project_action_ref: 'warning',
  head_schema_violation: 'warning',
  four_byte_utf8_connection_hazard: 'warning',
  invalid_integer: 'warning',
  invalid_boolean: 'warning',
  invalid_string: 'warning',
  backup_job_id_dropped: 'warning',
  duplicate_key: 'warning',
  dangling_job_action_link: 'blocking',
};

export function findingSeverity(code: string): FindingSeverity {
  return SEVERITY[code] ?? 'info';
}
