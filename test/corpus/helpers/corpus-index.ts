import type { CorpusDocument } from '../../../fixtures/corpus/corpus-document.ts';
import { isJsonObject, type JsonObject } from '../../../core/json-value.ts';

/** What a test needs to know about a whole (small) corpus to judge references. */
export interface CorpusIndex {
  docs: CorpusDocument[];
  actions: Map<string, JsonObject>;
  jobs: Map<string, JsonObject>;
  sessions: Map<string, JsonObject>;
  /** Textual client ids of clients that have one. */
  clientIds: Set<string>;
  /** `<client_id>|<project_id or "">` → uuids registered under it. */
  registrations: Map<string, string[]>;
}

export function clientUuid(source: JsonObject): string | undefined {
  const client = isJsonObject(source.client) ? source.client : {};
  const uuid = client.uuid ?? source.uuid;
  return typeof uuid === 'string' ? uuid : undefined;
}

export function registrationKey(source: JsonObject): string | undefined {
  const client = isJsonObject(source.client) ? source.client : {};
  return typeof client.client_id === 'string' ? `${client.client_id}|${source.project_id ?? ''}` : undefined;
}

export function indexCorpus(docs: Iterable<CorpusDocument>): CorpusIndex {
  const index: CorpusIndex = { docs: [], actions: new Map(), jobs: new Map(), sessions: new Map(), clientIds: new Set(), registrations: new Map() };
  for (const doc of docs) {
    index.docs.push(doc);
    if (doc.entity === 'actions') index.actions.set(doc.id, doc.source);
    if (doc.entity === 'jobs') index.jobs.set(doc.id, doc.source);
    if (doc.entity === 'sessions' && typeof doc.source.session_id === 'string') index.sessions.set(doc.id, doc.source);
    if (doc.entity === 'clients') {
      const key = registrationKey(doc.source);
      if (key === undefined) continue;
      index.clientIds.add(key.split('|')[0] as string);
      index.registrations.set(key, [...(index.registrations.get(key) ?? []), clientUuid(doc.source) ?? '']);
    }
  }
  return index;
}
