import { Worker } from 'node:worker_threads';
import type { SourceStats } from '../source/document-source.ts';
import { SourceError } from '../source/source-error.ts';
import type { EncodedPage, SliceRead } from './encoded-pages.ts';
import type { CopiesResolver } from './run-copies.ts';
import type { BatchWorkerSetup, FromWorker, ToWorker, WorkerError } from './worker-messages.ts';

/** The worker's entry beside this one: `.ts` when es2sql runs from its sources, `.js` when built. */
const WORKER_URL = new URL(`./batch-worker-entry${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/**
 * A worker's young generation: a page's documents, outcomes and rows (a few MB) are garbage once it
 * is encoded, and with room for them they die there instead of being copied into the old generation.
 */
const YOUNG_GENERATION_MB = 24;

function rebuildError(error: WorkerError): Error {
  const rebuilt = error.problem !== undefined ? new SourceError(error.problem, error.hint ?? '', { transient: error.transient ?? false }) : new Error(error.message);
  rebuilt.name = error.name;
  rebuilt.message = error.message;
  return rebuilt;
}

/** What a slice's reader sees: the worker's messages about the job (its `resolve` questions are answered apart), or a crash. */
type JobMessage = Exclude<FromWorker, { type: 'resolve' } | { type: 'closed' }> | { type: 'crash'; error: Error };

/** How long {@link BatchWorkerPool.close} waits for a worker to close its source before ending the thread anyway. */
const CLOSE_WAIT_MS = 5000;

interface WorkerEntry {
  worker: Worker;
  running: number;
  boxes: Map<number, Mailbox>;
  /** Settles once the worker answered `close` or exited. */
  closed: Promise<void>;
}

interface Mailbox {
  push(message: JobMessage): void;
}

/**
 * Worker threads that read, transform and encode slices ({@link pages}), so the main thread only
 * commits. Slices go to the worker with the fewest running; every worker opens its own connection
 * to the source. A worker's `resolve` questions (the duplicate rule against copies the run committed
 * earlier) are answered at once with `copies`, the resolver migrate gives the pool, while the
 * slice's earlier page may still be committing. {@link close} ends the threads.
 */
export class BatchWorkerPool {
  readonly size: number;
  readonly #workers: WorkerEntry[];
  readonly #counters: SourceStats = { requests: 0, retries: 0, contextReopens: 0, incompletePages: 0 };
  #nextId = 1;

  constructor(size: number, setup: BatchWorkerSetup, copies?: CopiesResolver) {
    this.size = size;
    const { source } = setup;
    // Callbacks cannot cross threads; the worker's retries come back in its stats.
    const plain = 'onRetry' in source ? { ...source, onRetry: undefined } : source;
    this.#workers = Array.from({ length: size }, () => {
      const worker = new Worker(WORKER_URL, { workerData: { ...setup, source: plain }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      let closed = () => {};
      const entry: WorkerEntry = { worker, running: 0, boxes: new Map<number, Mailbox>(), closed: new Promise<void>((resolve) => (closed = resolve)) };
      worker.once('exit', () => closed());
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'closed') return closed();
        if (message.type !== 'resolve') return entry.boxes.get(message.id)?.push(message);
        const answer = (reply: ToWorker) => worker.postMessage(reply);
        if (copies === undefined) return answer({ type: 'resolved', id: message.id, error: { name: 'Error', message: 'this pool has no duplicate resolver' } });
        Promise.resolve()
          .then(() => copies(message.partition, message.docs))
          .then(
            (result) => answer({ type: 'resolved', id: message.id, answer: result }),
            (error: unknown) => {
              answer({ type: 'resolved', id: message.id, error: { name: 'Error', message: error instanceof Error ? error.message : String(error) } });
              entry.boxes.get(message.id)?.push({ type: 'crash', error: error instanceof Error ? error : new Error(String(error)) });
            },
          );
      });
      const crash = (error: Error) => {
        for (const box of entry.boxes.values()) box.push({ type: 'crash', error });
      };
      worker.on('error', crash);
      worker.on('exit', (code) => crash(new Error(`a batch worker thread exited (code ${code}) while it had slices to read`)));
      return entry;
    });
  }

  /** Source counters of all workers so far. */
  stats(): SourceStats {
    return { ...this.#counters };
  }

  /** The encoded pages of one slice, read by a worker; same contract as encodedPages. */
  async *pages(read: SliceRead): AsyncGenerator<EncodedPage> {
    const entry = this.#workers.reduce((a, b) => (b.running < a.running ? b : a));
    const id = this.#nextId++;
    const queue: JobMessage[] = [];
    let wake: (() => void) | undefined;
    entry.boxes.set(id, {
      push: (message) => {
        queue.push(message);
        wake?.();
      },
    });
    const post = (message: ToWorker) => entry.worker.postMessage(message);
    const next = async () => {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      return queue.shift()!;
    };
    const { signal, ...plainRead } = read;
    const onAbort = () => post({ type: 'stop', id });
    signal?.addEventListener('abort', onAbort, { once: true });
    entry.running++;
    let ended = false;
    try {
      post({ type: 'start', id, read: plainRead });
      for (;;) {
        const message = await next();
        if (message.type === 'crash') {
          ended = true;
          throw message.error;
        }
        this.#add(message.stats);
        if (message.type === 'end') {
          ended = true;
          signal?.throwIfAborted();
          return;
        }
        if (message.type === 'error') {
          ended = true;
          throw rebuildError(message.error);
        }
        yield message.page;
        post({ type: 'ack', id });
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (!ended) {
        // Stopped early by the consumer: let the worker close the slice's scroll or PIT first.
        post({ type: 'stop', id });
        for (let message = await next(); message.type === 'page'; message = await next()) this.#add(message.stats);
      }
      entry.boxes.delete(id);
      entry.running--;
    }
  }

  /** Ends the threads, each after it closed its source (a point in time its reads held is deleted), or after {@link CLOSE_WAIT_MS}. */
  async close(): Promise<void> {
    await Promise.all(
      this.#workers.map(async (entry) => {
        entry.worker.postMessage({ type: 'close' } satisfies ToWorker);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([entry.closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
        clearTimeout(timer);
        await entry.worker.terminate();
      }),
    );
  }

  #add(stats: SourceStats): void {
    this.#counters.requests += stats.requests;
    this.#counters.retries += stats.retries;
    this.#counters.contextReopens += stats.contextReopens;
    this.#counters.incompletePages += stats.incompletePages;
  }
}
