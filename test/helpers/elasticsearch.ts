import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Elasticsearch majors the test rig runs (scripts/es-server); ES2SQL_TEST_ES_MAJORS narrows it. */
export const TEST_ES_MAJORS: number[] = (process.env.ES2SQL_TEST_ES_MAJORS ?? '1 2 5 6 7 8')
  .split(/[ ,]+/)
  .filter((major) => /^\d+$/.test(major))
  .map(Number);

/** OpenSearch 2.19 takes part unless ES2SQL_TEST_ES_MAJORS is given without `os2`. */
export const TEST_OPENSEARCH: boolean = (process.env.ES2SQL_TEST_ES_MAJORS ?? 'os2').split(/[ ,]+/).includes('os2');

/** Base URL of the real OpenSearch 2.19 (`scripts/es-server start os2`; `npm test` exports ES2SQL_TEST_ESos2). */
export function openSearchUrl(): string {
  const fromEnv = process.env['ES2SQL_TEST_ESos2'];
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('scripts/es-server', ['url', 'os2'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('no OpenSearch for tests: run them with "npm test", or start one with "scripts/es-server start os2"');
  }
}

/**
 * Base URL of the real Elasticsearch of a major version. `npm test` starts the nodes and exports
 * ES2SQL_TEST_ES<major>; in a developer shell a node started with `scripts/es-server start <major>`
 * is found too.
 */
export function esUrl(major: number): string {
  const fromEnv = process.env[`ES2SQL_TEST_ES${major}`];
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('scripts/es-server', ['url', String(major)], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`no Elasticsearch ${major} for tests: run them with "npm test", or start one with "scripts/es-server start ${major}"`);
  }
}

export function uniqueIndex(prefix = 'freezer'): string {
  return `${prefix}-t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A plain HTTP call to the test node, returning parsed JSON; throws on non-2xx. */
export async function esRequest(baseUrl: string, method: string, path: string, body?: unknown): Promise<any> {
  const isNdjson = typeof body === 'string';
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: body === undefined ? {} : { 'content-type': isNdjson ? 'application/x-ndjson' : 'application/json' },
    body: body === undefined ? undefined : isNdjson ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

export async function esMajorOf(baseUrl: string): Promise<number> {
  const info = await esRequest(baseUrl, 'GET', '/');
  return Number(String(info.version.number).split('.')[0]);
}

export async function deleteIndex(baseUrl: string, index: string): Promise<void> {
  await fetch(new URL(`/${index}`, baseUrl), { method: 'DELETE' });
}

/**
 * The `_type` a document is written with: Freezer's own type on ES ≤ 5 (freezer-api's multi-type
 * index), `_doc` on 6.x (one type per index, and the type is still required), none from 7.
 */
export function writeType(major: number, type: string): string | undefined {
  if (major <= 5) return type;
  return major === 6 ? '_doc' : undefined;
}

/** `/<index>/<type>/<id>` of one document, with the type {@link writeType} gives (`_doc` from 7). */
export function docPath(major: number, index: string, type: string, id: string): string {
  return `/${index}/${writeType(major, type) ?? '_doc'}/${encodeURIComponent(id)}`;
}

/** The action line of a `_bulk` index request for one document. */
export function bulkIndexAction(major: number, index: string, type: string, id: string): { index: Record<string, string> } {
  const written = writeType(major, type);
  return { index: written === undefined ? { _index: index, _id: id } : { _index: index, _type: written, _id: id } };
}

/**
 * Whether es2sql reads this major without a server-side search context: 5.x and 6.x use plain
 * `search_after` (no scroll, no point in time), so there is no context to expire or reopen.
 */
export function readsWithoutContext(major: number): boolean {
  return major === 5 || major === 6;
}
