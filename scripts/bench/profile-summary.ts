import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function in a CPU profile. */
export interface HotFunction {
  name: string;
  /** `file:line`, shortened to the project (or `node_modules/<package>`). */
  where: string;
  share: number;
}

/** What a `node --cpu-prof` profile says about where a run spent its wall time. */
export interface ProfileSummary {
  totalMs: number;
  /** Sampled time with nothing on the JavaScript thread: waiting for ES or the database. */
  idleShare: number;
  gcShare: number;
  /** Busiest functions by self time, then busiest files/packages. */
  top: HotFunction[];
  byModule: { module: string; share: number }[];
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD_DIR = '.bench-build/';

function shortPath(url: string): string {
  if (url === '') return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length).split('/').slice(0, url.includes('/@') ? 2 : 1).join('/');
  if (url.startsWith('node:')) return url;
  // The project's own modules, relative to its root; the compiled ones (.bench-build/…/x.js) under their source name.
  const path = url.replace(/^file:\/\//, '');
  const own = path.startsWith(PROJECT_ROOT) ? path.slice(PROJECT_ROOT.length) : path;
  return own.startsWith(BUILD_DIR) ? own.slice(BUILD_DIR.length).replace(/\.js$/, '.ts (compiled)') : own;
}

/** Self-time figures of a `.cpuprofile` file (time deltas attributed to the sampled node). */
export function summariseProfile(path: string, topN = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + delta);
  }
  const functions = new Map<string, HotFunction & { us: number }>();
  const modules = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    if (frame.functionName === '(garbage collector)') gc += us;
    const where = shortPath(frame.url);
    const key = `${frame.functionName}@${frame.url}:${frame.lineNumber}`;
    const entry = functions.get(key) ?? { name: frame.functionName || '(anonymous)', where: frame.url ? `${where}:${frame.lineNumber + 1}` : where, share: 0, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const module = frame.url ? (where.includes('/') && !where.startsWith('node:') && !frame.url.includes('node_modules') ? where.split(':')[0]! : where) : frame.functionName;
    modules.set(module, (modules.get(module) ?? 0) + us);
  }
  const share = (us: number) => (total > 0 ? us / total : 0);
  return {
    totalMs: total / 1000,
    idleShare: share(idle),
    gcShare: share(gc),
    top: [...functions.values()].sort((a, b) => b.us - a.us).slice(0, topN).map(({ name, where, us }) => ({ name, where, share: share(us) })),
    byModule: [...modules.entries()].sort((a, b) => b[1] - a[1]).slice(0, topN).map(([module, us]) => ({ module, share: share(us) })),
  };
}

if (import.meta.main) {
  const summary = summariseProfile(process.argv[2]!, Number(process.argv[3] ?? 25));
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`total ${summary.totalMs.toFixed(0)} ms, idle ${pct(summary.idleShare)}, gc ${pct(summary.gcShare)}`);
  for (const f of summary.top) console.log(`${pct(f.share).padStart(6)}  ${f.name}  ${f.where}`);
  console.log('--- by module');
  for (const m of summary.byModule) console.log(`${pct(m.share).padStart(6)}  ${m.module}`);
}
