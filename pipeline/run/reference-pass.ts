import { actionCatalogEntry, createActionCatalog } from '../../transforms/action-catalog.ts';
import { clientRegistrationKey, createClientRegistry, type ClientRegistrationKey } from '../../transforms/client-registry.ts';
import type { ActionCatalog, ClientRegistry } from '../../transforms/transform-context.ts';
import type { ActionCatalogEntry } from '../../transforms/action-catalog.ts';
import type { DocumentSource, SourcePartition } from '../source/document-source.ts';

/** What the transforms need to know about other documents before they map any. */
export interface References {
  clientRegistry: ClientRegistry;
  actionCatalog: ActionCatalog;
}

async function collect<T>(source: DocumentSource, partition: SourcePartition, pageSize: number, signal: AbortSignal | undefined, pick: (doc: Parameters<typeof clientRegistrationKey>[0]) => T | null): Promise<T[]> {
  const items: T[] = [];
  if (!(await source.describe()).partitions.includes(partition)) return items;
  for await (const page of source.read(partition, 0, 1, null, { pageSize, signal })) {
    for (const doc of page.documents) {
      const item = pick(doc);
      if (item !== null) items.push(item);
    }
  }
  return items;
}

/**
 * First pass over clients and actions. Which registration of a duplicated client is kept, and
 * whether a job entry names an action that exists and matches, must not depend on the order
 * documents arrive in, so these are collected before any document is mapped. Memory grows with the
 * number of clients and actions (a few hundred bytes each), not with the index.
 */
export async function collectReferences(source: DocumentSource, pageSize: number, signal?: AbortSignal): Promise<References> {
  const clients: ClientRegistrationKey[] = await collect(source, 'clients', pageSize, signal, clientRegistrationKey);
  const actions: ActionCatalogEntry[] = await collect(source, 'actions', pageSize, signal, actionCatalogEntry);
  return { clientRegistry: createClientRegistry(clients), actionCatalog: createActionCatalog(actions) };
}
