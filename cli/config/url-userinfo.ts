/** A URL split around its user info the way Python's `urlsplit` does it. */
export interface UserinfoSplit {
  /** `scheme://` (empty when the text had no scheme). */
  prefix: string;
  /** Text before the last `@` of the authority, undefined when there is no `@`. */
  userinfo: string | undefined;
  /** Host, port, path, query: everything after the user info. */
  rest: string;
}

/** Credentials from user info; `password` is undefined when there is no `:`. */
export interface UserinfoCredentials {
  username: string;
  password: string | undefined;
}

/**
 * Splits `scheme://user:pass@host:port/path` (scheme optional) like Python's `urlsplit`: the
 * authority ends at the first `/`, `?` or `#`, and the user info runs to its last `@`, so a raw `@`
 * in a password works as it did for freezer-api's Elasticsearch client.
 */
export function splitUserinfo(url: string): UserinfoSplit {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  const prefix = scheme ? scheme[0] : '';
  const afterScheme = url.slice(prefix.length);
  const authorityEnd = afterScheme.search(/[/?#]/);
  const authority = authorityEnd < 0 ? afterScheme : afterScheme.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at < 0) return { prefix, userinfo: undefined, rest: afterScheme };
  return { prefix, userinfo: authority.slice(0, at), rest: afterScheme.slice(at + 1) };
}

/** `user:pass` → parts, optionally percent-decoded (undecodable text is kept as written). */
export function userinfoCredentials(userinfo: string, percentDecode: boolean): UserinfoCredentials {
  const decode = (text: string) => {
    if (!percentDecode) return text;
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const colon = userinfo.indexOf(':');
  if (colon < 0) return { username: decode(userinfo), password: undefined };
  return { username: decode(userinfo.slice(0, colon)), password: decode(userinfo.slice(colon + 1)) };
}

/** A password as written and, when that differs, percent-decoded (for redaction of both forms). */
export function passwordForms(password: string | undefined): string[] {
  if (!password) return [];
  const decoded = userinfoCredentials(`:${password}`, true).password ?? password;
  return decoded === password ? [password] : [password, decoded];
}

/**
 * Every string that may be the password of a URL, for redaction: the user info password as
 * written and percent-decoded, read both the way Python splits URLs and the way SQLAlchemy 2 does
 * (password up to the last `@` of the whole URL), and `password=` query parameters (libpq and
 * MySQL drivers accept them). Over-collecting is deliberate: a redactor that hides a little too
 * much is harmless, one that misses a password is not.
 */
export function urlPasswordCandidates(url: string): string[] {
  const found = new Set<string>();
  const add = (text: string | undefined) => {
    for (const form of passwordForms(text)) found.add(form);
  };
  const split = splitUserinfo(url);
  if (split.userinfo !== undefined) add(userinfoCredentials(split.userinfo, false).password);
  const greedy = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:(\S*)@/i.exec(url);
  add(greedy?.[1]);
  for (const match of url.matchAll(/[?&](?:password|passwd|sslpassword)=([^&#\s]*)/gi)) add(match[1]);
  return [...found];
}
