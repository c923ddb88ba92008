/** Bits of the filter by default: 2^25 (4 MiB). With 2M keys (1M documents, each an `_id` and a SQL id) 1.8% of
 * absent keys test positive; a positive only costs the document-map lookup it would otherwise make. */
const BITS_LOG2 = 25;
const PROBES = 7;

/** A filter's size (2^bitsLog2 bits, at least 2^5) and how many bits each key sets. */
export interface FilterSize {
  bitsLog2: number;
  probes: number;
}

/**
 * A Bloom filter of strings: `mightHave` is false only for a key never added, so a negative answer
 * is exact and a positive one means "ask the database". Fixed size, so memory does not grow with
 * the run (a Set of a million ids would hold some 80 MB).
 */
export class SeenIds {
  readonly #bits: Uint32Array;
  readonly #mask: number;
  readonly #probes: number;
  #size = 0;

  constructor(size: FilterSize = { bitsLog2: BITS_LOG2, probes: PROBES }) {
    const bitsLog2 = Math.max(5, Math.min(31, Math.floor(size.bitsLog2)));
    this.#bits = new Uint32Array(2 ** (bitsLog2 - 5));
    this.#mask = bitsLog2 === 31 ? 0x7fffffff : (1 << bitsLog2) - 1;
    this.#probes = Math.max(1, Math.floor(size.probes));
  }

  /** Keys added so far (counting repeats). */
  get size(): number {
    return this.#size;
  }

  add(key: string): void {
    hash(key);
    let h1 = H1;
    const h2 = H2;
    for (let i = 0; i < this.#probes; i++) {
      const bit = h1 & this.#mask;
      this.#bits[bit >>> 5]! |= 1 << (bit & 31);
      h1 = (h1 + h2) | 0;
    }
    this.#size++;
  }

  mightHave(key: string): boolean {
    hash(key);
    let h1 = H1;
    const h2 = H2;
    for (let i = 0; i < this.#probes; i++) {
      const bit = h1 & this.#mask;
      if ((this.#bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
      h1 = (h1 + h2) | 0;
    }
    return true;
  }
}

let H1 = 0;
let H2 = 0;

/** Two independent 32-bit hashes of the UTF-16 code units (FNV-1a and a multiply-xorshift) into H1 and H2, for double hashing. */
function hash(key: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  H1 = a >>> 0;
  H2 = (b | 1) >>> 0;
}
