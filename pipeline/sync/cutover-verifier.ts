import type { SourceSpec } from '../source/source-spec.ts';

/** Options cutover hands to `verify` (pipeline/run/verify.ts). */
export interface VerifierOptions {
  source: SourceSpec;
  target: string;
  stateDb?: string;
  slices?: number;
  batchSize?: number;
  reportPath?: string;
  signal?: AbortSignal;
  onEvent?: (event: { type: string; message?: string }) => void;
}

/**
 * The part of verify's report cutover relies on: `clean`, and the difference lists and per-entity
 * figures it summarises when it refuses. Anything else is carried along untouched.
 */
export interface VerifierReport {
  clean: boolean;
  outcome?: string;
  missing?: Array<{ entity: string; docId: string; sqlId?: string }>;
  extra?: Array<{ entity: string; sqlId: string }>;
  different?: Array<{ entity: string; docId: string; sqlId?: string; fields?: string[] }>;
  entities?: Record<string, { missing?: number; extra?: number; different?: number; matched?: number }>;
  totals?: { missing?: number; extra?: number; different?: number; matched?: number };
  [key: string]: unknown;
}

/** `verify`'s result: the report always, `error` when verification itself could not finish. */
export interface VerifierResult {
  report: VerifierReport;
  error?: Error;
}

export type Verifier = (options: VerifierOptions) => Promise<VerifierResult>;

/**
 * es2sql's `verify`. Loaded at run time so this module does not fix the verify module's internals;
 * a missing or incompatible verify fails cutover with a one-line error instead of a crash.
 */
export async function defaultVerifier(): Promise<Verifier> {
  const modulePath = '../run/verify.ts';
  let loaded: { verify?: unknown };
  try {
    loaded = (await import(modulePath)) as { verify?: unknown };
  } catch (error) {
    throw new Error(`cutover needs es2sql verify, which could not be loaded (${(error as Error).message.split('\n')[0]})`, { cause: error });
  }
  if (typeof loaded.verify !== 'function') throw new Error('cutover needs es2sql verify, but pipeline/run/verify.ts exports no verify()');
  return loaded.verify as Verifier;
}
