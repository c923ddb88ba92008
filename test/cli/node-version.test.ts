import test from 'ava';
import { unsupportedNode } from '../../cli/node-version.ts';

test('Node.js 22.18 and later run es2sql; older ones get one line naming both versions', (t) => {
  for (const version of ['22.18.0', '22.20.1', '23.0.0', '24.21.0', '25.1.0']) t.is(unsupportedNode(version), undefined, version);
  for (const version of ['20.20.2', '22.17.9', '18.0.0']) {
    const message = unsupportedNode(version);
    t.regex(message ?? '', new RegExp(`^es2sql needs Node\\.js 22\\.18 or later, and this is Node\\.js ${version.replace(/\./g, '\\.')}; install a newer Node\\.js`), version);
    t.notRegex(message ?? '', /\n/);
  }
});
