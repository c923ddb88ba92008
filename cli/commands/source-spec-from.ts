import type { SourceSpec } from '../../pipeline/source/source-spec.ts';
import type { SourceConfig } from '../config/index.ts';

/**
 * The library's source spec for a resolved source. A cluster listed with several nodes is read
 * through the first one (every node serves the whole index); the others are named in a note.
 */
export function sourceSpecFrom(source: SourceConfig): { spec: SourceSpec; note?: string } {
  if (source.kind === 'file') return { spec: { file: source.path } };
  const [url, ...others] = source.urls;
  const spec: SourceSpec = { url: url!, index: source.index, tls: { rejectUnauthorized: source.rejectUnauthorized } };
  if (source.caFile !== undefined) spec.tls!.caFile = source.caFile;
  if (source.apiKey !== undefined) spec.auth = { apiKey: source.apiKey };
  else if (source.username !== undefined) spec.auth = { username: source.username, password: source.password ?? '' };
  const note = others.length > 0 ? `reading through ${url}; the other listed nodes (${others.join(', ')}) are not needed, every node serves the whole index` : undefined;
  return note ? { spec, note } : { spec };
}
