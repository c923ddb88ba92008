import type { ProxiedRequest } from './fault-proxy.ts';
import { esRequest } from './elasticsearch.ts';

/** The scroll id of a scroll continuation, or the PIT id of a PIT search, seen by the fault proxy. */
export function contextIdOf(request: ProxiedRequest): string | undefined {
  if (request.kind === 'scroll') {
    const body = request.body.trim();
    return body.startsWith('{') ? (JSON.parse(body) as { scroll_id: string }).scroll_id : body;
  }
  if (request.kind === 'search' && request.body.includes('"pit"')) return (JSON.parse(request.body) as { pit: { id: string } }).pit.id;
  return undefined;
}

/** Deletes a scroll or point in time on the real server, as an expiry would. */
export async function deleteContext(base: string, major: number, kind: string, id: string): Promise<void> {
  if (kind === 'scroll') {
    if (major <= 2) {
      const response = await fetch(new URL('/_search/scroll', base), { method: 'DELETE', body: id });
      if (!response.ok) throw new Error(`clear scroll → ${response.status}`);
    } else {
      await esRequest(base, 'DELETE', '/_search/scroll', { scroll_id: [id] });
    }
  } else {
    await esRequest(base, 'DELETE', '/_pit', { id });
  }
}
