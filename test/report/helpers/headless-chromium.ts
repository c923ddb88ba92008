import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's Chromium; ES2SQL_TEST_CHROMIUM overrides. */
export const CHROMIUM = process.env.ES2SQL_TEST_CHROMIUM ?? '/usr/bin/chromium';

async function chromium(args: string[]): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'es2sql-chromium-'));
  try {
    const { stdout } = await run(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        '--force-device-scale-factor=1',
        `--user-data-dir=${profile}`,
        '--virtual-time-budget=5000',
        ...args,
      ],
      { timeout: 90_000, maxBuffer: 64 << 20 },
    );
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The DOM of a local page after its scripts ran (Chromium's `--dump-dom`). */
export function renderedDom(file: string): Promise<string> {
  return chromium(['--dump-dom', pathToFileURL(file).href]);
}

/** A PNG screenshot of a local page at the given window size. */
export async function screenshot(file: string, png: string, width = 1280, height = 1400): Promise<void> {
  await chromium([`--screenshot=${png}`, `--window-size=${width},${height}`, pathToFileURL(file).href]);
}
