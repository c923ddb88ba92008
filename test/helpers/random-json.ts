import type { SeededRandom } from '../../fixtures/corpus/seeded-random.ts';

/** The tokens a random JSON text is made of. */
export interface JsonWords {
  /** Number tokens JSON.parse would damage (`1.0`, 20 digits, exponents). */
  risky: readonly string[];
  /** Other number tokens. */
  plain: readonly string[];
  /** String contents, already escaped for JSON (look-alikes of numbers and separators welcome). */
  strings: readonly string[];
  /** Object keys, already escaped; repeats are welcome (JSON.parse keeps the last value). */
  keys: readonly string[];
}

/** A random JSON value as text, nested up to depth 4: numbers, strings, literals, arrays and objects, sometimes with spaces. */
export function randomJsonText(random: SeededRandom, depth: number, words: JsonWords): string {
  const roll = random.next();
  if (depth > 3 || roll < 0.45) {
    const kind = random.next();
    if (kind < 0.35) return random.pick(words.risky);
    if (kind < 0.6) return random.pick(words.plain);
    if (kind < 0.85) return `"${random.pick(words.strings)}"`;
    return random.pick(['true', 'false', 'null']);
  }
  const count = Math.floor(random.next() * 4);
  const space = random.next() < 0.2 ? ' ' : '';
  if (roll < 0.7) return `[${Array.from({ length: count }, () => `${space}${randomJsonText(random, depth + 1, words)}`).join(',')}]`;
  return `{${Array.from({ length: count }, () => `"${random.pick(words.keys)}":${space}${randomJsonText(random, depth + 1, words)}`).join(',')}}`;
}
