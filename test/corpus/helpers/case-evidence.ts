import { isDeepStrictEqual } from 'node:util';
import type { DirtyCase } from '../../../fixtures/corpus/case-catalog.ts';
import type { CorpusDocument } from '../../../fixtures/corpus/corpus-document.ts';
import { HOSTILE_MARKER } from '../../../fixtures/corpus/dirty-text.ts';
import { FREEZER_ACTIONS, FREEZER_MODES } from '../../../fixtures/corpus/freezer-vocabulary.ts';
import { classifyDocument } from '../../../core/classify.ts';
import { isJsonObject, JsonNumber, type JsonObject, type JsonValue } from '../../../core/json-value.ts';
import { clientUuid, type CorpusIndex, registrationKey } from './corpus-index.ts';

/**
 * Independent checks of what a document shows, written from the case catalogue's descriptions
 * (not from the generator's code), so tests can hold the labels to them in both directions.
 */

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
const TWO_TO_53 = 2n ** 53n;

function object(value: JsonValue | undefined): JsonObject {
  return isJsonObject(value) ? value : {};
}

function length(value: JsonValue | undefined): number {
  return typeof value === 'string' ? value.length : 0;
}

function nonNumeric(value: JsonValue | undefined): boolean {
  return typeof value === 'string' && !/^\s*[-+]?\d+\s*$/.test(value);
}

function some(value: JsonValue | undefined, test: (leaf: JsonValue) => boolean): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.some((item) => some(item, test));
  if (isJsonObject(value)) return Object.values(value).some((item) => some(item, test));
  return test(value);
}

/** `_source` without job_actions (what a job shows itself, as opposed to its copies of actions). */
function own(doc: CorpusDocument): JsonObject {
  if (doc.entity !== 'jobs') return doc.source;
  const { job_actions: _entries, ...rest } = doc.source;
  return rest;
}

function entries(doc: CorpusDocument): JsonObject[] {
  return doc.entity === 'jobs' && Array.isArray(doc.source.job_actions) ? doc.source.job_actions.filter(isJsonObject) : [];
}

function headViolation(fa: JsonObject): boolean {
  const badAction = fa.action !== undefined && !(FREEZER_ACTIONS as readonly JsonValue[]).includes(fa.action);
  const badMode = fa.mode !== undefined && !(FREEZER_MODES as readonly JsonValue[]).includes(fa.mode);
  return badAction || badMode;
}

function description(doc: CorpusDocument): JsonValue | undefined {
  return doc.entity === 'clients' ? object(doc.source.client).description : doc.source.description;
}

const bigInteger = (leaf: JsonValue) => leaf instanceof JsonNumber && leaf.isInteger && BigInt(leaf.source) > TWO_TO_53;
const pointZero = (leaf: JsonValue) => leaf instanceof JsonNumber && /^-?\d+\.0+$/.test(leaf.source);
const hostile = (leaf: JsonValue) => typeof leaf === 'string' && leaf.includes(HOSTILE_MARKER) && leaf.includes('\u0000');

