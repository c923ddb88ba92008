import { createHash } from 'node:crypto';
import type { DatabaseLocation } from '../../schema/database-url.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

/**
 * Where a database is, independent of how its URL was written: with or without a password, the
 * default port spelled out or not, `mysql+pymysql://` or `mysql://`.
 */
export function databaseIdentity(location: DatabaseLocation): string {
  const facts = dialectFacts(location.dialect);
  if (facts.embedded) return `${location.dialect}:${location.path ?? ':memory:'}`;
  const port = location.port ?? facts.defaultPort;
  return `${location.dialect}://${location.user ?? ''}@${(location.host ?? '').toLowerCase()}:${port}/${location.database ?? ''}`;
}

/**
 * A short stable id for one source (URL or file, index) and one target database, so runs against the
 * same pair find each other's checkpoints and state, however the target URL is written.
 */
export function pipelineId(sourceDisplay: string, index: string, target: DatabaseLocation): string {
  return createHash('sha256').update(`${sourceDisplay}\u0000${index}\u0000${databaseIdentity(target)}`).digest('hex').slice(0, 24);
}
