import { JsonNumber, type JsonValue } from './json-value.ts';

/** One container on the way from the value's root to the current token. */
interface Frame {
  /** Unique per container, so a patch knows which containers it passes through. */
  id: number;
  array: boolean;
  /**
   * Array: index of the current element. Object: the current key (undefined before the first), as
   * text once a patch needed it, else {@link KEY_IN_TEXT} (its characters are `keyFrom`…`keyTo`).
   */
  at: number | string | typeof KEY_IN_TEXT | undefined;
  /** Object: the next string is a key. */
  expectKey: boolean;
  /** Object: where the current key's quoted text starts and ends. */
  keyFrom: number;
  keyTo: number;
  /** Object: a patch passes through this container, so a repeated key must be looked for. */
  patched: boolean;
}

/** `Frame.at` of an object whose current key has not been read out of the text yet. */
const KEY_IN_TEXT: unique symbol = Symbol('key in text');

/** A number token to restore: where it sits (container ids and keys from the root) and its text. */
interface Patch {
  steps: { id: number; at: number | string }[];
  token: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isNumberStart(c: number): boolean {
  return c === 0x2d || (c >= 0x30 && c <= 0x39);
}

function isNumberPart(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x2b || c === 0x65 || c === 0x45;
}

function hasBackslash(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === BACKSLASH) return true;
  return false;
}

/** The current key of an object frame as a string (decoded when it holds escapes). */
function keyText(text: string, frame: Frame): string {
  const raw = text.slice(frame.keyFrom + 1, frame.keyTo - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(frame.keyFrom, frame.keyTo)) as string) : raw;
}

/** The path of a patch: every container on the stack with its current index or key, each marked as patched. */
function stepsTo(text: string, stack: Frame[]): { id: number; at: number | string }[] {
  const steps: { id: number; at: number | string }[] = [];
  for (const frame of stack) {
    if (frame.at === KEY_IN_TEXT) frame.at = keyText(text, frame);
    frame.patched = true;
    steps.push({ id: frame.id, at: frame.at as number | string });
  }
  return steps;
}

/** `text[from, to)` is one `:`, `,` or `[` followed by whitespace only (JSON's four kinds). */
function isSeparatorBefore(text: string, from: number, to: number): boolean {
  const c = text.charCodeAt(from);
  if (c !== 0x3a && c !== 0x2c && c !== 0x5b) return false;
  for (let k = from + 1; k < to; k++) {
    const w = text.charCodeAt(k);
    if (w !== 0x20 && w !== 0x09 && w !== 0x0a && w !== 0x0d) return false;
  }
  return true;
}

/**
 * Whether the number token `text[start, end)` certainly prints as itself (`String(Number(token))`),
 * decided from its characters: an optional `-`, an integer part without a leading zero (or `0`), an
 * optional fraction that does not end in `0`, at most 15 significant digits, no exponent, and a
 * magnitude from 1e-6 (below it `String` writes an exponent). Fifteen significant digits always
 * survive the trip through a double, and no shorter decimal maps to the same double, so the
 * shortest text that `String` writes is the token's own. `-0` prints as `0`, so it is not. False
 * means "not certain": the caller converts the token to find out (the number-to-text conversion
 * was the largest part of this scan).
 */
