import type { Dialect } from '../../schema/dialect.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import type { PortableMapping } from '../mapping/mapping.ts';
import type { SourceStats } from '../source/document-source.ts';
import type { SourceSpec } from '../source/source-spec.ts';
import type { CopyQuery } from './earlier-copies.ts';
import type { EncodedPage, SliceRead } from './encoded-pages.ts';
import type { CopiesAnswer } from './run-copies.ts';

/**
 * What every batch worker of a run is started with (`workerData`, cloned once per worker): how to
 * open the source, and everything a transform and an encoder need besides the documents.
 */
export interface BatchWorkerSetup {
  /** The source as the run opened it, without callbacks. */
  source: SourceSpec;
  pipelineId: string;
  runId: string;
  schema: TargetSchema;
  targetDialect: Dialect;
  stateDialect: Dialect;
  /** How the worker rebuilds the run's mapping (its {@link PortableMapping} without the functions). */
  mapping: Pick<PortableMapping, 'module' | 'exportName' | 'data'>;
  /** The mapping's transform context as `shareContext` made it plain; `adoptContext` rebuilds it. */
  context: unknown;
  /**
   * Apply the duplicate rule (migrate): within each page in the worker, and against copies the run
   * committed earlier by asking the main thread (`resolve` → `resolved`) before encoding a page.
   */
  duplicates: boolean;
  /** What the main thread's source shares with the worker's copy (DocumentSource.shareState). */
  sourceState?: unknown;
  /** Module URLs the worker imports before its own modules (MigrateOptions.workerPreload). */
  preload?: readonly string[];
}

/** An error as it crosses the thread boundary: a SourceError keeps its problem, hint and transience. */
export interface WorkerError {
  name: string;
  message: string;
  problem?: string;
  hint?: string;
  transient?: boolean;
}

/** Main thread → worker. */
export type ToWorker =
  | { type: 'start'; id: number; read: Omit<SliceRead, 'signal'> }
  /** The consumer took the last page: the worker may send the next. */
  | { type: 'ack'; id: number }
  | { type: 'stop'; id: number }
  /** The answer to the job's `resolve`: the decision, or why the check failed. */
  | { type: 'resolved'; id: number; answer: CopiesAnswer }
  | { type: 'resolved'; id: number; error: WorkerError }
  /** The run is over: close the source (and what its reads held open), then say `closed`. */
  | { type: 'close' };

/** Worker → main thread. `stats` are the source's counters since the last message of the job. */
export type FromWorker =
  | { type: 'page'; id: number; page: EncodedPage; stats: SourceStats }
  /** Which of the next page's documents lose to copies the run committed earlier? (main thread decides) */
  | { type: 'resolve'; id: number; partition: string; docs: CopyQuery[] }
  | { type: 'end'; id: number; stats: SourceStats }
  | { type: 'error'; id: number; error: WorkerError; stats: SourceStats }
  /** The worker closed its source (the answer to `close`). */
  | { type: 'closed' };
