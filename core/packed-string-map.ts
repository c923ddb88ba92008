/** A {@link PackedStringMap}'s content as plain data, to rebuild it in another thread. */
export interface SharedPackedStringMap {
  width: number;
  count: number;
  keyBytes: Uint8Array;
  /** `count + 1` offsets into `keyBytes`: key i is bytes `starts[i]` to `starts[i + 1]`. */
  starts: Uint32Array;
  values: Uint8Array;
  /** Keys holding a character above U+00FF, with their entry index. */
  wide: [string, number][];
}

const EMPTY = 0;

function grown<T extends Uint8Array<ArrayBufferLike> | Uint32Array<ArrayBufferLike>>(array: T, needed: number, make: (length: number) => T): T {
  if (needed <= array.length) return array;
  const bigger = make(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A map from strings to values of `width` bytes, for large tables of ids that live through a whole
 * run (Freezer's action catalog: 150,000 actions at a million documents). A `Map` of strings holds
 * each key as its own heap string plus an entry and its share of the hash table, about 170 bytes
 * per entry with a short value; here the keys' characters sit in one byte buffer, the values in
 * another, and an open-addressing table of entry numbers finds them: about 60 bytes per entry,
 * outside the collector's way (typed arrays). Keys with characters above U+00FF (not one byte
 * each) go to a small `Map` beside it. Setting a key again replaces its value.
 */
export class PackedStringMap {
  readonly width: number;
  #count = 0;
  #keyBytes: Uint8Array<ArrayBufferLike> = new Uint8Array(1024);
  #starts: Uint32Array<ArrayBufferLike> = new Uint32Array(64);
  #values: Uint8Array<ArrayBufferLike>;
  /** Entry number + 1 per slot, 0 = empty; a power of two, at most half full. */
  #slots = new Uint32Array(64);
  readonly #wide = new Map<string, number>();

  constructor(width: number) {
    this.width = width;
    this.#values = new Uint8Array(64 * width);
  }

  get size(): number {
    return this.#count;
  }

  /** The entry number of `key`, or -1. */
  indexOf(key: string): number {
    if (!isOneByte(key)) return this.#wide.get(key) ?? -1;
    const mask = this.#slots.length - 1;
    for (let slot = hashOf(key) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#slots[slot]!;
      if (entry === EMPTY) return -1;
      if (this.#keyEquals(entry - 1, key)) return entry - 1;
    }
  }

  /** The value bytes of entry `index` (a view: copy it to keep it). */
  valueAt(index: number): Uint8Array {
    return this.#values.subarray(index * this.width, (index + 1) * this.width);
  }

  set(key: string, value: Uint8Array): void {
    if (value.length !== this.width) throw new RangeError(`value of ${value.length} bytes for a map of ${this.width}-byte values`);
    const existing = this.indexOf(key);
    if (existing >= 0) {
      this.#values.set(value, existing * this.width);
      return;
    }
    const index = this.#count;
    this.#values = grown(this.#values, (index + 1) * this.width, (n) => new Uint8Array(n));
    this.#values.set(value, index * this.width);
    this.#starts = grown(this.#starts, index + 2, (n) => new Uint32Array(n));
    const start = this.#starts[index]!;
    if (isOneByte(key)) {
      this.#keyBytes = grown(this.#keyBytes, start + key.length, (n) => new Uint8Array(n));
      for (let i = 0; i < key.length; i++) this.#keyBytes[start + i] = key.charCodeAt(i);
      this.#starts[index + 1] = start + key.length;
      this.#count++;
      if (this.#count * 2 > this.#slots.length) this.#rehash(this.#slots.length * 2);
      else this.#place(index, hashOf(key));
    } else {
      this.#starts[index + 1] = start;
      this.#count++;
      this.#wide.set(key, index);
    }
  }

  /** Gives back the spare capacity the buffers grew into (call once no more keys come). */
  trim(): void {
    this.#keyBytes = this.#keyBytes.slice(0, this.#starts[this.#count]);
    this.#starts = this.#starts.slice(0, this.#count + 1);
    this.#values = this.#values.slice(0, this.#count * this.width);
  }

  share(): SharedPackedStringMap {
    return {
      width: this.width,
      count: this.#count,
      keyBytes: this.#keyBytes.slice(0, this.#starts[this.#count]),
      starts: this.#starts.slice(0, this.#count + 1),
      values: this.#values.slice(0, this.#count * this.width),
      wide: [...this.#wide],
    };
  }

  static adopt(shared: SharedPackedStringMap): PackedStringMap {
    const map = new PackedStringMap(shared.width);
    map.#count = shared.count;
    map.#keyBytes = shared.keyBytes.length > 0 ? shared.keyBytes : new Uint8Array(1);
    map.#starts = shared.starts;
    map.#values = shared.values;
    for (const [key, index] of shared.wide) map.#wide.set(key, index);
    let slots = 64;
    while (slots < shared.count * 2) slots *= 2;
    map.#rehash(slots);
    return map;
  }

  #keyEquals(index: number, key: string): boolean {
    const start = this.#starts[index]!;
    if (this.#starts[index + 1]! - start !== key.length) return false;
    const bytes = this.#keyBytes;
    for (let i = 0; i < key.length; i++) if (bytes[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  /** {@link hashOf} of entry `index`'s key, from its bytes. */
  #hashAt(index: number): number {
    let h = 0x811c9dc5;
    const bytes = this.#keyBytes;
    for (let i = this.#starts[index]!, end = this.#starts[index + 1]!; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    return h >>> 0;
  }

  #place(index: number, hash: number): void {
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    while (this.#slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.#slots[slot] = index + 1;
  }

  #rehash(length: number): void {
    this.#slots = new Uint32Array(length);
    const wideIndexes = new Set(this.#wide.values());
    for (let index = 0; index < this.#count; index++) if (!wideIndexes.has(index)) this.#place(index, this.#hashAt(index));
  }
}

/** Every character fits one byte (U+0000–U+00FF). */
function isOneByte(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0xff) return false;
  return true;
}
