import test from 'ava';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { peakRssBytes } from '../../pipeline/report/peak-rss.ts';

const MB = 1024 * 1024;
const MODULE = fileURLToPath(new URL('../../pipeline/report/peak-rss.ts', import.meta.url));

test('the peak RSS a report gives is the process\'s own, not that of the larger process that started it', (t) => {
  // Touched, so that this process's resident set holds it.
  const ballast = Buffer.alloc(300 * MB, 1);
  t.true(process.memoryUsage().rss > 300 * MB);
  const script = `import(${JSON.stringify(MODULE)}).then((m) => process.stdout.write(String(m.peakRssBytes())))`;
  const childPeak = Number(execFileSync(process.execPath, ['--disable-warning=ExperimentalWarning', '-e', script], { encoding: 'utf8' }));
  t.true(childPeak > 10 * MB, `a Node.js process holds more than 10 MB (got ${childPeak})`);
  t.true(childPeak < 150 * MB, `the child's own peak, not its parent's (got ${Math.round(childPeak / MB)} MB)`);
  t.true(peakRssBytes() >= ballast.length, "this process's own peak counts its 300 MB");
});
