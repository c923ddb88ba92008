import type { RunEvent } from '../../pipeline/batch/run-events.ts';
import type { CliOutput } from '../output/cli-output.ts';
import type { Progress } from '../output/progress.ts';

/** Turns migrate's and validate's run events into progress and notes. */
export function runEventHandler(output: CliOutput, progress: Progress) {
  return (event: RunEvent): void => {
    switch (event.type) {
      case 'info':
        output.info(event.message);
        break;
      case 'warning':
        output.warn(event.message);
        break;
      case 'start':
        if (event.resumed) output.info(`resuming run ${event.runId} from its checkpoints`);
        // An empty partition (usually `unclassified`) gets no bar.
        for (const [entity, total] of Object.entries(event.totals)) if (total > 0) progress.begin(entity, total, event.done[entity] ?? 0);
        break;
      case 'batch':
        progress.advance(event.partition, event.read);
        break;
      case 'partition-done':
        progress.finish(event.partition);
        break;
    }
  };
}
