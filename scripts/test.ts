/**
 * `npm test`: starts the real Elasticsearch nodes the suite needs (scripts/es-server), runs ava with
 * their URLs in the environment, and stops the nodes it started — the JVMs never outlive the run.
 * Nodes already running (a developer's) are reused and left running.
 *
 *   ES2SQL_TEST_ES_MAJORS="8 7"  limit the Elasticsearch majors (`os2`: OpenSearch 2.19)
 *   extra arguments are passed to ava (e.g. `npm test -- test/schema/*.test.ts`)
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const majors = (process.env.ES2SQL_TEST_ES_MAJORS ?? '1 2 5 6 7 8 os2').split(/[ ,]+/).filter(Boolean);

async function alreadyRunning(major: string): Promise<string | undefined> {
  try {
    return (await run('scripts/es-server', ['url', major])).stdout.trim();
  } catch {
    return undefined;
  }
}

const started: string[] = [];
const env: NodeJS.ProcessEnv = { ...process.env };

async function startAll(): Promise<void> {
  // Start sequentially: on two cores, parallel JVM start-ups are slower than one after another.
  for (const major of majors) {
    const existing = await alreadyRunning(major);
    if (existing) {
      env[`ES2SQL_TEST_ES${major}`] = existing;
      continue;
    }
    const { stdout } = await run('scripts/es-server', ['start', major], { maxBuffer: 1 << 20 });
    const url = stdout.trim().split('\n').pop() ?? '';
    started.push(major);
    env[`ES2SQL_TEST_ES${major}`] = url;
    console.log(`test: Elasticsearch ${major} at ${url}`);
  }
}

async function stopStarted(): Promise<void> {
  for (const major of started) {
    await run('scripts/es-server', ['stop', major]).catch((error: Error) => console.error(error.message));
  }
}

let code = 1;
try {
  await startAll();
  code = await new Promise<number>((resolve) => {
    const ava = spawn('npx', ['ava', ...process.argv.slice(2)], { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => ava.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    ava.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
} catch (error) {
  console.error(`test: ${(error as Error).message}`);
} finally {
  await stopStarted();
}
process.exit(code);
