import type { SyncEvent } from '../../pipeline/sync/sync-events.ts';
import type { CliOutput } from '../output/cli-output.ts';
import type { Progress } from '../output/progress.ts';

/** Turns sync's and cutover's events into progress (changes applied per entity) and notes. */
export function syncEventHandler(output: CliOutput, progress: Progress) {
  return (event: SyncEvent): void => {
    switch (event.type) {
      case 'info':
        output.info(event.message);
        break;
      case 'warning':
        output.warn(event.message);
        break;
      case 'lock-wait':
        output.info(`waiting for the sync lock held by ${event.holder} since ${event.since}`);
        break;
      case 'lock-takeover':
        output.warn(`took over the sync lock of ${event.previousHolder}: no heartbeat since ${event.lastHeartbeat}`);
        break;
      case 'sweep-done':
        if (!event.complete) output.warn(`sweep of ${event.partition} stopped after ${event.swept} documents (${event.error ?? 'unknown error'}); deletes are not applied in this run`);
        else output.debug(`swept ${event.partition}: ${event.swept} documents, ${event.staged} staged for the diff${event.fullPass ? ' (every id)' : ''}`);
        break;
      case 'full-pass':
        output.debug(`sweeping ${event.partition} again with every id staged (${event.reason})`);
        break;
      case 'found':
        for (const [entity, found] of Object.entries(event.partitions)) {
          const total = found.new + found.changed + found.deleted;
          if (total > 0) progress.begin(entity, total);
        }
        break;
      case 'applied':
        progress.advance(event.partition, event.documents);
        break;
      case 'run-done':
        break;
    }
  };
}
