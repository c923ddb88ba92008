import type { JsonObject } from '../../../core/json-value.ts';
import type { SmallDoc } from '../../helpers/small-freezer-docs.ts';

const id32 = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(32 - prefix.length, '0')}`;

/** A new document of the same type as `like`, with ids of its own (`n` makes them unique). */
export function newDocument(like: SmallDoc, n: number): SmallDoc {
  const source = structuredClone(like._source) as JsonObject;
  switch (like._type) {
    case 'clients': {
      const client = source.client as JsonObject;
      client.client_id = `${String(source.project_id)}_new${n}.example.org`;
      client.hostname = `new${n}.example.org`;
      client.uuid = id32('cafe', n);
      return { ...like, _id: `NEWclient${n}`, _source: source };
    }
    case 'actions':
      source.action_id = id32('acafe', n);
      return { ...like, _id: String(source.action_id), _source: source };
    case 'sessions':
      source.session_id = id32('scafe', n);
      return { ...like, _id: String(source.session_id), _source: source };
    case 'jobs':
      source.job_id = id32('jcafe', n);
      source.description = `new job ${n}`;
      return { ...like, _id: String(source.job_id), _source: source };
    default:
      source.backup_id = id32('bcafe', n);
      return { ...like, _id: String(source.backup_id), _source: source };
  }
}

/** The same document with a value freezer-api shows changed (what an API update would do). */
export function changedDocument(doc: SmallDoc, n: number): SmallDoc {
  const source = structuredClone(doc._source) as JsonObject;
  switch (doc._type) {
    case 'clients':
      (source.client as JsonObject).description = `edited ${n}`;
      break;
    case 'actions':
      source.max_retries = 10 + n;
      (source.freezer_action as JsonObject).backup_name = `edited${n}`;
      break;
    case 'sessions':
      source.description = `edited ${n}`;
      source.status = 'inactive';
      break;
    case 'jobs':
      source.description = `edited ${n}`;
      break;
    default:
      (source.backup_metadata as JsonObject).backup_name = `edited${n}`;
  }
  return { ...doc, _source: source };
}

/** The SQL primary key of a small document (clients migrate under their uuid). */
export function sqlIdOf(doc: SmallDoc): string {
  return doc._type === 'clients' ? String((doc._source.client as JsonObject).uuid) : doc._id;
}
