/**
 * A batch worker thread: reads slices from its own connection to the source, transforms and
 * encodes each page (encodedPages), and hands the encoded pages to the main thread, which only
 * commits them. One page per slice is sent at a time; the next is read and encoded while the main
 * thread commits it (the `ack` says it was taken). The run's mapping is rebuilt here from its
 * portable form (module URL, export, data) and its transform context from the shared plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AnyMapping } from '../mapping/mapping.ts';
import { rowEncoderFor } from '../load/row-encoder-for.ts';
import type { DocumentSource, SourcePartition, SourceStats } from '../source/document-source.ts';
import { openSource } from '../source/open-source.ts';
import { SourceError } from '../source/source-error.ts';
import { partitionTransform } from './partition-transform.ts';
import { encodedPages } from './encoded-pages.ts';
import type { CopiesAnswer, CopiesResolver } from './run-copies.ts';
import type { BatchWorkerSetup, FromWorker, ToWorker, WorkerError } from './worker-messages.ts';

const port = parentPort!;
const setup = workerData as BatchWorkerSetup;
const target = rowEncoderFor(setup.targetDialect);
const state = rowEncoderFor(setup.stateDialect);

/** The run's mapping and its transform context, rebuilt once per worker. */
async function rebuildMapping(): Promise<{ mapping: AnyMapping; context: unknown }> {
  const { module, exportName, data } = setup.mapping;
  const exported = ((await import(module)) as Record<string, unknown>)[exportName];
  if (exported === undefined) throw new Error(`the mapping module ${module} has no export ${exportName}`);
  const mapping = (typeof exported === 'function' ? await (exported as (data: unknown) => unknown)(data) : exported) as AnyMapping;
  if (mapping.portable === undefined) throw new Error(`the mapping rebuilt from ${module} (${exportName}) says nothing of how to share its context with a worker`);
  return { mapping, context: mapping.portable.adoptContext(setup.context) };
}

let rebuilt: Promise<{ mapping: AnyMapping; context: unknown }> | undefined;
const mapped = () => (rebuilt ??= rebuildMapping());
let opened: Promise<DocumentSource> | undefined;
// Every slice this worker reads, partition after partition, shares what the source keeps open for
// reads (one point in time per index) until the pool closes the worker.
const source = async () =>
  (opened ??= mapped()
    .then(({ mapping }) => openSource(setup.source, mapping.partitioning, setup.sourceState))
    .then((open) => {
      open.holdReadContexts?.();
      return open;
    }));
const ZERO: SourceStats = { requests: 0, retries: 0, contextReopens: 0, incompletePages: 0 };
let reported: SourceStats = ZERO;

/** The source's counters since the last report (all jobs of this worker share the source). */
async function statsDelta(): Promise<SourceStats> {
  if (opened === undefined) return ZERO;
  const now = (await opened.catch(() => undefined))?.stats() ?? reported;
  const delta = { requests: now.requests - reported.requests, retries: now.retries - reported.retries, contextReopens: now.contextReopens - reported.contextReopens, incompletePages: now.incompletePages - reported.incompletePages };
  reported = now;
  return delta;
}

interface Job {
  stop: AbortController;
  acked: () => void;
  /** Settles the job's open `resolve` question (one at a time: a slice's pages are encoded in order). */
  resolved: (answer: CopiesAnswer | Error) => void;
}
const running = new Map<number, Job>();

function toWorkerError(error: unknown): WorkerError {
  if (error instanceof SourceError) return { name: error.name, message: error.message, problem: error.problem, hint: error.hint, transient: error.transient };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

const send = (message: FromWorker) => port.postMessage(message);

async function run(id: number, read: Extract<ToWorker, { type: 'start' }>['read']): Promise<void> {
  const stop = new AbortController();
  let waiting: (() => void) | undefined;
  let answering: ((answer: CopiesAnswer | Error) => void) | undefined;
  const job: Job = { stop, acked: () => waiting?.(), resolved: (answer) => answering?.(answer) };
  running.set(id, job);
  // The check against copies committed earlier in the run: a round trip to the main thread.
  const copies: CopiesResolver = (partition, docs) =>
    new Promise<CopiesAnswer>((resolve, reject) => {
      if (stop.signal.aborted) return reject(stop.signal.reason);
      stop.signal.addEventListener('abort', () => reject(stop.signal.reason), { once: true });
      answering = (answer) => (answer instanceof Error ? reject(answer) : resolve(answer));
      send({ type: 'resolve', id, partition, docs });
    });
  try {
    const { mapping, context } = await mapped();
    const encoding = {
      partition: read.partition,
      pipelineId: setup.pipelineId,
      runId: setup.runId,
      schema: setup.schema,
      transform: partitionTransform(mapping, read.partition as SourcePartition, context),
      tableOrder: mapping.target.tableOrder,
      target,
      state,
      duplicates: setup.duplicates,
    };
    for await (const page of encodedPages(await source(), { ...read, signal: stop.signal }, encoding, setup.duplicates ? copies : undefined)) {
      const taken = new Promise<void>((resolve) => {
        waiting = resolve;
        stop.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      send({ type: 'page', id, page, stats: await statsDelta() });
      await taken;
      if (stop.signal.aborted) break;
    }
    send({ type: 'end', id, stats: await statsDelta() });
  } catch (error) {
    if (stop.signal.aborted) send({ type: 'end', id, stats: await statsDelta() });
    else send({ type: 'error', id, error: toWorkerError(error), stats: await statsDelta() });
  } finally {
    running.delete(id);
  }
}

/** Closes the source, which releases its hold (the point in time is deleted, not left to expire). */
async function close(): Promise<void> {
  for (const job of running.values()) job.stop.abort(new Error('the pool is closing'));
  const open = await opened?.catch(() => undefined);
  await open?.close().catch(() => undefined);
  send({ type: 'closed' });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'close') void close();
  else if (message.type === 'start') void run(message.id, message.read);
  else if (message.type === 'ack') running.get(message.id)?.acked();
  else if (message.type === 'resolved') running.get(message.id)?.resolved('answer' in message ? message.answer : Object.assign(new Error(message.error.message), { name: message.error.name }));
  else running.get(message.id)?.stop.abort(new Error('stopped by the main thread'));
});
