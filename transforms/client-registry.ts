import type { SourceDocument } from '../core/source-document.ts';
import { derivedId } from '../core/derived-id.ts';
import { isJsonObject, type JsonObject } from '../core/json-value.ts';
import type { ClientRegistry } from './transform-context.ts';

/** One client registration as the first pass sees it. */
export interface ClientRegistrationKey {
  /** `project_id` of the document as stored (null for v1 documents, whatever default is assigned later). */
  projectId: string | null;
  /** `client.client_id`, the textual id jobs refer to. */
  clientId: string;
  /** The uuid the document migrates under (see {@link clientUuid}). */
  uuid: string;
  /** ES `_id`, the tie-breaker when two documents carry the same uuid. */
  docId?: string;
}

/** Where a client's uuid comes from (data contract §1.3, §5.3). */
export interface ClientUuid {
  uuid: string;
  from: 'client' | 'top_level' | 'derived';
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/**
 * The uuid of a client document: `client.uuid` (≥ 5.0.0), else the top-level `uuid` (≤ 4.x), else a
 * {@link derivedId} of the ES `_id` (which is stable: clients are stored under auto-generated ids).
 * Returns null when a `uuid` key holds something other than a string (the document is malformed).
 */
export function clientUuid(source: JsonObject, client: JsonObject, docId: string): ClientUuid | null {
  for (const [holder, from] of [[client, 'client'], [source, 'top_level']] as const) {
    const value = holder.uuid;
    if (nonEmptyString(value)) return { uuid: value, from };
    if (value !== undefined && value !== null) return null;
  }
  return { uuid: derivedId('clients', docId), from: 'derived' };
}

/**
 * The registration key of a client document for the first pass, or null when the document cannot
 * be a client registration (no `client` object, no textual `client.client_id` or `user_id`, malformed
 * uuid).
 * Such documents are rejected by `transformClient` and take no part in duplicate resolution.
 */
export function clientRegistrationKey(doc: SourceDocument): ClientRegistrationKey | null {
  const source = doc.source;
  if (!isJsonObject(source) || !isJsonObject(source.client)) return null;
  const client = source.client;
  if (!nonEmptyString(client.client_id) || !nonEmptyString(source.user_id)) return null;
  const uuid = clientUuid(source, client, doc.id);
  if (uuid === null) return null;
  const projectId = nonEmptyString(source.project_id) ? source.project_id : null;
  return { projectId, clientId: client.client_id, uuid: uuid.uuid, docId: doc.id };
}

interface Group {
  uuid: string;
  docId: string;
  count: number;
  /** The group's first registration, shared once a second one arrives. */
  first: ClientRegistrationKey;
}

/** Code-unit order, the same as MySQL's binary and ASCII collations for hex uuids. */
function before(a: string, b: string): boolean {
  return a < b;
}

/** A {@link ClientRegistry} that can also hand its content to another thread. */
export interface BuiltClientRegistry extends ClientRegistry {
  /**
   * The registrations of clients registered more than once: enough to build the same registry in
   * a batch worker thread (a client registered once has no winner to decide).
   */
  share(): ClientRegistrationKey[];
}

/**
 * A registry over all registrations: for each `(projectId, clientId)` with several documents the
 * winner is the **smallest uuid** (then the smallest `_id`). The rule depends only on the set of
 * keys, never on read order. It also matches what freezer-api would have used had all duplicates
 * been stored: the client lookup by `client_id` has no ORDER BY and no index on `client_id`, so
 * InnoDB scans the clustered primary key (`id` = uuid) and `.first()` returns the smallest uuid.
 * Only the groups with several registrations are kept once the keys are read: memory holds the
 * duplicated clients, not every client of the index.
 */
export function createClientRegistry(keys: Iterable<ClientRegistrationKey>): BuiltClientRegistry {
  const byProject = new Map<string | null, Map<string, Group>>();
  const duplicated: ClientRegistrationKey[] = [];
  for (const key of keys) {
    let groups = byProject.get(key.projectId);
    if (groups === undefined) byProject.set(key.projectId, (groups = new Map()));
    const docId = key.docId ?? '';
    const group = groups.get(key.clientId);
    if (group === undefined) {
      groups.set(key.clientId, { uuid: key.uuid, docId, count: 1, first: key });
      continue;
    }
    group.count += 1;
    if (group.count === 2) duplicated.push(group.first);
    duplicated.push(key);
    if (before(key.uuid, group.uuid) || (key.uuid === group.uuid && before(docId, group.docId))) {
      group.uuid = key.uuid;
      group.docId = docId;
    }
  }
  for (const [project, groups] of byProject) {
    for (const [clientId, group] of groups) if (group.count < 2) groups.delete(clientId);
    if (groups.size === 0) byProject.delete(project);
  }
  const lookup = (projectId: string | null, clientId: string): Group | undefined => byProject.get(projectId)?.get(clientId);
  return {
    winner: (projectId, clientId) => lookup(projectId, clientId)?.uuid,
    winnerDocId: (projectId, clientId) => {
      const docId = lookup(projectId, clientId)?.docId;
      return docId === '' || docId === undefined ? undefined : docId;
    },
    share: () => [...duplicated],
  };
}
