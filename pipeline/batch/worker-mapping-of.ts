import type { AnyMapping } from '../mapping/mapping.ts';
import type { BatchWorkerSetup } from './worker-messages.ts';

/** A mapping as batch workers receive it, or why they cannot. */
export type WorkerMapping =
  | { kind: 'portable'; mapping: BatchWorkerSetup['mapping']; context: unknown }
  | { kind: 'local'; reason: string };

/**
 * What a worker thread needs to rebuild `mapping` and its transform `context` (see
 * PortableMapping), checked to cross a thread boundary: a mapping without `portable`, or whose
 * shared context or data cannot be structured-cloned (functions, class instances with private
 * state), stays on the main thread, with the reason.
 */
export function workerMappingOf(mapping: AnyMapping, context: unknown): WorkerMapping {
  const portable = mapping.portable;
  if (portable === undefined) return { kind: 'local', reason: 'it does not say how a worker thread rebuilds it (no "portable")' };
  const plain = { module: portable.module, exportName: portable.exportName, ...(portable.data === undefined ? {} : { data: portable.data }) };
  let shared: unknown;
  try {
    shared = portable.shareContext(context);
    structuredClone({ plain, shared });
  } catch (error) {
    return { kind: 'local', reason: `its data or transform context cannot be sent to a worker thread: ${(error as Error).message.split('\n')[0]}` };
  }
  return { kind: 'portable', mapping: plain, context: shared };
}
