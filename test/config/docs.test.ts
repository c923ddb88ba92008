import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import test from 'ava';
import { CONFIG_OPTIONS, FILE_OPTIONS } from '../../cli/config/config-options.ts';
import { ENV_NAMES } from '../../cli/config/env-config.ts';

const docs = readFileSync(resolve(import.meta.dirname, '../../docs/configuration.md'), 'utf8');
const referenceRows = docs.split('\n').filter((line) => line.startsWith('| ') && line.includes('`--'));

for (const option of CONFIG_OPTIONS) {
  test(`docs/configuration.md documents ${option.flag} with its variable and file keys`, (t) => {
    const row = referenceRows.find((line) => line.includes(`\`${option.flag}\``));
    t.truthy(row, `no reference row for ${option.flag}`);
    t.true(row?.includes(`\`${option.env}\``), option.env);
    for (const key of option.file.keys) t.true(row?.includes(`[${option.file.section}] ${key}`), `[${option.file.section}] ${key}`);
    if (option.default !== undefined) t.true(row?.includes(String(option.default)), `default ${String(option.default)}`);
  });
}

test('docs/configuration.md documents the config-file options', (t) => {
  for (const option of Object.values(FILE_OPTIONS)) {
    t.true(docs.includes(`\`${option.flag}\``) && docs.includes(`\`${option.env}\``), option.flag);
  }
  t.true(docs.includes('[source] freezer_api_config'));
});

test('docs/configuration.md names every environment variable es2sql reads', (t) => {
  for (const name of ENV_NAMES) t.true(docs.includes(`\`${name}`), name);
});
