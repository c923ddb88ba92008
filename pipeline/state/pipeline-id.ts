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
 * A short stable id for one source (URL or file, index), one target database and one mapping, so
 * runs of the same pipeline find each other's checkpoints and state, however the target URL is
 * written. The Freezer mapping (the default, and the only one before mappings existed) leaves the
 * id as it always was, so earlier runs still resume.
 */
export function pipelineId(sourceDisplay: string, index: string, target: DatabaseLocation, mapping = 'freezer'): string {
  const parts = [sourceDisplay, index, databaseIdentity(target), ...(mapping === 'freezer' ? [] : [mapping])];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}
