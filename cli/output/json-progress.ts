import type { CliOutput } from './cli-output.ts';
import { EntityRates } from './entity-rates.ts';
import type { Progress } from './progress.ts';

/**
 * Progress off a terminal: every `intervalMs`, one JSON line per entity in progress, e.g.
 * `{"event":"progress","entity":"backups","read":1200,"total":5000,"docsPerSecond":812.4,"etaSeconds":5,"finished":false}`,
 * and a last line for each entity when it finishes. Made for log collectors and `jq`.
 */
export class JsonProgress implements Progress {
  readonly #output: CliOutput;
  readonly #rates = new EntityRates();
  readonly #timer: NodeJS.Timeout;
  readonly #dirty = new Set<string>();

  constructor(output: CliOutput, intervalMs: number) {
    this.#output = output;
    this.#timer = setInterval(() => this.#tick(), intervalMs);
    this.#timer.unref();
  }

  begin(entity: string, total: number, done = 0): void {
    this.#rates.begin(entity, total, done);
  }

  advance(entity: string, docs: number): void {
    this.#rates.advance(entity, docs);
    this.#dirty.add(entity);
  }

  finish(entity: string): void {
    if (!this.#rates.has(entity)) return;
    this.#rates.finish(entity);
    this.#dirty.delete(entity);
    this.#write(entity);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#tick();
  }

  #tick(): void {
    for (const entity of this.#dirty) this.#write(entity);
    this.#dirty.clear();
  }

  #write(entity: string): void {
    const { read, total, docsPerSecond, etaSeconds, finished } = this.#rates.snapshot(entity);
    this.#output.diagnostic(JSON.stringify({ event: 'progress', entity, read, total, docsPerSecond, etaSeconds, finished }));
  }
}
