/**
 * A reusable byte buffer that text is written into byte by byte, for serialisers on the hot path
 * (Python-compatible JSON, action fingerprints): one buffer per serialiser, grown when a value needs
 * more and reset for the next, so a value costs no intermediate strings. Plain functions over a
 * plain object, which the optimising compiler inlines into the writers' loops.
 */
export interface ByteOutput {
  buffer: Buffer;
  length: number;
}

/** Where a buffer starts; one that a huge value grew beyond {@link KEEP_BYTES} is not kept. */
const START_BYTES = 64 * 1024;
const KEEP_BYTES = 1024 * 1024;

export function byteOutput(): ByteOutput {
  return { buffer: Buffer.allocUnsafe(START_BYTES), length: 0 };
}

/** Empties the output before the next value, dropping a buffer the last one grew past {@link KEEP_BYTES}. */
export function resetOutput(o: ByteOutput): void {
  o.length = 0;
  if (o.buffer.length > KEEP_BYTES) o.buffer = Buffer.allocUnsafe(START_BYTES);
}

/** Room for `bytes` more; returns the (possibly new) buffer to write into at `o.length`. */
export function reserve(o: ByteOutput, bytes: number): Buffer {
  if (o.length + bytes > o.buffer.length) {
    const grown = Buffer.allocUnsafe(Math.max(o.buffer.length * 2, o.length + bytes));
    o.buffer.copy(grown, 0, 0, o.length);
    o.buffer = grown;
  }
  return o.buffer;
}

export function writeByte(o: ByteOutput, byte: number): void {
  reserve(o, 1)[o.length++] = byte;
}

/** Text known to be printable ASCII without escapes (numbers, literals). */
export function writeAscii(o: ByteOutput, text: string): void {
  const n = text.length;
  const b = reserve(o, n);
  let p = o.length;
  for (let i = 0; i < n; i++) b[p++] = text.charCodeAt(i);
  o.length = p;
}
