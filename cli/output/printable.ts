/**
 * Control characters a terminal would act on: C0 (but tab and newline), DEL, C1, and the Unicode
 * bidirectional overrides and isolates that reorder what is shown.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` made safe to show on a terminal: every control character becomes its `\uXXXX` escape, so
 * a document id like `"\u001b[2J…"` is printed as those six characters instead of clearing the
 * screen. Tab and newline stay (layout of tables and multi-line results); the escape form is also
 * valid inside a JSON string, so JSON output stays parseable. The one helper every value from data
 * passes through on its way to stdout or stderr (see CliOutput).
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** {@link printable}, and newlines too: for a value that must stay on one line (an error message). */
export function printableLine(text: string): string {
  return printable(text).replace(/\n/g, '\\n');
}
