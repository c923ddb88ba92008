import type { SourceDocument } from '../../../core/source-document.ts';
import { actionCatalogEntry, createActionCatalog } from '../../../transforms/action-catalog.ts';
import { clientRegistrationKey, createClientRegistry } from '../../../transforms/client-registry.ts';
import type { DirtyCase } from '../../../transforms/dirty-data-policy.ts';
import type { Entity } from '../../../core/entity.ts';
import type { JsonObject } from '../../../core/json-value.ts';
import type { ActionCatalog, ClientRegistry } from '../../../transforms/transform-context.ts';
import { makeDoc } from './context.ts';
import { ACTION_ID, actionSource, backupSource, clientSource, jobEntry, jobSource, sessionSource } from './sample-docs.ts';

/** Seeded documents per dirty-data case (one or more variants), shaped like the corpus generator's. */
export interface DirtySample {
  entity: Entity;
  doc: SourceDocument;
  /** Registry built from the sample and its siblings (duplicate registrations). */
  clientRegistry?: ClientRegistry;
  /** Catalog of the stored actions the sample's job entries refer to. */
  actionCatalog: ActionCatalog;
}

const FOREIGN_ACTION_ID = 'f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff';
const V1_ACTION_ID = 'e0e1e2e3e4e5e6e7e8e9eaebecedeeef';
const NAMELESS_ACTION_ID = '90919293949596979899909192939495';
const STORED_ACTIONS = createActionCatalog(
  [
    makeDoc('actions', ACTION_ID, actionSource()),
    makeDoc('actions', FOREIGN_ACTION_ID, { ...actionSource(), action_id: FOREIGN_ACTION_ID, project_id: 'someone-else' }),
    makeDoc('actions', V1_ACTION_ID, mutate<JsonObject>({ ...actionSource(), action_id: V1_ACTION_ID }, (s) => delete s.project_id)),
    makeDoc('actions', NAMELESS_ACTION_ID, { ...actionSource(), action_id: NAMELESS_ACTION_ID, freezer_action: { mode: 'fs' } }),
  ]
    .map((doc) => actionCatalogEntry(doc))
    .filter((entry) => entry !== null),
);
const HOSTILE = `O'Brien "weekly" C:\\backups\\ '; DROP TABLE clients; --\u0000tail`;
const EMOJI = '\u{1F600}';

function sample(entity: Entity, source: JsonObject | string, extra: Partial<DirtySample> = {}): DirtySample {
  const id = typeof source === 'string' ? 'raw' : String(source.job_id ?? source.action_id ?? source.session_id ?? source.backup_id ?? 'AVclient');
  return { entity, doc: makeDoc(entity, id, source), actionCatalog: STORED_ACTIONS, ...extra };
}

function mutate<T extends JsonObject>(source: T, change: (s: T) => void): T {
  change(source);
  return source;
}

function job(entries: JsonObject[]): JsonObject {
  return { ...jobSource(), job_actions: entries };
}

function entryWith(change: (entry: JsonObject, fa: JsonObject) => void, actionId: string | null = ACTION_ID): JsonObject {
  const entry = jobEntry(actionId);
  change(entry, entry.freezer_action as JsonObject);
  return entry;
}

