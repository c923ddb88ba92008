import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../freezer-oracle.py', import.meta.url));
/** Debian's interpreter, which has python3-freezer-api 13.0.0; the `python3` on PATH may not. */
const DEBIAN_PYTHON = process.env.ES2SQL_TEST_FREEZER_PYTHON ?? '/usr/bin/python3';

/**
 * Runs Debian's freezer-api 13.0.0 `db sync` (what `freezer-manage db sync` does) on a database:
 * creates layout A in an empty one, and must leave an up-to-date one alone. Returns the
 * `migrate_version` it leaves.
 */
export async function freezerDbSync(sqlalchemyUrl: string): Promise<number | null> {
  return call('db-sync', sqlalchemyUrl);
}

/** The `migrate_version` freezer-api 13.0.0 reads from the database. */
export async function freezerMigrateVersion(sqlalchemyUrl: string): Promise<number | null> {
  return call('version', sqlalchemyUrl);
}

// Each run starts a Python interpreter that imports oslo and SQLAlchemy (about a CPU second); more
// than two at a time only starves the database servers on small CI machines.
const MAX_RUNNING = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

async function call(command: string, url: string): Promise<number | null> {
  return slot(() => callNow(command, url));
}

async function callNow(command: string, url: string): Promise<number | null> {
  try {
    const { stdout } = await run(DEBIAN_PYTHON, [SCRIPT, command, url], { timeout: 120_000 });
    return (JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { version: number | null }).version;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`freezer-api oracle ${command} failed: ${stderr || String(error)}`);
  }
}
