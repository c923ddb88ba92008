import { createHash } from 'node:crypto';
import type { DatabaseLocation } from '../../schema/database-url.ts';

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, mysql: 3306 };

/**
 * Where a database is, independent of how its URL was written: with or without a password, the
 * default port spelled out or not, `mysql+pymysql://` or `mysql://`.
 */
export function databaseIdentity(location: DatabaseLocation): string {
  if (location.dialect === 'sqlite') return `sqlite:${location.path ?? ':memory:'}`;
  const port = location.port ?? DEFAULT_PORTS[location.dialect];
  return `${location.dialect}://${location.user ?? ''}@${(location.host ?? '').toLowerCase()}:${port}/${location.database ?? ''}`;
}

/**
 * A short stable id for one source (URL or file, index) and one target database, so runs against the
 * same pair find each other's checkpoints and state, however the target URL is written.
 */
export function pipelineId(sourceDisplay: string, index: string, target: DatabaseLocation): string {
  return createHash('sha256').update(`${sourceDisplay}\u0000${index}\u0000${databaseIdentity(target)}`).digest('hex').slice(0, 24);
}
