import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { databaseVersions } from './bench-database.ts';

/** The machine and software a benchmark ran on. */
export interface MachineFacts {
  date: string;
  cores: number;
  cpu: string;
  memoryGb: number;
  kernel: string;
  node: string;
  elasticsearch: string;
  databases: string[];
  elasticdump: string;
  /** 1-minute load average when the run started. */
  loadAtStart: number;
}

export async function machineFacts(elasticsearch: string): Promise<MachineFacts> {
  const require = createRequire(import.meta.url);
  const versions = await databaseVersions();
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? '?',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    kernel: `Linux ${release()}`,
    node: process.version,
    elasticsearch: `Elasticsearch ${elasticsearch}`,
    databases: Object.values(versions),
    elasticdump: (require('elasticdump/package.json') as { version: string }).version,
    loadAtStart: loadavg()[0]!,
  };
}

/** Samples the 1-minute load average every few seconds while the benchmark runs. */
export class LoadSampler {
  readonly #samples: number[] = [];
  readonly #timer: NodeJS.Timeout;

  constructor(intervalMs = 5000) {
    this.#samples.push(loadavg()[0]!);
    this.#timer = setInterval(() => this.#samples.push(loadavg()[0]!), intervalMs);
    this.#timer.unref();
  }

  /** Mean and maximum of the samples so far. */
  summary(): { mean: number; max: number } {
    const sum = this.#samples.reduce((a, b) => a + b, 0);
    return { mean: sum / this.#samples.length, max: Math.max(...this.#samples) };
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
