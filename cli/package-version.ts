import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** es2sql's version from its package.json (found from the source tree and from dist/ alike). */
export function packageVersion(): string {
  if (cached) return cached;
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'es2sql' && manifest.version) return (cached = manifest.version);
    } catch {
      // not at this level
    }
  }
  return (cached = 'unknown');
}
