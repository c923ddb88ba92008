import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import test from 'ava';
import { tableNames } from '../../cli/helpers/dump-tables.ts';
import { runCli } from '../../cli/helpers/run-cli.ts';

const SAMPLE = resolve('fixtures/orders-sample.ndjson');

test('quick start, third command: the orders sample with --mapping auto into the default SQLite file, verify clean', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-auto-qs-'));
  try {
    const run = await runCli(['migrate', '--source', SAMPLE, '--mapping', 'auto'], { cwd: dir });
    t.is(run.code, 0, run.stderr);
    t.regex(run.stderr, /created the tables of the "auto" mapping: orders, orders_tags, orders_lines, orders_lines_serials/);
    t.regex(run.stdout, /orders\s+60\s+60\s+60\s+0\s+340/);
    const tables = await tableNames(`sqlite:${join(dir, 'es2sql.db')}`);
    for (const name of ['orders', 'orders_tags', 'orders_lines', 'orders_lines_serials']) t.true(tables.includes(name), name);
    const verified = await runCli(['verify', '--source', SAMPLE, '--mapping', 'auto'], { cwd: dir });
    t.is(verified.code, 0, verified.stderr + verified.stdout);
    t.regex(verified.stdout, /SQL matches Elasticsearch/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a defineMapping module drives migrate and verify (docs/examples/orders-mapping.ts into SQLite)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-declared-'));
  try {
    const module = resolve('docs/examples/orders-mapping.ts');
    const migrated = await runCli(['migrate', '--source', SAMPLE, '--mapping', module, '--target', 'sqlite:declared.db'], { cwd: dir });
    t.is(migrated.code, 0, migrated.stderr);
    t.regex(migrated.stdout, /orders\s+60\s+60\s+60\s+0\s+150/);
    t.regex(migrated.stdout, /no_customer 6/);
    const verified = await runCli(['verify', '--source', SAMPLE, '--mapping', module, '--target', 'sqlite:declared.db'], { cwd: dir });
    t.is(verified.code, 0, verified.stderr + verified.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mapping generate writes an editable file; the edited file drives migrate', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-auto-gen-'));
  try {
    const generated = await runCli(['mapping', 'generate', '--source', SAMPLE, '--out', 'orders.json', '--dialect', 'postgres'], { cwd: dir });
    t.is(generated.code, 0, generated.stderr);
    t.regex(generated.stdout, /wrote .*orders\.json: 4 tables from 60 scanned documents/);
    t.regex(generated.stderr, /table orders_lines \(5 columns, key _id, lines_position\): nested field/);
    const file = join(dir, 'orders.json');
    const plan = JSON.parse(readFileSync(file, 'utf8')) as { ddl: Record<string, string[]> };
    t.deepEqual(Object.keys(plan.ddl), ['postgres']);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"name": "customer_name"', '"name": "buyer"'));
    const migrated = await runCli(['migrate', '--source', SAMPLE, '--mapping', 'orders.json', '--target', 'sqlite:edited.db'], { cwd: dir });
    t.is(migrated.code, 0, migrated.stderr);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"kind": "date"', '"kind": "dat"'));
    const broken = await runCli(['migrate', '--source', SAMPLE, '--mapping', 'orders.json', '--target', 'sqlite:edited.db'], { cwd: dir });
    t.is(broken.code, 64);
    t.regex(broken.stderr, /mapping file: tables "orders" column \d+ \("placed"\) has kind "dat"; use one of/);
    const usage = await runCli(['mapping', 'generate', '--source', SAMPLE, '--scan', 'most'], { cwd: dir });
    t.is(usage.code, 64);
    t.regex(usage.stderr, /--scan is "most"; use sample/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
