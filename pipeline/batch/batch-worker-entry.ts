/**
 * A batch worker thread's entry: imports the modules the run asked to load first
 * (BatchWorkerSetup.preload; the bin's points this thread's imports at its bundled dependencies,
 * as it did for the main thread), then the worker itself, whose own imports then resolve through
 * them. A worker's imports are static, so this step has to come before it.
 */
import { workerData } from 'node:worker_threads';
import type { BatchWorkerSetup } from './worker-messages.ts';

for (const url of (workerData as BatchWorkerSetup).preload ?? []) await import(url);
await import('./batch-worker.ts');
