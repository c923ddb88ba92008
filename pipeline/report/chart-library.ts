import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * Chart.js's UMD build (the `chart.js` dependency), to inline into the report so the page needs
 * no network. The source-map comment is dropped; the text is checked to hold nothing that would
 * end the `<script>` element it goes into.
 */
export function chartLibrary(): string {
  if (cached !== undefined) return cached;
  const main = fileURLToPath(import.meta.resolve('chart.js'));
  const text = readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
  if (/<\/script|<!--/i.test(text)) throw new Error('the Chart.js build contains "</script" or "<!--" and cannot be inlined');
  cached = text;
  return text;
}
