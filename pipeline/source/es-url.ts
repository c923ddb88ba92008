import type { SourceAuth } from './source-spec.ts';
import { SourceUrlError } from './source-error.ts';

/** A source URL split into what is sent, what is shown and the credentials it carried. */
export interface ParsedSourceUrl {
  /** The URL to connect to, without user info, query or fragment. */
  url: URL;
  /** The same as text, for messages (`http://host:9200`, or with a path prefix). */
  display: string;
  /** Basic auth taken from `http://user:password@host`, if present. */
  auth: SourceAuth | undefined;
}

/** Parses `--source`; refuses anything that is not an absolute http(s) URL with a host. */
export function parseSourceUrl(text: string): ParsedSourceUrl {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim())) throw new SourceUrlError(redact(text), 'missing http:// or https://');
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new SourceUrlError(redact(text), 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SourceUrlError(redact(text), `unsupported scheme "${url.protocol.replace(/:$/, '')}" (use http or https)`);
  }
  if (url.hostname === '') throw new SourceUrlError(redact(text), 'no host');
  const auth = url.username !== '' ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : undefined;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  const display = url.toString().replace(/\/$/, '');
  return { url, display, auth };
}

/** Hides user info in a URL-ish text that failed to parse. */
function redact(text: string): string {
  return text.replace(/\/\/[^/@\s]*@/, '//***@');
}
