import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * The URL that opens an existing SQLite file so that nothing about it changes (with
 * `DatabaseSync(url, { readOnly: true })`): `immutable` when no `-wal` file sits beside it (no
 * writer has it open; also creates no `-wal`/`-shm` files, so a read-only file or directory works),
 * else plain `mode=ro`, so committed WAL content is seen.
 */
export function readOnlySqliteUrl(path: string): URL {
  const url = pathToFileURL(path);
  if (!existsSync(`${path}-wal`)) url.searchParams.set('immutable', '1');
  else url.searchParams.set('mode', 'ro');
  return url;
}
