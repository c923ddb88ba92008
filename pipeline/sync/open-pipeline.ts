import type { TargetSchema } from '../../schema/table-schema.ts';
import { openWritableDatabase, type OpenDatabase } from '../load/target-database.ts';
import type { RunEvent } from '../batch/run-events.ts';
import type { AnyMapping } from '../mapping/mapping.ts';
import type { DocumentSource, SourceDescription } from '../source/document-source.ts';
import { openSource } from '../source/open-source.ts';
import { isFileSourceSpec, type SourceSpec } from '../source/source-spec.ts';
import { openStateStore, type OpenStateStore } from '../state/open-state-store.ts';
import { pipelineId } from '../state/pipeline-id.ts';
import type { StateStore } from '../state/state-store.ts';
import type { SyncEventListener } from './sync-events.ts';
import { pinnedMapping, samePartitions } from '../mapping/pinned-mapping.ts';

/** A source, a target with its mapping's schema, and the state store, opened for sync or cutover. */
export interface OpenPipeline {
  /** The mapping the pipeline migrates with. */
  mapping: AnyMapping;
  source: DocumentSource;
  description: SourceDescription;
  target: OpenDatabase;
  schema: TargetSchema;
  /** e.g. `B@23c8ad2655a6`. */
  layout: string;
  store: StateStore;
  /** Same id as migrate's for this source index and target, so sync finds migrate's document map. */
  pipelineId: string;
  close(): Promise<void>;
}

/**
 * Opens what sync and cutover work on. The target must already hold the mapping's schema (migrate
 * created it); sync never creates or alters one. Whatever was opened is closed again on failure.
 */
export async function openPipeline(input: { mapping: AnyMapping; source: SourceSpec; target: string; stateDb?: string; writers: number; onEvent?: SyncEventListener }): Promise<OpenPipeline> {
  let source: DocumentSource | undefined;
  let target: OpenDatabase | undefined;
  let state: OpenStateStore | undefined;
  const close = async () => {
    await source?.close().catch(() => {});
    await state?.close().catch(() => {});
    await target?.close().catch(() => {});
  };
  try {
    let mapping = input.mapping;
    source = await openSource(input.source, mapping.partitioning);
    let description = await source.describe();
    target = openWritableDatabase(input.target, input.writers);
    // "the target already holds layout …" is news to migrate, not to every scheduled sync.
    const forward = (event: RunEvent) => {
      if (event.type === 'warning') input.onEvent?.(event);
    };
    const index = isFileSourceSpec(input.source) ? '' : (input.source.index ?? 'freezer');
    const id = pipelineId(description.display, index, target.location, mapping.name);
    if (mapping.derived !== undefined) {
      // The tables migrate created are those of the definition it stored: pin it before checking them.
      state = await openStateStore(input.stateDb, target);
      mapping = pinnedMapping(input.mapping, await state.store.storedDefinition(id), forward);
      if (!samePartitions(input.mapping, mapping)) {
        await source.close();
        source = await openSource(input.source, mapping.partitioning);
        description = await source.describe();
      }
    }
    const prepared = await mapping.target.prepare(target, { emit: forward, create: false });
    state ??= await openStateStore(input.stateDb, target);
    return {
      mapping,
      source,
      description,
      target,
      schema: prepared.schema,
      layout: prepared.label,
      store: state.store,
      pipelineId: id,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
