import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** A directory for an output file could not be made; `message` is one line naming it and why. */
export class DirectoryError extends Error {
  override name = 'DirectoryError';
  readonly path: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot create the directory ${path} (${reason})`, options);
    this.path = path;
  }
}

/** A short reason for a file-system error code, for one-line messages. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'disk full';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
      return 'no such directory';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * Makes `directory` and its missing parents, one level at a time. Unlike `mkdir(…, { recursive:
 * true })`, which can loop forever on paths such as `/proc/nope` (EEXIST and ENOENT in turn), every
 * level is tried once: the walk is bounded by the path's depth and any failure is a
 * {@link DirectoryError}.
 */
export async function ensureDirectory(directory: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(directory);
  for (;;) {
    const found = await stat(current).then((s) => s, (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error))).catch((error: unknown) => {
      throw new DirectoryError(directory, fileErrorReason(error), { cause: error });
    });
    if (found !== null) {
      if (!found.isDirectory()) throw new DirectoryError(directory, `${current} is not a directory`);
      break;
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await stat(level).then((s) => s.isDirectory(), () => false))) continue;
      throw new DirectoryError(directory, code === 'EEXIST' ? `${level} is not a directory` : fileErrorReason(error), { cause: error });
    }
  }
}
