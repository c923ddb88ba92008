import type { SourceDocument } from '../core/source-document.ts';
import type { TargetSchema } from '../schema/table-schema.ts';
import { classifyDocument, entityOfType } from '../core/classify.ts';
import { clientRegistrationKey } from './client-registry.ts';
import type { Entity } from '../core/entity.ts';
import type { FindingCode } from './finding-codes.ts';
import { isJsonObject, type JsonObject } from '../core/json-value.ts';
import { pythonJsonDumps } from '../core/python-json.ts';
import { targetCapabilities } from './target-capabilities.ts';
import type { ClientRegistry } from './transform-context.ts';
import type { RejectReason } from './transform-result.ts';
import { codePoints } from '../core/code-points.ts';

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
  /**
   * The seeded document itself. With it, the cases whose outcome depends on the values (lengths,
   * a NUL character, the size of a JSON column, whether a duplicate registration is the winner) are
   * decided from the document; without it the typical seeded value is assumed (see
   * {@link expectedOutcome}).
   */
  doc?: SourceDocument;
  /** The run's client registry: with `doc`, tells the kept duplicate registration from the others. */
  clientRegistry?: ClientRegistry;
}

const migrated = (finding?: FindingCode | readonly FindingCode[]): ExpectedOutcome =>
  finding === undefined ? { outcome: 'migrated' } : { outcome: 'migrated', finding };
const rejected = (reason: RejectReason): ExpectedOutcome => ({ outcome: 'rejected', reason });

function column(target: PolicyTarget, table: string, name: string) {
  return target.schema.tables[table]?.columns.find((c) => c.name === name);
}

