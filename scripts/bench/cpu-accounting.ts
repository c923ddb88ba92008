import { readdirSync, readFileSync } from 'node:fs';

/** Who used the machine's CPU while one run was measured. */
export interface CpuShares {
  /** Wall seconds of the stretch. */
  seconds: number;
  /** CPU seconds the whole machine was busy (all cores together, from /proc/stat). */
  machine: number;
  /** CPU seconds of the Elasticsearch JVM. */
  elasticsearch: number;
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ (getconf CLK_TCK)

function isElasticsearch(pid: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'java' && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('elasticsearch');
  } catch {
    return false; // gone meanwhile
  }
}

/** utime + stime of a process (all its threads), in ticks. */
function processTicks(pid: string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function machineTicks(): number {
  const values = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = values;
  return user! + nice! + system! + irq! + softirq! + steal!;
}

function snapshot(): { at: number; machine: number; elasticsearch: Map<string, number> } {
  const elasticsearch = new Map<string, number>();
  for (const pid of readdirSync('/proc')) if (/^\d+$/.test(pid) && isElasticsearch(pid)) elasticsearch.set(pid, processTicks(pid));
  return { at: performance.now(), machine: machineTicks(), elasticsearch };
}

/**
 * The CPU the machine and the Elasticsearch JVM used while `work` ran. With the CPU of the es2sql
 * process (which it reports itself), the rest is the database server and everything else: a
 * PostgreSQL backend lives only as long as its connection, so it cannot be sampled from outside.
 */
export async function withCpuAccounting<T>(work: () => Promise<T>): Promise<{ result: T; cpu: CpuShares }> {
  const before = snapshot();
  const result = await work();
  const after = snapshot();
  let elasticsearch = 0;
  for (const [pid, ticks] of after.elasticsearch) elasticsearch += (ticks - (before.elasticsearch.get(pid) ?? ticks)) / TICKS_PER_SECOND;
  return { result, cpu: { seconds: (after.at - before.at) / 1000, machine: (after.machine - before.machine) / TICKS_PER_SECOND, elasticsearch } };
}
