import { CONFIG_OPTIONS } from './config/index.ts';
import { urlPasswordCandidates } from './config/url-userinfo.ts';

const SECRET_FLAGS = new Set(CONFIG_OPTIONS.filter((spec) => spec.type === 'secret').map((spec) => spec.flag));
const SECRET_ENV = CONFIG_OPTIONS.filter((spec) => spec.type === 'secret').map((spec) => spec.env);
const URL_LIKE = /[a-z][a-z0-9+.-]*:\/\//i;

// Only text holding a URL can carry a URL password; reading `user:pass@host` into any token would
// take a fragment of a password (`Es:p@ss` → `p`) for a secret and hide that letter everywhere.
function urlSecrets(text: string): string[] {
  return URL_LIKE.test(text) ? text.split(',').flatMap((part) => urlPasswordCandidates(part.trim().replace(/^.*?(?=[a-z][a-z0-9+.-]*:\/\/)/i, ''))) : [];
}

/**
 * Secrets visible in the raw command line and environment, collected before anything is parsed,
 * so even a usage error that echoes an argument (`unknown option --sorce=http://u:pw@es`) cannot
 * show one: values of the password and API-key flags and variables, and URL passwords anywhere.
 */
export function inputSecrets(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets: string[] = [];
  argv.forEach((token, i) => {
    const [flag = '', inline] = token.split(/=(.*)/s);
    if (SECRET_FLAGS.has(flag)) {
      const value = inline ?? argv[i + 1];
      if (value) secrets.push(value);
      return;
    }
    if (!SECRET_FLAGS.has(argv[i - 1] ?? '')) secrets.push(...urlSecrets(token));
  });
  for (const name of SECRET_ENV) if (env[name]) secrets.push(env[name]!);
  for (const [name, value] of Object.entries(env)) if (name.startsWith('ES2SQL_') && !SECRET_ENV.includes(name) && value) secrets.push(...urlSecrets(value));
  return secrets;
}
