/**
 * `node scripts/check-layers.ts` (part of `npm run lint`): fails, one line per offence, when product
 * code imports upward across layers or when its files import each other in a circle.
 *
 * Layers, lowest first — a file may import its own layer or a lower one, never a higher one:
 *
 *   core < schema < transforms < pipeline < mappings < pipeline/run < cli < index.ts
 *
 * - core/: basics with no dependencies (JSON values, parsing, derived ids, the source document).
 * - schema/: target tables, DDL adapters, migrations; knows nothing of documents' meaning.
 * - transforms/: pure document → rows functions; they read the target capabilities schema/ gives.
 * - pipeline/: reading, loading, state and the run commands, built on all of the above.
 * - mappings/: index mappings (issue 14): they implement the contract in pipeline/mapping/ and use
 *   the machinery below them (sources, loaders).
 * - pipeline/run/: the commands (migrate, validate, verify, sync, cutover). They sit above mappings/
 *   because a command picks the mapping (Freezer's when the caller names none); nothing else in
 *   pipeline/ names a mapping. cli/ and index.ts are the tops.
 *
 *   node scripts/check-layers.ts [root]   checks the tree at `root` (default: this repository)
 *
 * Only relative imports are followed (packages are not product code); `import type` counts like any
 * other import, since a type-only circle is still a circle a reader has to untangle.
 */
import { resolve } from 'node:path';
import { REPO_ROOT, importsOf, tsFiles } from './import-graph.ts';

/** Product roots in layer order, lowest first. */
const LAYERS = ['core', 'schema', 'transforms', 'pipeline', 'mappings', 'pipeline/run', 'cli', 'index.ts'];

/** The layer of a file: the longest layer path it lies in (`pipeline/run/x.ts` → `pipeline/run`). */
function layerOf(file: string): number {
  let best = -1;
  for (const [rank, layer] of LAYERS.entries()) {
    if ((file === layer || file.startsWith(`${layer}/`)) && (best === -1 || layer.length > LAYERS[best]!.length)) best = rank;
  }
  return best;
}

const root = process.argv[2] === undefined ? REPO_ROOT : resolve(process.argv[2]);
const files = [...new Set(LAYERS.flatMap((name) => tsFiles(name, root)))];
const graph = new Map(files.map((file) => [file, importsOf(file, root).files]));
const offences: string[] = [];

for (const [file, targets] of graph) {
  for (const target of targets) {
    if (!graph.has(target)) offences.push(`${file}: imports ${target}, which is not a product file`);
    else if (layerOf(target) > layerOf(file)) {
      offences.push(`${file}: imports ${target} from the higher layer ${LAYERS[layerOf(target)]}`);
    }
  }
}

// Cycles: a depth-first walk; a back edge to a file still on the stack closes a circle.
const state = new Map<string, 'open' | 'done'>();
const stack: string[] = [];
function visit(file: string): void {
  state.set(file, 'open');
  stack.push(file);
  for (const target of graph.get(file) ?? []) {
    if (!graph.has(target)) continue;
    if (state.get(target) === 'open') {
      offences.push(`import cycle: ${[...stack.slice(stack.indexOf(target)), target].join(' -> ')}`);
    } else if (!state.has(target)) visit(target);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);

for (const offence of offences) console.error(`check-layers: ${offence}`);
if (offences.length > 0) process.exit(1);
console.log(`check-layers: ${files.length} files, layers and imports in order`);
