/**
 * Stable codes of the findings (normalisations and hazards) transforms attach to migrated
 * documents. Each is explained in docs/dirty-data.md.
 */
export const FINDING_CODES = [
  'v1_document_without_project',
  'version_in_source_dropped',
  'backup_id_replaced',
  'backup_metadata_missing',
  'backup_job_id_dropped',
  'user_name_filled',
  'client_uuid_from_top_level',
  'client_uuid_derived',
  'hostname_filled',
  'capabilities_defaulted',
  'user_credentials_skipped',
  'job_entry_action_created',
  'job_entry_action_missing',
  'job_entry_diverges',
  'job_entry_skipped',
  'job_entry_without_action_name',
  'cross_project_action_ref',
  'top_level_mandatory_ignored',
  'src_file_copied_to_path_to_backup',
  'string_coerced_to_integer',
  'float_coerced_to_integer',
  'value_coerced_to_boolean',
  'number_coerced_to_string',
  'invalid_integer',
  'invalid_boolean',
  'invalid_string',
  'invalid_report_date',
  'null_replaced_by_default',
  'head_schema_violation',
  'four_byte_utf8_connection_hazard',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
