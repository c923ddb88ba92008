import { actionCatalogEntry, createActionCatalog, type BuiltActionCatalog } from '../../transforms/action-catalog.ts';
import { clientRegistrationKey, createClientRegistry, type BuiltClientRegistry, type ClientRegistrationKey } from '../../transforms/client-registry.ts';
import type { TransformContext } from '../../transforms/transform-context.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import type { DocumentSource, SourcePartition } from '../../pipeline/source/document-source.ts';
import type { SourceDocument } from '../../core/source-document.ts';

/** What the transforms need to know about other documents before they map any. */
export interface References {
  /** Shares its duplicated registrations with batch worker threads. */
  clientRegistry: BuiltClientRegistry;
  /** Shares its compact form with batch worker threads. */
  actionCatalog: BuiltActionCatalog;
}

/** The parts of a {@link TransformContext} that do not come from reading other documents. */
export type ContextBase = Omit<TransformContext, 'clientRegistry' | 'actionCatalog'>;

/** The items `pick` finds in a partition's documents, page by page as they are read. */
async function* collect<T>(source: DocumentSource, partition: SourcePartition, pageSize: number, signal: AbortSignal | undefined, pick: (doc: SourceDocument) => T | null): AsyncGenerator<T[]> {
  if (!(await source.describe()).partitions.includes(partition)) return;
  for await (const page of source.read(partition, 0, 1, null, { pageSize, signal })) {
    const items: T[] = [];
    for (const doc of page.documents) {
      const item = pick(doc);
      if (item !== null) items.push(item);
    }
    yield items;
  }
}

async function all<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page);
  return items;
}

/**
 * First pass over clients and actions. Which registration of a duplicated client is kept, and
 * whether a job entry names an action that exists and matches, must not depend on the order
 * documents arrive in, so these are collected before any document is mapped. Memory grows with the
 * number of clients and actions (a few hundred bytes each), not with the index.
 *
 * With `base` (the target's schema and the run's settings), an action document enters the catalog
 * only if it will become a row: an action rejected for the target (an over-long field, a bad
 * value) must not have job entries linked to it, which would fail the link table's foreign key.
 * That runs the action transform once more per action document (the migration pass runs it
 * again): a few thousand documents in a real Freezer index. Without `base`, every action with an
 * id and a `freezer_action.action` counts.
 */
export async function collectReferences(source: DocumentSource, pageSize: number, signal?: AbortSignal, base?: ContextBase): Promise<References> {
  const clients: ClientRegistrationKey[] = await all(collect(source, 'clients', pageSize, signal, clientRegistrationKey));
  const clientRegistry = createClientRegistry(clients);
  const noActions = createActionCatalog([]);
  const becomesRow = (doc: SourceDocument) => base === undefined || transformDocument(doc, { ...base, clientRegistry, actionCatalog: noActions }).kind === 'accepted';
  const actions = collect(source, 'actions', pageSize, signal, (doc) => (becomesRow(doc) ? actionCatalogEntry(doc) : null));
  // Entered page by page: the catalog keeps each action compactly, never the entry objects of all.
  const actionCatalog = createActionCatalog([]);
  for await (const page of actions) for (const entry of page) actionCatalog.add(entry);
  actionCatalog.trim();
  return { clientRegistry, actionCatalog };
}

/** Freezer's transform context: the transforms' own, with a registry and catalog that can be shared with worker threads. */
export type FreezerContext = TransformContext & References;

/** The whole transform context of a run: `base` plus the references of a first pass over `source`. */
export async function buildTransformContext(source: DocumentSource, pageSize: number, base: ContextBase, signal?: AbortSignal): Promise<FreezerContext> {
  return { ...base, ...(await collectReferences(source, pageSize, signal, base)) };
}
