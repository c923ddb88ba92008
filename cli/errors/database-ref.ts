import { existsSync } from 'node:fs';
import type { DatabaseLocation } from '../../schema/database-url.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

/** A database the command uses, named the way the user configured it. */
export interface DatabaseRef {
  role: 'target' | 'state';
  location: DatabaseLocation;
  /** Where it was configured: `--target`, `ES2SQL_TARGET`, `[database] connection in /etc/freezer/freezer-api.conf`. */
  origin: string;
}

/** What a driver error says about which server, user or database it concerns. */
export interface DriverClues {
  host?: string;
  port?: number;
  user?: string;
  database?: string;
}

function matches(ref: DatabaseRef, clues: DriverClues): number {
  const l = ref.location;
  let score = 0;
  if (clues.database !== undefined && clues.database === l.database) score += 2;
  if (clues.user !== undefined && clues.user === l.user) score += 1;
  if (clues.port !== undefined && clues.port === (l.port ?? dialectFacts(l.dialect).defaultPort)) score += 1;
  if (clues.host !== undefined && (clues.host === l.host || (['127.0.0.1', '::1'].includes(clues.host) && l.host === 'localhost'))) score += 1;
  return score;
}

/**
 * The database a driver error most likely came from: with one database (state kept in the target)
 * that one; otherwise the one whose dialect, name, user, host and port fit the error best; the
 * target when nothing tells them apart.
 */
export function pickDatabase(refs: readonly DatabaseRef[], dialect: string | undefined, clues: DriverClues): DatabaseRef | undefined {
  const candidates = dialect ? refs.filter((ref) => ref.location.dialect === dialect) : refs;
  const pool = candidates.length > 0 ? candidates : refs;
  let best: DatabaseRef | undefined;
  let bestScore = -1;
  for (const ref of pool) {
    const score = matches(ref, clues);
    if (score > bestScore || (score === bestScore && ref.role === 'target' && best?.role !== 'target')) {
      best = ref;
      bestScore = score;
    }
  }
  return best;
}

/** For SQLite: the nearest existing directory of `path`, and whether the file itself exists. */
export function sqliteFileState(path: string): { exists: boolean; directoryExists: boolean } {
  const directory = path.slice(0, Math.max(1, path.lastIndexOf('/')));
  return { exists: existsSync(path), directoryExists: existsSync(directory) };
}
