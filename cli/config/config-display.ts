import { parseDatabaseUrl } from '../../schema/database-url.ts';
import type { ConfigKey } from './config-options.ts';
import type { ResolvedConfig, SourceConfig } from './resolved-config.ts';
import { REDACTED, SecretRedactor } from './secret-redactor.ts';

/** A source as shown to people: URLs, index and user, never a password or key. */
export function describeSource(source: SourceConfig): string {
  if (source.kind === 'file') return `file ${source.path}`;
  const auth = source.apiKey !== undefined ? ', API key' : source.username ? `, user ${source.username}` : '';
  return `${source.urls.join(', ')} (index ${source.index}${auth})`;
}

/** A database URL as shown to people: the parsed display form, or the URL with its password hidden when it does not parse. */
export function describeDatabase(url: string, cwd: string, secrets: readonly string[] = []): string {
  try {
    return parseDatabaseUrl(url, cwd).display;
  } catch {
    return new SecretRedactor(secrets).redact(url);
  }
}

/**
 * The resolved configuration as lines of `name: value  (origin)`, for `--debug` and `status`.
 * Passwords and keys show as `***`; the whole text is redacted once more before it is returned.
 */
export function describeConfig(config: ResolvedConfig): string[] {
  const from = (key: ConfigKey) => (config.origins[key] ? `  (${config.origins[key]})` : '');
  const lines: string[] = [];
  if (config.source) lines.push(`source: ${describeSource(config.source)}${from('source')}`);
  else lines.push(`source: none${config.sourceUnavailable ? ` — ${config.sourceUnavailable}` : ''}`);
  if (config.source?.kind === 'elasticsearch') {
    const es = config.source;
    if (es.password !== undefined) lines.push(`source password: ${REDACTED}${from('sourcePassword')}`);
    if (es.apiKey !== undefined) lines.push(`source API key: ${REDACTED}${from('sourceApiKey')}`);
    if (es.caFile !== undefined) lines.push(`source CA file: ${es.caFile}${from('sourceCa')}`);
    lines.push(`verify TLS certificates: ${es.rejectUnauthorized ? 'yes' : 'no'}${from('sourceVerifyCerts')}`);
  }
  lines.push(`target: ${config.target ? describeDatabase(config.target, config.cwd, config.secrets) : 'none'}${from('target')}`);
  lines.push(`state database: ${config.stateDb ? describeDatabase(config.stateDb, config.cwd, config.secrets) : 'none'}${from('stateDb')}`);
  const plain: Array<[string, ConfigKey, unknown]> = [
    ['layout', 'layout', config.layout],
    ['freezer release', 'freezerRelease', config.freezerRelease],
    ['mapping', 'mapping', config.mapping],
    ['scan', 'scan', config.scan],
    ['slices', 'slices', config.slices],
    ['slice', 'slice', config.slice],
    ['batch size', 'batchSize', config.batchSize],
    ['workers', 'workers', config.workers],
    ['default project id', 'defaultProjectId', config.defaultProjectId],
    ['report', 'report', config.reportPath],
    ['log format', 'logFormat', config.logFormat],
  ];
  for (const [label, key, value] of plain) if (value !== undefined) lines.push(`${label}: ${String(value)}${from(key)}`);
  for (const note of config.notes) lines.push(`note: ${note}`);
  const redactor = new SecretRedactor(config.secrets);
  return lines.map((line) => redactor.redact(line));
}
