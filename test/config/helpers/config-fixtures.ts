import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveConfig } from '../../../cli/config/resolve-config.ts';
import type { ConfigFlags } from '../../../cli/config/flag-config.ts';
import type { ResolvedConfig } from '../../../cli/config/resolved-config.ts';

/** fixtures/config, where the sample freezer-api.conf files of several releases live. */
export const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/config');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** A fresh directory for config files written by a test. */
export async function scratchDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'es2sql-config-'));
}

/** Writes `text` to `name` in `dir` and returns the absolute path. */
export async function writeConf(dir: string, name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** resolveConfig with the working directory set to /srv/es2sql (never the real one). */
export function resolveWith(flags: ConfigFlags = {}, env: Record<string, string | undefined> = {}, cwd = '/srv/es2sql'): Promise<ResolvedConfig> {
  return resolveConfig({ flags, env, cwd });
}

/** The message of the error `promise` rejects with, or of the error `fn` throws. */
export async function messageOf(work: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error, got none');
}
