import { CONFIG_OPTIONS } from './config/index.ts';
import { urlPasswordCandidates } from './config/url-userinfo.ts';

const SECRET_FLAGS = new Set(CONFIG_OPTIONS.filter((spec) => spec.type === 'secret').map((spec) => spec.flag));
const SECRET_ENV = CONFIG_OPTIONS.filter((spec) => spec.type === 'secret').map((spec) => spec.env);

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
    }
    secrets.push(...urlPasswordCandidates(inline ?? token));
  });
  for (const name of SECRET_ENV) if (env[name]) secrets.push(env[name]!);
  for (const [name, value] of Object.entries(env)) if (name.startsWith('ES2SQL_') && value) secrets.push(...urlPasswordCandidates(value));
  return secrets;
}
