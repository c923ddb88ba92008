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

  /**
   * Adds the key `scope` + `\u0000` + `tag` + `id`, hashed from its parts (no key string is built),
   * and tells whether the filter might have held it before: {@link mightHave} and the add on one hash.
   */
  add(scope: string, tag: string, id: string): boolean {
    hashParts(scope, tag, id);
    let h1 = H1;
    const h2 = H2;
    let held = true;
    for (let i = 0; i < this.#probes; i++) {
      const bit = h1 & this.#mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.#bits[word]! & flag) === 0) {
        held = false;
        this.#bits[word]! |= flag;
      }
      h1 = (h1 + h2) | 0;
    }
    this.#size++;
    return held;
  }

  mightHave(scope: string, tag: string, id: string): boolean {
    hashParts(scope, tag, id);
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

let A = 0;
let B = 0;

function mix(text: string): void {
  let a = A;
  let b = B;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  A = a;
  B = b;
}

/**
 * Two independent 32-bit hashes (FNV-1a and a multiply-xorshift) of the UTF-16 code units of
 * `scope`, a NUL, `tag` and `id` into H1 and H2, for double hashing: the same hashes as of the
 * concatenated key, computed without building it (a key string per document was garbage).
 */
function hashParts(scope: string, tag: string, id: string): void {
  A = 0x811c9dc5;
  B = 0x9747b28c ^ (scope.length + 1 + tag.length + id.length);
  mix(scope);
  mix('\u0000');
  mix(tag);
  mix(id);
  const b = Math.imul(B ^ (B >>> 13), 0xc2b2ae35);
  H1 = A >>> 0;
  H2 = (b | 1) >>> 0;
}
