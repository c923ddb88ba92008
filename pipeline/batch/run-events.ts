import type { BatchReport } from './slice-loader.ts';

/** What a run tells its caller while it works (the CLI turns these into progress and messages). */
export type RunEvent =
  | { type: 'info'; message: string }
  | { type: 'warning'; message: string }
  | { type: 'start'; runId: string; resumed: boolean; totals: Record<string, number>; done: Record<string, number> }
  | ({ type: 'batch' } & BatchReport)
  | { type: 'partition-done'; partition: string };

export type RunEventListener = (event: RunEvent) => void;
