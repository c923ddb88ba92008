import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freezerMapping, resolveMapping, UnknownMappingError } from '../../mappings/index.ts';

test('freezer, nothing and an empty value give the Freezer mapping', async (t) => {
  for (const spec of [undefined, '', 'freezer', ' freezer ']) t.is(await resolveMapping(spec), freezerMapping, String(spec));
  t.deepEqual(freezerMapping.partitioning.partitions, ['clients', 'sessions', 'actions', 'jobs', 'backups']);
});

test('an unknown name, a missing file and a file without a mapping are one-line UnknownMappingErrors', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-resolve-'));
  try {
    await t.throwsAsync(resolveMapping('orders'), { instanceOf: UnknownMappingError, message: 'unknown mapping "orders"; use freezer, auto, or a mapping file (.json, .ts)' });
    await t.throwsAsync(resolveMapping('nope.ts', { cwd: dir }), { instanceOf: UnknownMappingError, message: `the mapping file ${join(dir, 'nope.ts')} does not exist; check the path given to --mapping` });
    writeFileSync(join(dir, 'empty.mjs'), 'export const something = 1;\n');
    await t.throwsAsync(resolveMapping('empty.mjs', { cwd: dir }), { instanceOf: UnknownMappingError, message: /exports no mapping/ });
    const error = await t.throwsAsync(resolveMapping('orders'));
    t.true(error instanceof RangeError, 'a RangeError like the other option checks: exit 64 in the CLI');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a module exporting a mapping is loaded, relative to the working directory given', async (t) => {
  const helpers = resolve(import.meta.dirname, 'helpers');
  const mapping = await resolveMapping('notes-mapping-module.ts', { cwd: helpers });
  t.is(mapping.name, 'notes');
  t.deepEqual(mapping.partitioning.partitions, ['notes']);
});
