import { FaultProxy } from './fault-proxy.ts';

/** A proxy in front of Elasticsearch that forwards everything and counts the points in time opened and closed through it. */
export async function pointInTimeCounter(base: string): Promise<{ proxy: FaultProxy; counts: () => { opened: number; closed: number } }> {
  const counts = { opened: 0, closed: 0 };
  const proxy = await FaultProxy.start(base, (request) => {
    if (request.kind === 'pit-open') counts.opened++;
    if (request.kind === 'pit-close') counts.closed++;
    return { do: 'forward' };
  });
  return { proxy, counts: () => ({ ...counts }) };
}
