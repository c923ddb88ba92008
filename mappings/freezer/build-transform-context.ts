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
  /**
   * The catalog is still empty: the run enters the actions as it maps them
   * ({@link learningActionTransform}), all of them before it maps any job.
   */
  learnsActions: boolean;
}

/** The parts of a {@link TransformContext} that do not come from reading other documents. */
export type ContextBase = Omit<TransformContext, 'clientRegistry' | 'actionCatalog'>;

/**
 * Hands `take` the items `pick` finds in a partition's documents, page by page as they are read,
 * with the partition's slices read in parallel (`slices` asked, as many as the source can split
 * it into): one slice left Elasticsearch and es2sql idle half the time. The first slice to fail
 * stops the others.
 */
async function collect<T>(
  source: DocumentSource,
  partition: SourcePartition,
  read: ReadOptions,
  pick: (doc: SourceDocument) => T | null,
  take: (items: T[]) => void,
): Promise<void> {
  if (!(await source.describe()).partitions.includes(partition)) return;
  const slices = await source.sliceCount(partition, read.slices ?? 1);
  const stop = new AbortController();
  const signal = read.signal === undefined ? stop.signal : AbortSignal.any([read.signal, stop.signal]);
  const readSlice = async (slice: number): Promise<void> => {
    try {
      for await (const page of source.read(partition, slice, slices, null, { pageSize: read.pageSize, signal })) {
        const items: T[] = [];
        for (const doc of page.documents) {
          const item = pick(doc);
          if (item !== null) items.push(item);
        }
        page.documents = [];
        take(items);
      }
    } catch (error) {
      stop.abort(error);
      throw error;
    }
  };
  const results = await Promise.allSettled(Array.from({ length: slices }, (_, slice) => readSlice(slice)));
  const failed = results.find((result) => result.status === 'rejected');
  // The first failure, not the aborts it caused in the other slices.
  if (failed !== undefined) throw stop.signal.reason ?? failed.reason;
}

/** How the first pass reads: documents per page, parallel slices per partition (default 1). */
export interface ReadOptions {
  pageSize: number;
  slices?: number;
  signal?: AbortSignal | undefined;
}

/** How {@link collectReferences} gathers the action catalog. */
export interface ReferenceOptions {
  /**
   * The run maps every action document itself before any job (PrepareInput.mappedInOrder): the
   * catalog starts empty and the action transform enters each action it accepts
   * ({@link learningActionTransform}), so the first pass reads clients only.
   */
  learnActions?: boolean;
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
 * again), unless the run learns the catalog while it maps the actions (`learnActions`). Without
 * `base`, every action with an id and a `freezer_action.action` counts.
 */
export async function collectReferences(source: DocumentSource, read: ReadOptions, base?: ContextBase, options: ReferenceOptions = {}): Promise<References> {
  const clients: ClientRegistrationKey[] = [];
  await collect(source, 'clients', read, clientRegistrationKey, (keys) => clients.push(...keys));
  const clientRegistry = createClientRegistry(clients);
  // Entered page by page: the catalog keeps each action compactly, never the entry objects of all.
  const actionCatalog = createActionCatalog([]);
  if (options.learnActions === true && base !== undefined) return { clientRegistry, actionCatalog, learnsActions: true };
  const noActions = createActionCatalog([]);
  const becomesRow = (doc: SourceDocument) => base === undefined || transformDocument(doc, { ...base, clientRegistry, actionCatalog: noActions }).kind === 'accepted';
  await collect(source, 'actions', read, (doc) => (becomesRow(doc) ? actionCatalogEntry(doc) : null), (entries) => {
    for (const entry of entries) actionCatalog.add(entry);
  });
  actionCatalog.trim();
  return { clientRegistry, actionCatalog, learnsActions: false };
}

/** Freezer's transform context: the transforms' own, with a registry and catalog that can be shared with worker threads. */
export type FreezerContext = TransformContext & References;

/** The whole transform context of a run: `base` plus the references of a first pass over `source`. */
export async function buildTransformContext(source: DocumentSource, read: ReadOptions, base: ContextBase, options: ReferenceOptions = {}): Promise<FreezerContext> {
  return { ...base, ...(await collectReferences(source, read, base, options)) };
}

/**
 * The action transform of a run that learns its action catalog while it maps (`learnsActions`):
 * each action it accepts enters the catalog, as the first pass would have entered it. The action
 * transform does not read the catalog, and the catalog settles two documents naming one action
 * the same way whatever their order, so the catalog the jobs see equals the first pass's: the same
 * documents, accepted by the same transform with the same registry.
 */
export function learningActionTransform(context: FreezerContext): (doc: SourceDocument) => ReturnType<typeof transformDocument> {
  return (doc) => {
    const outcome = transformDocument(doc, context);
    if (outcome.kind === 'accepted') {
      const entry = actionCatalogEntry(doc);
      if (entry !== null) context.actionCatalog.add(entry);
    }
    return outcome;
  };
}