export const DIRTY_SAMPLES: Readonly<Record<DirtyCase, () => DirtySample | DirtySample[]>> = {
  'dirty.v1_no_project': () => sample('actions', mutate(actionSource(), (s) => delete s.project_id)),
  'dirty.composite_backup_id': () =>
    sample('backups', { ...backupSource(), backup_id: 'freezer_etc_node1.example.com_etc_1500000200_0', backup_uuid: 'e'.repeat(32) }),
  'dirty.client_top_level_uuid': () =>
    sample('clients', mutate(clientSource(), (s) => {
      s.uuid = (s.client as JsonObject).uuid!;
      delete (s.client as JsonObject).uuid;
    })),
  'dirty.duplicate_client_registration': () => {
    const kept = clientSource();
    (kept.client as JsonObject).uuid = '0'.repeat(32);
    const docs = [makeDoc('clients', 'AVkept', kept), makeDoc('clients', 'AVlost', clientSource())];
    const clientRegistry = createClientRegistry(docs.map((d) => clientRegistrationKey(d)!));
    return docs.map((doc) => ({ entity: 'clients', doc, clientRegistry, actionCatalog: STORED_ACTIONS }));
  },
  'dirty.client_without_hostname': () => sample('clients', mutate(clientSource(), (s) => delete (s.client as JsonObject).hostname)),
  'dirty.client_without_capabilities': () => sample('clients', clientSource()),
  'dirty.job_entry_diverged': () => sample('jobs', job([entryWith((_, fa) => (fa.backup_name = 'changed later'))])),
  'dirty.job_entry_action_deleted': () => sample('jobs', job([jobEntry('deadbeefdeadbeefdeadbeefdeadbeef')])),
  'dirty.job_entry_without_action_id': () => sample('jobs', job([jobEntry(null)])),
  'dirty.job_entry_without_action_name': () => [
    sample('jobs', job([entryWith((_, fa) => delete fa.action, NAMELESS_ACTION_ID)])),
    sample('jobs', job([entryWith((_, fa) => delete fa.action, null)])),
  ],
  'dirty.cross_project_action_ref': () => [
    sample('jobs', job([entryWith((entry) => (entry.project_id = 'someone-else'), FOREIGN_ACTION_ID)])),
    sample('jobs', job([entryWith((entry) => delete entry.project_id, V1_ACTION_ID)])),
  ],
  'dirty.stringly_typed': () =>
    sample('actions', mutate(actionSource(), (s) => Object.assign(s.freezer_action as JsonObject, { timeout: '30', mandatory: 'on' }))),
  'dirty.non_numeric_integer': () => sample('actions', mutate(actionSource(), (s) => ((s.freezer_action as JsonObject).timeout = 'abc'))),
  'dirty.version_in_source': () => sample('jobs', { ...jobSource(), _version: 3 }),
  'dirty.legacy_src_file': () =>
    sample('actions', mutate(actionSource(), (s) => {
      const fa = s.freezer_action as JsonObject;
      fa.src_file = fa.path_to_backup!;
      delete fa.path_to_backup;
    })),
  'dirty.action_report_fields': () =>
    sample('actions', mutate(actionSource(), (s) => Object.assign(s.freezer_action as JsonObject, { result: 'success', time_elapsed: '12', report_date: 1_500_000_000 }))),
  'dirty.bad_report_date': () => sample('actions', mutate(actionSource(), (s) => ((s.freezer_action as JsonObject).report_date = 'not a date'))),
  'dirty.session_jobs_empty_list': () => sample('sessions', { ...sessionSource(), jobs: [] }),
  'dirty.session_job_blank_times': () => sample('sessions', { ...sessionSource(), jobs: { j1: { status: 'running', time_started: '', time_ended: '' } } }),
  'dirty.job_dangling_session': () => sample('jobs', { ...jobSource(), session_id: 'f'.repeat(32), session_tag: 2 }),
  'dirty.job_dangling_client': () => sample('jobs', { ...jobSource(), client_id: 'ghost_gone.example.com' }),
  'dirty.head_schema_violation': () =>
    sample('jobs', mutate(jobSource(), (s) => ((s.job_schedule as JsonObject).schedule_start_date = '2017/07/14 02:40'))),
  'dirty.overlong_id': () => sample('jobs', { ...jobSource(), job_id: `job-${'x'.repeat(40)}` }),
  'dirty.overlong_user_id': () => {
    const long = 'cn=backup-operator,ou=people,dc=example,dc=com';
    const hash = 'a'.repeat(64);
    return [
      sample('actions', { ...actionSource(), user_id: long }),
      sample('clients', { ...clientSource(), user_id: hash }),
      sample('sessions', { ...sessionSource(), user_id: long }),
      sample('backups', { ...backupSource(), user_id: hash }),
      sample('jobs', { ...jobSource(), user_id: long }),
      sample('jobs', job([entryWith((entry) => (entry.user_id = hash))])),
    ];
  },
  'dirty.overlong_string': () => sample('jobs', { ...jobSource(), description: 'd'.repeat(300) }),
  'dirty.overlong_hostname': () =>
    [`${'a'.repeat(60)}.${'b'.repeat(60)}.example.com`, `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.example.com`, `${'d'.repeat(60)}.`.repeat(5)].map(
      (hostname) => sample('clients', mutate(clientSource(), (s) => Object.assign(s.client as JsonObject, { hostname, client_id: `p_${hostname}` }))),
    ),
  'dirty.four_byte_utf8': () => [
    sample('clients', mutate(clientSource(), (s) => ((s.client as JsonObject).description = `db host ${EMOJI}`))),
    sample('sessions', { ...sessionSource(), description: `weekly ${EMOJI}` }),
    sample('jobs', { ...jobSource(), description: `nightly ${EMOJI}` }),
  ],
  'dirty.backup_user_name_null': () => sample('backups', { ...backupSource(), user_name: null }),
  'dirty.action_without_action': () => sample('actions', mutate(actionSource(), (s) => delete (s.freezer_action as JsonObject).action)),
  'dirty.big_integer': () =>
    sample('backups', JSON.stringify(backupSource()).replace('"backup_size_compressed":1234', '"backup_size_compressed":123456789012345678901')),
  'dirty.float_one_point_zero': () => sample('backups', JSON.stringify(backupSource()).replace('"backup_size_compressed":1234', '"backup_size_compressed":1.0')),
  'dirty.hostile_values': () => [
    sample('jobs', { ...jobSource(), description: HOSTILE }),
    sample('clients', mutate(clientSource(), (s) => ((s.client as JsonObject).description = HOSTILE))),
    sample('sessions', { ...sessionSource(), description: HOSTILE }),
    sample('actions', mutate(actionSource(), (s) => ((s.freezer_action as JsonObject).backup_name = HOSTILE))),
    sample('backups', mutate(backupSource(), (s) => ((s.backup_metadata as JsonObject).backup_name = HOSTILE))),
    sample('backups', mutate(backupSource(), (s) => ((s.backup_metadata as JsonObject).excluded_files = Array.from({ length: 3000 }, (_, i) => `/var/cache/file-${i}.tmp`)))),
    sample('jobs', { ...jobSource(), description: `'); DROP TABLE jobs; -- "quoted" \\back\\slash <script>\t\n%s` }),
  ],
  'dirty.missing_identity': () => [
    sample('jobs', mutate(jobSource(), (s) => delete s.job_id)),
    sample('clients', mutate(clientSource(), (s) => delete (s.client as JsonObject).client_id)),
    sample('sessions', mutate(sessionSource(), (s) => delete s.session_id)),
    { entity: 'sessions', doc: makeDoc(null, 'typeless', mutate(sessionSource(), (s) => delete s.session_id)), actionCatalog: STORED_ACTIONS },
  ],
  'dirty.unclassifiable': () => ({ entity: 'sessions', doc: makeDoc(null, 'junk', mutate(sessionSource(), (s) => delete s.session_id)), actionCatalog: STORED_ACTIONS }),
};