function printsAsItself(text: string, start: number, end: number): boolean {
  let k = start;
  if (text.charCodeAt(k) === 0x2d) k++;
  const integerStart = k;
  while (k < end && isDigit(text.charCodeAt(k))) k++;
  const integerDigits = k - integerStart;
  if (integerDigits === 0 || (integerDigits > 1 && text.charCodeAt(integerStart) === 0x30)) return false;
  const zeroInteger = integerDigits === 1 && text.charCodeAt(integerStart) === 0x30;
  // An integer: `0` prints as itself, `-0` does not.
  if (k === end) return zeroInteger ? start === integerStart : integerDigits <= 15;
  if (text.charCodeAt(k) !== 0x2e) return false;
  k++;
  const fractionStart = k;
  while (k < end && isDigit(text.charCodeAt(k))) k++;
  if (k !== end || k === fractionStart || text.charCodeAt(end - 1) === 0x30) return false;
  if (!zeroInteger) return integerDigits + (end - fractionStart) <= 15;
  // 0.xxx: leading zeros of the fraction are not significant, and at most five keep `String` off an exponent.
  let zeros = 0;
  while (text.charCodeAt(fractionStart + zeros) === 0x30) zeros++;
  return zeros <= 5 && end - fractionStart - zeros <= 15;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * The end (after the closing quote) of the string starting at the quote at `start`: the next quote
 * not escaped by an odd run of backslashes, found with `indexOf` (strings are most of a document's
 * text, and a character-by-character walk over them was most of this scan's time).
 */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) throw new SyntaxError('unterminated string');
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/**
 * Restores the exact text of the number tokens at `tokens` (offsets into `text`, ascending, of the
 * `:`, `,` or `[` before each; `'all'`: every number token of the text) in `value`, which
 * `JSON.parse(text.slice(from, to))` produced: each token whose double would not serialise back to
 * its text (a 20-digit id, `1.0`) becomes a {@link JsonNumber}, as parseJson's reviver would make
 * it. Offsets that fall inside a string (look-alikes) are ignored.
 *
 * Where the reviver re-parses the whole text through a slow path, this scans the text once with a
 * small tokenizer that only tracks where it is (container, key or index) and patches the few values
 * in place. Returns false when it cannot be sure of the result (a key named `__proto__` on the way,
 * a path that does not lead to a number); the caller then parses the text the exact way.
 * A key repeated in one object keeps only the last occurrence, as `JSON.parse` does: patches under
 * an earlier occurrence are dropped.
 */
export function restoreExactNumbers(value: JsonValue, text: string, from: number, to: number, tokens: readonly number[] | 'all'): boolean {
  const all = tokens === 'all';
  const offsets = all ? [] : tokens;
  const patches: Patch[] = [];
  const stack: Frame[] = [];
  let nextId = 0;
  let next = 0; // index into tokens
  let i = from;
  // Past the last token the scan goes on while a patch is pending: a later repeat of a key on its path would replace it.
  while (i < to && (all || next < offsets.length || patches.length > 0)) {
    const c = text.charCodeAt(i);
    const frame = stack.length > 0 ? stack[stack.length - 1]! : undefined;
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (frame !== undefined && !frame.array && frame.expectKey) {
        // Keys are read out of the text only when a patch needs them (most keys never are).
        if (hasBackslash(text, i + 1, end - 1) ? (JSON.parse(text.slice(i, end)) as string) === '__proto__' : end - i === 11 && text.startsWith('__proto__', i + 1)) return false;
        frame.keyFrom = i;
        frame.keyTo = end;
        frame.at = KEY_IN_TEXT;
        if (frame.patched) {
          // A repeated key: JSON.parse keeps the last value, so patches under the earlier one go.
          const key = keyText(text, frame);
          for (let p = patches.length - 1; p >= 0; p--) if (patches[p]!.steps.some((s) => s.id === frame.id && s.at === key)) patches.splice(p, 1);
          frame.at = key;
        }
        frame.expectKey = false;
      }
      while (next < offsets.length && offsets[next]! < end) next++;
      i = end;
      continue;
    }
    if (isNumberStart(c)) {
      let end = i + 1;
      while (end < to && isNumberPart(text.charCodeAt(end))) end++;
      // Every number of the text (inside a container, JSON puts a `:`, `,` or `[` before each), or
      // those at the given offsets, which point at the `:`, `,` or `[` before the number (and its spaces).
      let listed = all;
      while (next < offsets.length && offsets[next]! < i) {
        if (isSeparatorBefore(text, offsets[next]!, i)) listed = true;
        next++;
      }
      if (listed && frame !== undefined && frame.at !== undefined && !printsAsItself(text, i, end)) {
        const token = text.slice(i, end);
        // A token whose double prints as its text stays a number (JSON.parse made that double): nothing to patch.
        if (String(Number(token)) !== token) patches.push({ steps: stepsTo(text, stack), token });
      }
      i = end;
      continue;
    }
    switch (c) {
      case 0x7b: // {
        if (frame !== undefined && frame.at === undefined) return false;
        stack.push({ id: nextId++, array: false, at: undefined, expectKey: true, keyFrom: 0, keyTo: 0, patched: false });
        break;
      case 0x5b: // [
        if (frame !== undefined && frame.at === undefined) return false;
        stack.push({ id: nextId++, array: true, at: 0, expectKey: false, keyFrom: 0, keyTo: 0, patched: false });
        break;
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        break;
      case 0x2c: // ,
        if (frame !== undefined) {
          if (frame.array) frame.at = (frame.at as number) + 1;
          else frame.expectKey = true;
        }
        break;
      default:
        break;
    }
    i++;
  }
  // Offsets never reached by a number token were look-alikes inside strings.
  for (const patch of patches) {
    let parent: unknown = value;
    const steps = patch.steps;
    for (let s = 1; s < steps.length; s++) {
      parent = (parent as Record<string | number, unknown>)[steps[s - 1]!.at];
      if (typeof parent !== 'object' || parent === null) return false;
    }
    const at = steps[steps.length - 1]!.at;
    const container = parent as Record<string | number, unknown>;
    const current = container[at];
    if (typeof current !== 'number') return false;
    if (String(current) !== patch.token) container[at] = new JsonNumber(patch.token);
  }
  return true;
}
