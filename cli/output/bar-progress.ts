import cliProgress from 'cli-progress';
import type { TextSink } from '../cli-io.ts';
import type { CliOutput } from './cli-output.ts';
import { EntityRates } from './entity-rates.ts';
import { formatSeconds } from './format-seconds.ts';
import type { Progress } from './progress.ts';

/**
 * The terminal cli-progress draws on: stderr behind the redactor. Bars carry entity names and
 * numbers only, so chunk-by-chunk redaction (cursor movements are not lines) is enough.
 */
function terminalOf(output: CliOutput): NodeJS.WritableStream {
  const sink: TextSink = output.stderr;
  return {
    isTTY: true,
    columns: sink.columns ?? 100,
    write: (chunk: string) => {
      sink.write(output.redactor.redact(chunk));
      return true;
    },
  } as unknown as NodeJS.WritableStream;
}

/**
 * Progress on a terminal: one live bar per entity (cli-progress MultiBar) with count, percentage,
 * docs/s and ETA; notes and warnings are printed above the bars while they are drawn.
 */
export class BarProgress implements Progress {
  readonly #output: CliOutput;
  readonly #rates = new EntityRates();
  readonly #bars = new Map<string, cliProgress.SingleBar>();
  readonly #multibar: cliProgress.MultiBar;
  readonly #width: number;
  readonly #timer: NodeJS.Timeout;

  constructor(output: CliOutput) {
    this.#output = output;
    this.#multibar = new cliProgress.MultiBar(
      {
        stream: terminalOf(output),
        format: '{entity} {bar} {percentage}% | {value}/{total} docs | {speed} docs/s | ETA {eta_text}',
        barCompleteChar: '█',
        barIncompleteChar: '░',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: false,
        autopadding: true,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    this.#width = 12;
    output.divert((line) => this.#multibar.log(`${line}\n`));
    // Rates change even when no batch arrives (a slow source): refresh the payloads regularly.
    this.#timer = setInterval(() => this.#refreshAll(), 500);
    this.#timer.unref();
  }

  begin(entity: string, total: number, done = 0): void {
    this.#rates.begin(entity, total, done);
    if (this.#bars.has(entity)) return;
    this.#bars.set(entity, this.#multibar.create(Math.max(total, done), done, this.#payload(entity)));
  }

  advance(entity: string, docs: number): void {
    if (!this.#bars.has(entity)) this.begin(entity, 0);
    this.#rates.advance(entity, docs);
    this.#refresh(entity);
  }

  finish(entity: string): void {
    if (!this.#bars.has(entity)) return;
    this.#rates.finish(entity);
    this.#refresh(entity);
  }

  stop(): void {
    clearInterval(this.#timer);
    for (const entity of this.#bars.keys()) this.#refresh(entity);
    // Lines logged since the last frame are only written by a redraw.
    this.#multibar.update();
    this.#multibar.stop();
    this.#output.divert(undefined);
  }

  #refreshAll(): void {
    for (const entity of this.#bars.keys()) this.#refresh(entity);
  }

  #refresh(entity: string): void {
    const bar = this.#bars.get(entity)!;
    const snapshot = this.#rates.snapshot(entity);
    bar.setTotal(Math.max(snapshot.total, snapshot.read));
    bar.update(snapshot.read, this.#payload(entity));
  }

  #payload(entity: string): Record<string, string> {
    const snapshot = this.#rates.snapshot(entity);
    const eta = snapshot.finished ? 'done' : snapshot.etaSeconds === null ? '—' : formatSeconds(snapshot.etaSeconds);
    return { entity: entity.padEnd(this.#width), speed: snapshot.docsPerSecond.toFixed(0), eta_text: eta };
  }
}
