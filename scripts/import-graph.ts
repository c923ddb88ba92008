/**
 * The imports of TypeScript files, read with regular expressions (no parser, no dependency): the
 * `import … from`, `export … from`, side-effect and dynamic `import()` forms, each at its own
 * statement so doc comments that show an import are not taken for one. Used by
 * `check-layers.ts` (product layering) and `test-offline.ts` (which tests need no server).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository root (this file lives in scripts/). */
export const REPO_ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

const STATIC_IMPORT = /^\s*(?:import|export)\b[^;()=]*?\bfrom\s*['"]([^'"]+)['"]/gm;
const SIDE_EFFECT_IMPORT = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** What one file imports: repository files (relative to the root) and packages (bare names). */
export interface FileImports {
  files: string[];
  packages: string[];
}

/** The `.ts` files under `path` (a file or a folder), relative to `root`, `.d.ts` excluded. */
export function tsFiles(path: string, root = REPO_ROOT): string[] {
  const absolute = join(root, path);
  let stat;
  try {
    stat = statSync(absolute);
  } catch {
    return [];
  }
  if (stat.isFile()) return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  return readdirSync(absolute).flatMap((name) => (name === 'node_modules' ? [] : tsFiles(join(path, name), root)));
}

/** The imports of one file (path relative to `root`). */
export function importsOf(file: string, root = REPO_ROOT): FileImports {
  const text = readFileSync(join(root, file), 'utf8');
  const files = new Set<string>();
  const packages = new Set<string>();
  for (const pattern of [STATIC_IMPORT, SIDE_EFFECT_IMPORT, DYNAMIC_IMPORT]) {
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) files.add(relative(root, resolve(root, dirname(file), specifier)));
      else if (!specifier.startsWith('node:')) packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  }
  return { files: [...files], packages: [...packages] };
}
