import type { ClientRegistry } from '../../transforms/transform-context.ts';
import { clientRegistrationKey, createClientRegistry } from '../../transforms/client-registry.ts';
import type { DocumentSource } from '../source/document-source.ts';

/**
 * First pass over the client documents: which registration of a duplicated client id is kept must
 * not depend on the order documents arrive in, so every registration is seen before any is written.
 * Memory grows with the number of clients (hosts), not with the index.
 */
export async function buildClientRegistry(source: DocumentSource, pageSize: number, signal?: AbortSignal): Promise<ClientRegistry> {
  const keys = [];
  const partitions = (await source.describe()).partitions;
  if (partitions.includes('clients')) {
    for await (const page of source.read('clients', 0, 1, null, { pageSize, signal })) {
      for (const doc of page.documents) {
        const key = clientRegistrationKey(doc);
        if (key) keys.push(key);
      }
    }
  }
  return createClientRegistry(keys);
}
