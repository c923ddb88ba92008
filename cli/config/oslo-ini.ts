import { decode } from 'ini';

/**
 * An INI file as oslo.config sees it: section name → option name → value (the last assignment of a
 * repeated option wins). Section names are lower-cased except `DEFAULT`, as oslo.config looks them
 * up. Values are raw text: no `$` substitution yet (see oslo-template.ts), no type conversion.
 */
export type IniDocument = Record<string, Record<string, string>>;

/** A line oslo.config would refuse; `line` is 1-based. The offending text is deliberately not kept (it may hold a password). */
export class IniSyntaxError extends Error {
  override name = 'IniSyntaxError';
  readonly line: number;
  readonly problem: string;

  constructor(line: number, problem: string) {
    super(`line ${line}: ${problem}`);
    this.line = line;
    this.problem = problem;
  }
}

interface Assignment {
  key: string;
  lines: string[];
}

function normalizeSection(name: string): string {
  return name === 'DEFAULT' ? name : name.toLowerCase();
}

function splitAssignment(line: string, lineNo: number): Assignment {
  const colon = line.indexOf(':');
  const equal = line.indexOf('=');
  if (colon < 0 && equal < 0) throw new IniSyntaxError(lineNo, "no '=' in this line (every line must be [section], key = value, a comment, or an indented continuation)");
  const at = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon;
  const key = line.slice(0, at).trim();
  if (!key) throw new IniSyntaxError(lineNo, "the line starts with '=' (no option name)");
  let value = line.slice(at + 1).trim();
  if (value.length > 0 && value[0] === value.at(-1) && (value[0] === '"' || value[0] === "'")) value = value.slice(1, -1);
  return { key, lines: [value] };
}

function escapeForIni(text: string, extra: string): string {
  return text.replace(new RegExp(`[\\\\;#${extra}]`, 'g'), (c) => `\\${c}`);
}

/**
 * Rewrites oslo.config syntax into a canonical INI text the `ini` package reads without loss:
 * one `key = "<JSON string>"` line per assignment and escaped section names.
 *
 * Why a pre-pass at all: `ini` cuts values at `;`/`#` (oslo.config keeps them, and passwords do
 * contain them), JSON-decodes double-quoted values (oslo.config only strips the quotes), reads
 * indented continuation lines as new keys (oslo.config appends them to the value with a newline),
 * accepts no `key: value`, splits dotted section names into nested objects, and never reports a
 * malformed line. This pass fixes exactly those points and leaves the rest to `ini`.
 */
function canonicalize(text: string): string {
  const out: string[] = [];
  let section: string | undefined;
  let pending: Assignment | undefined;
  const flush = () => {
    if (!pending) return;
    out.push(`${escapeForIni(pending.key, '')}=${JSON.stringify(pending.lines.join('\n'))}`);
    pending = undefined;
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trimEnd();
    if (!line) return flush();
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!pending) throw new IniSyntaxError(lineNo, 'indented line outside a value (oslo.config reads indented lines as the continuation of the option above; remove the indentation or the blank line/comment before it)');
      pending.lines.push(line.trimStart());
      return;
    }
    flush();
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) throw new IniSyntaxError(lineNo, "section header does not end with ']' (a comment after it is not allowed)");
      const name = line.slice(1, -1);
      if (!name) throw new IniSyntaxError(lineNo, 'empty section name []');
      if (name.includes(']') || name.includes('\n')) throw new IniSyntaxError(lineNo, `section name [${name}] contains ']'`);
      section = normalizeSection(name);
      out.push(`[${escapeForIni(section, '.')}]`);
      return;
    }
    if (line.startsWith('#') || line.startsWith(';')) return;
    if (section === undefined) throw new IniSyntaxError(lineNo, 'option before the first [section] header');
    pending = splitAssignment(line, lineNo);
  });
  flush();
  return out.join('\n');
}

function lastString(value: unknown): string {
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  // `ini` turns the strings "true", "false" and "null" into JSON values; oslo.config keeps text.
  return typeof last === 'string' ? last : String(last);
}

/**
 * Parses an oslo.config-style INI text (freezer-api.conf, and es2sql's own file, which uses the
 * same syntax): `key = value` or `key: value`, `#`/`;` comments only at the start of a line (an
 * inline `#` belongs to the value), one pair of matching quotes around a value stripped, indented
 * lines continuing the previous value, section names case-insensitive except `DEFAULT`.
 *
 * @throws IniSyntaxError for lines oslo.config would refuse (the message names the line, never its text).
 */
export function parseOsloIni(text: string): IniDocument {
  const decoded = decode(canonicalize(text), { bracketedArray: false });
  const document: IniDocument = Object.create(null) as IniDocument;
  for (const [name, entries] of Object.entries(decoded)) {
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) continue;
    const options: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [key, value] of Object.entries(entries as Record<string, unknown>)) options[key] = lastString(value);
    document[name] = options;
  }
  return document;
}
