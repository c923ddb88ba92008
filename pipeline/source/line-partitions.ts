import type { SourcePartition } from './source-partition.ts';

/** {@link LinePartitions} as plain data. */
export interface PlainLinePartitions {
  starts: Float64Array;
  codes: Uint16Array;
  partitions: SourcePartition[];
}

/**
 * The partition of every document line of a file, by the line's start offset, as one pass that
 * parsed them all found it: a later pass over one partition passes the other lines over without
 * decoding or parsing them, whether the dump names each line's `_type` or not (a typeless dump's
 * lines are classified by their content, which took a parse per line and per partition). Ten bytes
 * per line: 10 MB for a dump of a million documents.
 */
export class LinePartitions {
  #starts: Float64Array<ArrayBufferLike> = new Float64Array(1024);
  #codes: Uint16Array<ArrayBufferLike> = new Uint16Array(1024);
  #length = 0;
  readonly #partitions: SourcePartition[] = [];
  readonly #codeOf = new Map<SourcePartition, number>();

  /** Records the line starting at `start` (after every line before it). */
  add(start: number, partition: SourcePartition): void {
    if (this.#length > 0 && start <= this.#starts[this.#length - 1]!) throw new Error(`line offsets must grow: ${start} after ${this.#starts[this.#length - 1]}`);
    let code = this.#codeOf.get(partition);
    if (code === undefined) {
      code = this.#partitions.length;
      if (code > 0xffff) throw new Error('more than 65,536 partitions in one file');
      this.#partitions.push(partition);
      this.#codeOf.set(partition, code);
    }
    if (this.#length === this.#starts.length) {
      const starts = new Float64Array(Math.max(1024, this.#length * 2));
      starts.set(this.#starts);
      this.#starts = starts;
      const codes = new Uint16Array(Math.max(1024, this.#length * 2));
      codes.set(this.#codes);
      this.#codes = codes;
    }
    this.#starts[this.#length] = start;
    this.#codes[this.#length] = code;
    this.#length++;
  }

  get size(): number {
    return this.#length;
  }

  /** The index as plain data (typed arrays, names), which crosses to a worker thread as it is. */
  toPlain(): PlainLinePartitions {
    return { starts: this.#starts.slice(0, this.#length), codes: this.#codes.slice(0, this.#length), partitions: [...this.#partitions] };
  }

  /** The index {@link toPlain} gave, or undefined when `plain` is not one. */
  static fromPlain(plain: unknown): LinePartitions | undefined {
    const candidate = plain as Partial<PlainLinePartitions> | null;
    if (typeof candidate !== 'object' || candidate === null) return undefined;
    const { starts, codes, partitions } = candidate;
    if (!(starts instanceof Float64Array) || !(codes instanceof Uint16Array) || !Array.isArray(partitions) || starts.length !== codes.length) return undefined;
    if (!partitions.every((name) => typeof name === 'string') || codes.some((code) => code >= partitions.length)) return undefined;
    const index = new LinePartitions();
    index.#starts = starts;
    index.#codes = codes;
    index.#length = starts.length;
    for (const name of partitions) {
      index.#codeOf.set(name, index.#partitions.length);
      index.#partitions.push(name);
    }
    return index;
  }

  /**
   * A reader of the partitions of the lines from byte `from` on, asked in file order:
   * `partitionAt(start)` is the partition of the line starting there, undefined where no document
   * line starts (a blank line).
   */
  from(from: number): { partitionAt(start: number): SourcePartition | undefined } {
    const starts = this.#starts;
    const codes = this.#codes;
    const partitions = this.#partitions;
    const length = this.#length;
    // The first recorded line at or after `from`.
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (starts[middle]! < from) low = middle + 1;
      else high = middle;
    }
    let next = low;
    return {
      partitionAt(start: number): SourcePartition | undefined {
        while (next < length && starts[next]! < start) next++;
        return next < length && starts[next] === start ? partitions[codes[next]!] : undefined;
      },
    };
  }
}
