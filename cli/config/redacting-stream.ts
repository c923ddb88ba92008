import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import type { SecretRedactor } from './secret-redactor.ts';

/**
 * A text stream filter that redacts every line before passing it on, for wrapping stdout, stderr
 * and log files. Text is held back until a line ends (`\n` or `\r`, so progress bars that redraw
 * with `\r` still move) so a secret split across two writes is still caught.
 */
export class RedactingStream extends Transform {
  readonly #redactor: SecretRedactor;
  readonly #decoder = new StringDecoder('utf8');
  #pending = '';

  constructor(redactor: SecretRedactor) {
    super({ decodeStrings: false, encoding: 'utf8' });
    this.#redactor = redactor;
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const text = this.#pending + (typeof chunk === 'string' ? chunk : this.#decoder.write(chunk));
    const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
    this.#pending = text.slice(end);
    callback(null, end > 0 ? this.#redactor.redact(text.slice(0, end)) : undefined);
  }

  override _flush(callback: TransformCallback): void {
    const rest = this.#pending + this.#decoder.end();
    callback(null, rest ? this.#redactor.redact(rest) : undefined);
  }
}
