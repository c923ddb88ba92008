/**
 * JSON text that can sit inside `<script type="application/json">` without ending it early or
 * being read as markup: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, and the line
 * separators U+2028/U+2029 are escaped too. `JSON.parse` of the element's text gives the value back.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
