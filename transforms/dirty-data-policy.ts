import type { TargetSchema } from '../schema/table-schema.ts';
import type { Entity } from './entity.ts';
import type { FindingCode } from './finding-codes.ts';
import { targetCapabilities } from './target-capabilities.ts';
import type { RejectReason } from './transform-result.ts';

/** Case codes the corpus generator puts on seeded dirty documents (data contract §5). */
export const DIRTY_CASES = [
  'dirty.v1_no_project',
  'dirty.composite_backup_id',
  'dirty.client_top_level_uuid',
  'dirty.duplicate_client_registration',
  'dirty.client_without_hostname',
  'dirty.client_without_capabilities',
  'dirty.job_entry_diverged',
  'dirty.job_entry_action_deleted',
  'dirty.job_entry_without_action_id',
  'dirty.job_entry_without_action_name',
  'dirty.cross_project_action_ref',
  'dirty.stringly_typed',
  'dirty.non_numeric_integer',
  'dirty.version_in_source',
  'dirty.legacy_src_file',
  'dirty.action_report_fields',
  'dirty.bad_report_date',
  'dirty.session_jobs_empty_list',
  'dirty.session_job_blank_times',
  'dirty.job_dangling_session',
  'dirty.job_dangling_client',
  'dirty.head_schema_violation',
  'dirty.overlong_id',
  'dirty.overlong_user_id',
  'dirty.overlong_string',
  'dirty.overlong_hostname',
  'dirty.four_byte_utf8',
  'dirty.backup_user_name_null',
  'dirty.action_without_action',
  'dirty.big_integer',
  'dirty.float_one_point_zero',
  'dirty.hostile_values',
  'dirty.missing_identity',
  'dirty.unclassifiable',
] as const;

export type DirtyCase = (typeof DIRTY_CASES)[number];

/**
 * What es2sql does with a seeded document. `finding`, when given, is a finding code the outcome
 * must carry (an array: at least one of them); other findings may accompany it.
 */
export type ExpectedOutcome =
  | { outcome: 'migrated'; finding?: FindingCode | readonly FindingCode[] }
  | { outcome: 'rejected'; reason: RejectReason };

/** The target and document a case is evaluated for. */
export interface PolicyTarget {
  schema: TargetSchema;
  /** Entity of the seeded document (decides which table's widths and charset apply). */
  entity: Entity;
  /** Whether the run supplies `ctx.actionCatalog` (only affects findings on job entries). */
  actionCatalog?: boolean;
}

const migrated = (finding?: FindingCode | readonly FindingCode[]): ExpectedOutcome =>
  finding === undefined ? { outcome: 'migrated' } : { outcome: 'migrated', finding };
const rejected = (reason: RejectReason): ExpectedOutcome => ({ outcome: 'rejected', reason });

function column(target: PolicyTarget, table: string, name: string) {
  return target.schema.tables[table]?.columns.find((c) => c.name === name);
}

/**
 * The expected outcome of a seeded dirty document on a given target (docs/dirty-data.md has the
 * reasoning). Assumptions about the seeded values, where the outcome depends on their size:
 * `overlong_id`/`overlong_string` exceed every width (> 255 characters for strings, > 36 for ids);
 * `overlong_user_id` is 37–64 characters; `overlong_hostname` is 129–255 characters;
 * `four_byte_utf8` sits in a VARCHAR column of the entity's table; `big_integer` and
 * `float_one_point_zero` sit in JSON-copied fields (in an INTEGER column a big integer is rejected
 * `integer_out_of_range` and `1.0` is stored as 1 with `float_coerced_to_integer`).
 * `duplicate_client_registration` describes the registrations that lose; the winner is migrated.
 */
export function expectedOutcome(code: DirtyCase, target: PolicyTarget): ExpectedOutcome {
  const capabilities = targetCapabilities(target.schema);
  const linkTable = capabilities.jobActionsTable;
  const catalog = target.actionCatalog === true;
  switch (code) {
    case 'dirty.v1_no_project':
      return migrated('v1_document_without_project');
    case 'dirty.composite_backup_id':
      return migrated('backup_id_replaced');
    case 'dirty.client_top_level_uuid':
      return migrated('client_uuid_from_top_level');
    case 'dirty.duplicate_client_registration':
      return rejected('duplicate_client_registration');
    case 'dirty.client_without_hostname':
      return column(target, 'clients', 'hostname')?.nullable === false ? migrated('hostname_filled') : migrated();
    case 'dirty.client_without_capabilities':
      return column(target, 'clients', 'supported_actions') !== undefined ? migrated('capabilities_defaulted') : migrated();
    case 'dirty.job_entry_diverged':
      return linkTable && catalog ? migrated('job_entry_diverges') : migrated();
    case 'dirty.job_entry_action_deleted':
      return linkTable && catalog ? migrated('job_entry_action_missing') : migrated();
    case 'dirty.job_entry_without_action_id':
      return linkTable ? migrated('job_entry_action_created') : migrated();
    case 'dirty.job_entry_without_action_name':
      return linkTable ? migrated(['job_entry_skipped', 'job_entry_without_action_name']) : migrated();
    case 'dirty.cross_project_action_ref':
      return linkTable ? migrated('cross_project_action_ref') : migrated();
    case 'dirty.stringly_typed':
      return migrated(['string_coerced_to_integer', 'value_coerced_to_boolean']);
    case 'dirty.non_numeric_integer':
      return migrated('invalid_integer');
    case 'dirty.version_in_source':
      return migrated('version_in_source_dropped');
    case 'dirty.legacy_src_file':
      return migrated('src_file_copied_to_path_to_backup');
    case 'dirty.action_report_fields':
    case 'dirty.session_jobs_empty_list':
    case 'dirty.session_job_blank_times':
    case 'dirty.job_dangling_session':
    case 'dirty.job_dangling_client':
    case 'dirty.big_integer':
    case 'dirty.float_one_point_zero':
    case 'dirty.hostile_values':
      return migrated();
    case 'dirty.bad_report_date':
      return migrated('invalid_report_date');
    case 'dirty.head_schema_violation':
      return capabilities.headValidation ? migrated('head_schema_violation') : migrated();
    case 'dirty.overlong_id':
    case 'dirty.overlong_string':
      return rejected('too_long');
    case 'dirty.overlong_user_id':
      return (column(target, target.entity, 'user_id')?.length ?? 0) >= 64 ? migrated() : rejected('too_long');
    case 'dirty.overlong_hostname':
      return (column(target, 'clients', 'hostname')?.length ?? 0) >= 255 ? migrated() : rejected('too_long');
    case 'dirty.four_byte_utf8': {
      if (target.schema.dialect !== 'mysql') return migrated();
      const charset = target.schema.tables[target.entity]?.columns.find((c) => c.type === 'varchar' && c.charset !== undefined)?.charset;
      return charset === 'utf8mb3' || charset === 'utf8' ? rejected('charset_unsupported') : migrated('four_byte_utf8_connection_hazard');
    }
    case 'dirty.backup_user_name_null':
      return column(target, 'backups', 'user_name')?.nullable === false ? migrated('user_name_filled') : migrated();
    case 'dirty.action_without_action':
    case 'dirty.missing_identity':
      return rejected('missing_required_field');
    case 'dirty.unclassifiable':
      return rejected('unclassified_document');
  }
}
