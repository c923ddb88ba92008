/** What every hidden secret is replaced with. */
export const REDACTED = '***';

const HEX = '0123456789abcdef';

function hexPattern(byte: number): string {
  const hi = HEX[byte >> 4] ?? '0';
  const lo = HEX[byte & 15] ?? '0';
  const either = (digit: string) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit);
  return `%${either(hi)}${either(lo)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

// One character of a secret as it may show up in text: itself, percent-encoded (either hex case,
// as in `p%40ss`), form-encoded (`+` for a space) or escaped inside a JSON string (`\"`, `\\`, `\/`).
function characterPattern(char: string): string {
  const forms = [escapeRegExp(char), [...Buffer.from(char, 'utf8')].map(hexPattern).join('')];
  if (char === ' ') forms.push('\\+');
  if (char === '"' || char === '\\' || char === '/') forms.push(`\\\\${escapeRegExp(char)}`);
  return `(?:${forms.join('|')})`;
}

function secretPattern(secret: string): string {
  return [...secret].map(characterPattern).join('');
}

// Fallbacks for secrets nobody told the redactor about: the password of any URL with user info
// (up to the last `@` of the token, so raw `@`s in passwords are covered), `password=` style
// pairs, and HTTP authorization headers.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@"'<>`]*):([^\s"'<>`]*)@/gi;
const PASSWORD_ASSIGNMENT = /\b([\w-]*(?:password|passwd|api_?key|http_auth)\s*=\s*)(?!\*\*\*)[^\s&,;"']+/gi;
const PASSWORD_JSON = /("[\w-]*(?:password|passwd|api_?key|http_auth)"\s*:\s*")(?:[^"\\]|\\.)+(?=")/gi;
const AUTH_HEADER = /\b(authorization["']?\s*[=:]\s*["']?(?:basic|bearer|apikey)\s+)[a-z0-9+/=._~-]+/gi;

/**
 * Hides passwords and API keys in any text es2sql produces. Known secrets (collected by
 * `resolveConfig` from URLs, config files, flags and the environment) are replaced wherever they
 * occur, in any encoding listed above, even inside other words: hiding a few letters too many is
 * the safe failure. Unknown URL passwords and `password=` pairs are hidden by pattern.
 *
 * The CLI passes everything it writes (stdout, stderr, logs, report files, state-table texts and
 * error messages) through one instance.
 */
export class SecretRedactor {
  readonly #secrets = new Set<string>();
  #pattern: RegExp | undefined;

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Registers secrets; empty strings are ignored (they would match everywhere). */
  add(...secrets: Array<string | undefined>): this {
    for (const secret of secrets) {
      if (!secret || this.#secrets.has(secret)) continue;
      this.#secrets.add(secret);
      this.#pattern = undefined;
    }
    return this;
  }

  /** The registered secrets, longest first. */
  get secrets(): string[] {
    return [...this.#secrets].sort((a, b) => b.length - a.length);
  }

  /** `text` with every secret replaced by `***`. */
  redact(text: string): string {
    if (this.#secrets.size > 0) {
      this.#pattern ??= new RegExp(this.secrets.map(secretPattern).join('|'), 'g');
      text = text.replace(this.#pattern, REDACTED);
    }
    return text
      .replace(URL_USERINFO, (_, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`)
      .replace(PASSWORD_ASSIGNMENT, `$1${REDACTED}`)
      .replace(PASSWORD_JSON, `$1${REDACTED}`)
      .replace(AUTH_HEADER, `$1${REDACTED}`);
  }

  /** A copy of `value` with every string inside (object values and keys, array items) redacted. */
  redactDeep<T>(value: T): T {
    const walk = (item: unknown): unknown => {
      if (typeof item === 'string') return this.redact(item);
      if (Array.isArray(item)) return item.map(walk);
      if (item !== null && typeof item === 'object' && Object.getPrototypeOf(item) === Object.prototype) {
        return Object.fromEntries(Object.entries(item).map(([key, entry]) => [this.redact(key), walk(entry)]));
      }
      return item;
    };
    return walk(value) as T;
  }
}

/** One-off form of {@link SecretRedactor.redact}. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  return new SecretRedactor(secrets).redact(text);
}