/** Whether a value (or, without a document, one of `assumedLength` characters) fits table.column. */
function fits(target: PolicyTarget, table: string, name: string, value: unknown, assumedLength: number): boolean {
  const width = column(target, table, name)?.length;
  if (width === undefined) return true;
  return (typeof value === 'string' ? codePoints(value) : assumedLength) <= width;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function objectAt(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

/** User ids of the document and the tables they land in (job entries become action rows on B head). */
function userIdsFit(target: PolicyTarget): boolean {
  const source = objectAt(target.doc?.source);
  const user = source.user_id;
  const tables = target.entity === 'actions' ? ['actions', 'action_reports'] : [target.entity];
  if (!tables.every((table) => fits(target, table, 'user_id', user, 64))) return false;
  if (target.entity !== 'jobs' || !targetCapabilities(target.schema).jobActionsTable || !Array.isArray(source.job_actions)) return true;
  return source.job_actions.every((entry) => {
    const holder = objectAt(entry);
    if (objectAt(holder.freezer_action).action === undefined) return true;
    return fits(target, 'actions', 'user_id', text(holder.user_id) || user, 64);
  });
}

function hostnameFits(target: PolicyTarget): boolean {
  const client = objectAt(objectAt(target.doc?.source).client);
  return fits(target, 'clients', 'hostname', client.hostname, 255) && fits(target, 'clients', 'client_id', client.client_id, 0);
}

/** Hostile text carries a NUL (PostgreSQL text cannot hold it) and, in some backups, > 64 KB of JSON. */
function hostileOutcome(target: PolicyTarget): ExpectedOutcome {
  const source = objectAt(target.doc?.source);
  const facts = targetCapabilities(target.schema).facts;
  if (target.entity === 'backups') {
    const limit = column(target, 'backups', 'backup_metadata')?.length;
    if (facts.textByteLimit === undefined || target.doc === undefined) return migrated();
    const bytes = Buffer.byteLength(pythonJsonDumps(objectAt(source.backup_metadata)), 'utf8');
    return bytes > (limit ?? facts.textByteLimit) ? rejected('too_long') : migrated();
  }
  if (facts.textHoldsNul) return migrated();
  if (target.doc === undefined) return rejected('charset_unsupported');
  const plain =
    target.entity === 'clients'
      ? objectAt(source.client).description
      : target.entity === 'actions'
        ? objectAt(source.freezer_action).backup_name
        : source.description;
  return typeof plain === 'string' && plain.includes('\u0000') ? rejected('charset_unsupported') : migrated();
}

function isWinner(target: PolicyTarget): boolean {
  if (target.doc === undefined || target.clientRegistry === undefined) return false;
  const key = clientRegistrationKey(target.doc);
  if (key === null) return false;
  const winner = target.clientRegistry.winner(key.projectId, key.clientId);
  const winnerDoc = target.clientRegistry.winnerDocId?.(key.projectId, key.clientId);
  return winner === undefined || (winner === key.uuid && (winnerDoc === undefined || winnerDoc === target.doc.id));
}

/** Without a catalog a cross-project reference shows only when the entry names its project. */
function entryNamesOtherProject(target: PolicyTarget): boolean {
  const source = objectAt(target.doc?.source);
  const project = text(source.project_id) ?? null;
  return Array.isArray(source.job_actions) && source.job_actions.some((entry) => {
    const named = text(objectAt(entry).project_id);
    return named !== undefined && named !== '' && named !== project;
  });
}

function unclassifiable(doc: SourceDocument | undefined): boolean {
  return doc !== undefined && entityOfType(doc.type) === null && (!isJsonObject(doc.source) || classifyDocument(doc.source) === null);
}

/**
 * The expected outcome of a seeded dirty document on a given target (docs/dirty-data.md has the
 * reasoning). Without `target.doc`, the seeded values are assumed to be as the corpus generator
 * makes them: `overlong_id`/`overlong_string` exceed every width (ids > 36, strings > 255
 * characters); `overlong_user_id` is 37–64 characters; `overlong_hostname` is 129–255 characters
 * with a `client_id` that still fits; `hostile_values` puts a NUL in a VARCHAR (not in backups,
 * where it sits in the JSON) and stays under 64 KB; a `duplicate_client_registration` document is
 * one that loses; `cross_project_action_ref` entries do not name their project; `big_integer` and
 * `float_one_point_zero` sit in JSON-copied fields (in an INTEGER column a big integer is rejected
 * `integer_out_of_range` and `1.0` is stored as 1 with `float_coerced_to_integer`). A document that
 * cannot be classified (typeless index, no identifying field) is `unclassified_document` whatever
 * its case.
 */
export function expectedOutcome(code: DirtyCase, target: PolicyTarget): ExpectedOutcome {
  if (unclassifiable(target.doc)) return rejected('unclassified_document');
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
      return isWinner(target) ? migrated() : rejected('duplicate_client_registration');
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
      return linkTable && (catalog || entryNamesOtherProject(target)) ? migrated('cross_project_action_ref') : migrated();
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
      return migrated();
    case 'dirty.hostile_values':
      return hostileOutcome(target);
    case 'dirty.bad_report_date':
      return migrated('invalid_report_date');
    case 'dirty.head_schema_violation':
      return capabilities.headValidation ? migrated('head_schema_violation') : migrated();
    case 'dirty.overlong_id':
    case 'dirty.overlong_string':
      return rejected('too_long');
    case 'dirty.overlong_user_id':
      return userIdsFit(target) ? migrated() : rejected('too_long');
    case 'dirty.overlong_hostname':
      return hostnameFits(target) ? migrated() : rejected('too_long');
    case 'dirty.four_byte_utf8': {
      if (!capabilities.facts.supportsCharsets) return migrated();
      const charset = target.schema.tables[target.entity]?.columns.find((c) => c.type === 'varchar' && c.charset !== undefined)?.charset;
      return charset === 'utf8mb3' || charset === 'utf8' ? rejected('charset_unsupported') : migrated('four_byte_utf8_connection_hazard');
    }
    case 'dirty.backup_user_name_null':
      return column(target, 'backups', 'user_name')?.nullable === false ? migrated('user_name_filled') : migrated();
    case 'dirty.action_without_action':
    case 'dirty.missing_identity':
      return rejected('missing_required_field');
    case 'dirty.unclassifiable':
      return target.doc === undefined ? rejected('unclassified_document') : rejected('missing_required_field');
  }
}