/** Whether the document's own content shows the case (for jobs: job_actions entries count only for the job-entry cases). */
export function showsOwn(code: DirtyCase, doc: CorpusDocument, corpus: CorpusIndex): boolean {
  const s = doc.source;
  const e = doc.entity;
  const fa = object(s.freezer_action);
  const client = object(s.client);
  switch (code) {
    case 'dirty.v1_no_project':
      return !('project_id' in s);
    case 'dirty.composite_backup_id': {
      const m = object(s.backup_metadata);
      return e === 'backups' && /^[0-9a-f]{32}$/.test(String(s.backup_uuid)) && doc.id.length > 36 && doc.id.startsWith(`${m.container}_${m.hostname}_`) && doc.id.endsWith(`_${m.time_stamp}_${m.curr_backup_level}`);
    }
    case 'dirty.client_top_level_uuid':
      return e === 'clients' && typeof s.uuid === 'string' && client.uuid === undefined;
    case 'dirty.duplicate_client_registration': {
      const key = e === 'clients' ? registrationKey(s) : undefined;
      const uuids = key === undefined ? [] : (corpus.registrations.get(key) ?? []);
      return uuids.length >= 2 && new Set(uuids).size === uuids.length && uuids.includes(clientUuid(s) ?? '');
    }
    case 'dirty.client_without_hostname':
      return e === 'clients' && !('hostname' in client);
    case 'dirty.client_without_capabilities':
      return e === 'clients' && !Object.keys(client).some((key) => key.startsWith('supported_'));
    case 'dirty.job_entry_diverged':
      return entries(doc).some((entry) => typeof entry.action_id === 'string' && corpus.actions.has(entry.action_id) && !isDeepStrictEqual(entry.freezer_action, corpus.actions.get(entry.action_id)?.freezer_action));
    case 'dirty.job_entry_action_deleted':
      return entries(doc).some((entry) => typeof entry.action_id === 'string' && !corpus.actions.has(entry.action_id));
    case 'dirty.job_entry_without_action_id':
      return entries(doc).some((entry) => !('action_id' in entry));
    case 'dirty.job_entry_without_action_name':
      return entries(doc).some((entry) => !('action' in object(entry.freezer_action)));
    case 'dirty.cross_project_action_ref':
      return entries(doc).some((entry) => {
        const action = typeof entry.action_id === 'string' ? corpus.actions.get(entry.action_id) : undefined;
        return action !== undefined && (action.project_id ?? null) !== (s.project_id ?? null);
      });
    case 'dirty.stringly_typed':
      if (e === 'actions') return typeof s.max_retries === 'string' || typeof s.mandatory === 'string';
      if (e === 'jobs') return typeof s.session_tag === 'string';
      if (e === 'sessions') return typeof s.hold_off === 'string' || typeof s.session_tag === 'string';
      return false;
    case 'dirty.non_numeric_integer':
      return (e === 'actions' && nonNumeric(fa.timeout)) || (e === 'sessions' && nonNumeric(s.time_start));
    case 'dirty.version_in_source':
      return '_version' in s;
    case 'dirty.legacy_src_file':
      return e === 'actions' && 'src_file' in fa && !('path_to_backup' in fa);
    case 'dirty.action_report_fields':
      return e === 'actions' && 'result' in fa && 'time_elapsed' in fa && 'report_date' in fa;
    case 'dirty.bad_report_date':
      return e === 'actions' && typeof fa.report_date === 'string' && Number.isNaN(Date.parse(fa.report_date));
    case 'dirty.session_jobs_empty_list':
      return e === 'sessions' && Array.isArray(s.jobs) && s.jobs.length === 0;
    case 'dirty.session_job_blank_times':
      return e === 'sessions' && Object.values(object(s.jobs)).some((job) => object(job).time_started === '' || object(job).time_ended === '');
    case 'dirty.job_dangling_session':
      return e === 'jobs' && typeof s.session_id === 'string' && s.session_id !== '' && !corpus.sessions.has(s.session_id);
    case 'dirty.job_dangling_client':
      return e === 'jobs' && !corpus.clientIds.has(String(s.client_id));
    case 'dirty.head_schema_violation': {
      if (e === 'actions') return headViolation(fa);
      const date = object(s.job_schedule).schedule_date;
      return e === 'jobs' && ((date !== undefined && !ISO_DATE_TIME.test(String(date))) || s.session_tag === null);
    }
    case 'dirty.overlong_id':
      if (e === 'clients') return (clientUuid(s)?.length ?? 0) > 36;
      return e !== 'backups' && doc.id.length > 36;
    case 'dirty.overlong_user_id':
      return length(s.user_id) >= 37 && length(s.user_id) <= 64;
    case 'dirty.overlong_string':
      return e === 'actions' ? length(fa.path_to_backup) > 255 : length(description(doc)) > 255;
    case 'dirty.overlong_hostname':
      return e === 'clients' && length(client.hostname) > 128;
    case 'dirty.four_byte_utf8':
      return ASTRAL.test(String(description(doc) ?? ''));
    case 'dirty.backup_user_name_null':
      return e === 'backups' && s.user_name === null;
    case 'dirty.action_without_action':
      return e === 'actions' && !('action' in fa);
    case 'dirty.big_integer':
      return some(own(doc), bigInteger);
    case 'dirty.float_one_point_zero':
      return some(own(doc), pointZero);
    case 'dirty.hostile_values':
      return some(own(doc), hostile);
    case 'dirty.missing_identity':
      if (e === 'clients') return !('client_id' in client);
      if (e === 'sessions') return !('session_id' in s) && doc.type !== null;
      return !({ backups: 'backup_id', jobs: 'job_id', actions: 'action_id' }[e] in s);
    case 'dirty.unclassifiable':
      return doc.type === null && classifyDocument(s) === null;
  }
}

/** Whether a job's job_actions entries show the case (copied from action documents). */
export function showsInEntries(code: DirtyCase, doc: CorpusDocument): boolean {
  const list = entries(doc);
  const fas = list.map((entry) => object(entry.freezer_action));
  switch (code) {
    case 'dirty.stringly_typed':
      return list.some((entry) => typeof entry.max_retries === 'string' || typeof entry.mandatory === 'string');
    case 'dirty.non_numeric_integer':
      return fas.some((fa) => nonNumeric(fa.timeout));
    case 'dirty.legacy_src_file':
      return fas.some((fa) => 'src_file' in fa && !('path_to_backup' in fa));
    case 'dirty.action_report_fields':
      return fas.some((fa) => 'result' in fa && 'time_elapsed' in fa && 'report_date' in fa);
    case 'dirty.bad_report_date':
      return fas.some((fa) => typeof fa.report_date === 'string' && Number.isNaN(Date.parse(fa.report_date)));
    case 'dirty.head_schema_violation':
      return fas.some(headViolation);
    case 'dirty.overlong_string':
      return fas.some((fa) => length(fa.path_to_backup) > 255);
    case 'dirty.hostile_values':
      return some(list, hostile);
    case 'dirty.overlong_user_id':
      return list.some((entry) => length(entry.user_id) >= 37 && length(entry.user_id) <= 64);
    default:
      return false;
  }
}
