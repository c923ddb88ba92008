import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import test from 'ava';
import { TEST_ES_MAJORS, deleteIndex, esRequest, esUrl, uniqueIndex } from '../helpers/elasticsearch.ts';

const SCRIPT = resolve('scripts/corpus');
/** The newest Elasticsearch of the run (8 unless ES2SQL_TEST_ES_MAJORS narrows it). */
const NEWEST = Math.max(...TEST_ES_MAJORS);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function corpus(args: string[], cwd = process.cwd()): Promise<Run> {
  return new Promise((done) => {
    execFile(SCRIPT, args, { cwd, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

async function scratch(t: { teardown: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'corpus-cli-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const BAD_FLAGS: Array<[string[], string]> = [
  [[], 'corpus: say where to write: --out file.ndjson or --es <url>'],
  [['--out', 'x.ndjson', '--es', 'http://127.0.0.1:9'], 'corpus: give --out or --es, not both'],
  [['--docs', 'abc', '--out', 'x.ndjson'], 'corpus: --docs must be a whole number ≥ 0 (100000, 100k and 1M work), got "abc"'],
  [['--out', 'x.ndjson', '--frobnicate'], 'corpus: Unknown argument: frobnicate (scripts/corpus --help lists the options)'],
  [['--out', 'x.ndjson', '--rate', 'big_integer=2'], 'corpus: --rate dirty.big_integer must be a fraction between 0 and 1, got "2"'],
  [['--out', 'x.ndjson', '--dirty-rate', '-1'], 'corpus: --dirty-rate must be a fraction between 0 and 1, got "-1"'],
  [['--out', 'x.ndjson', '--seed', 'banana'], 'corpus: --seed must be a whole number, got "banana"'],
  [['--out', 'x.ndjson', '--mix', 'backups'], 'corpus: --mix takes <name>=<value>, got "backups"'],
  [['--out', 'x.ndjson', '--es-layout', 'flat'], 'corpus: Invalid values: Argument: es-layout, Given: "flat", Choices: "multi-type", "per-entity", "typeless" (scripts/corpus --help lists the options)'],
  [['--out', 'x.ndjson', '--rate', 'unclassifiable=0.1'], 'corpus: dirty.unclassifiable needs --es-layout typeless (with types every document is classified by its _type)'],
  [['--es', 'not-a-url'], 'corpus: --es must be an http(s) URL, got "not-a-url"'],
];

for (const [args, message] of BAD_FLAGS) {
  test(`bad flags: scripts/corpus ${args.join(' ') || '(nothing)'} → exit 2 and one line`, async (t) => {
    const dir = await scratch(t);
    const run = await corpus(args, dir);
    t.is(run.code, 2);
    t.is(run.stdout, '');
    t.is(run.stderr, `${message}\n`);
  });
}

test('an unknown case name is refused with the list of cases, on one line', async (t) => {
  const run = await corpus(['--out', 'x.ndjson', '--rate', 'bogus=0.1'], await scratch(t));
  t.is(run.code, 2);
  t.regex(run.stderr, /^corpus: --rate: unknown case "bogus"; cases: v1_no_project, .*, unclassifiable\n$/);
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

test('an unreachable Elasticsearch gives exit 1 and one line', async (t) => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  const run = await corpus(['--es', url, '--docs', '10']);
  t.is(run.code, 1);
  t.is(run.stderr, `corpus: cannot reach Elasticsearch at ${url}: ECONNREFUSED\n`);
});

test('an existing index is kept unless --replace is given', async (t) => {
  const url = esUrl(NEWEST);
  const index = uniqueIndex('corpus');
  t.teardown(() => deleteIndex(url, index));
  await esRequest(url, 'PUT', `/${index}`);
  const refused = await corpus(['--es', url, '--index', index, '--docs', '50']);
  t.is(refused.code, 2);
  t.is(refused.stderr, `corpus: index ${index} already exists on ${url}: add --replace to delete it first, or pick another --index\n`);
  const replaced = await corpus(['--es', url, '--index', index, '--docs', '50', '--replace', '--quiet']);
  t.is(replaced.code, 0, replaced.stderr);
  t.is(replaced.stdout, '');
  t.is((await esRequest(url, 'GET', `/${index}/_count`)).count, 50);
});

test('--out from another working directory: summary line, same seed → same file, manifest beside it', async (t) => {
  const dir = await scratch(t);
  const first = await corpus(['--docs', '5000', '--seed', '9', '--out', 'a.ndjson', '--manifest', 'a.cases.ndjson'], dir);
  const second = await corpus(['--docs', '5k', '--seed', '9', '--out', join(dir, 'b.ndjson')], tmpdir());
  t.is(first.code, 0, first.stderr);
  t.is(second.code, 0, second.stderr);
  t.regex(first.stdout, /^corpus: 5000 docs \(clients \d+, sessions \d+, actions \d+, jobs \d+, backups \d+\), [\d.]+ MB, [\d.]+ s, \d+ docs\/s → a\.ndjson \(multi-type\)\n$/);
  const hash = async (name: string) => createHash('sha256').update(await readFile(join(dir, name))).digest('hex');
  t.is(await hash('a.ndjson'), await hash('b.ndjson'));
  t.is((await readFile(join(dir, 'a.cases.ndjson'), 'utf8')).trimEnd().split('\n').length, 5000);
});

test('--help prints the options and exits 0', async (t) => {
  const run = await corpus(['--help']);
  t.is(run.code, 0);
  t.regex(run.stdout, /--docs[\s\S]*--es-layout[\s\S]*--rate[\s\S]*--manifest/);
});

test(`scripts/corpus --docs 100000 --es <ES ${NEWEST}> loads 100k documents and _count matches`, async (t) => {
  const url = esUrl(NEWEST);
  const index = uniqueIndex('corpus');
  t.teardown(() => deleteIndex(url, index));
  const started = Date.now();
  const run = await corpus(['--docs', '100000', '--es', url, '--index', index]);
  t.is(run.code, 0, run.stderr);
  t.log(run.stdout.trim(), `(${((Date.now() - started) / 1000).toFixed(1)} s wall)`);
  t.regex(run.stdout, /^corpus: 100000 docs .* \((typeless|multi-type), ES [\d.]+\), _count verified/);
  t.is((await esRequest(url, 'GET', `/${index}/_count`)).count, 100_000);
});

test('the same seed loads the same documents into Elasticsearch', async (t) => {
  const url = esUrl(NEWEST);
  const [a, b] = [uniqueIndex('corpus'), uniqueIndex('corpus')];
  t.teardown(async () => {
    await deleteIndex(url, a);
    await deleteIndex(url, b);
  });
  for (const index of [a, b]) t.is((await corpus(['--docs', '1500', '--seed', '31', '--es', url, '--index', index, '--quiet'])).code, 0);
  const sources = async (index: string) => {
    const hits = (await esRequest(url, 'POST', `/${index}/_search`, { size: 1500, query: { match_all: {} } })).hits.hits as Array<{ _id: string; _source: unknown }>;
    return new Map(hits.map((hit) => [hit._id, JSON.stringify(hit._source)]));
  };
  const [docsA, docsB] = [await sources(a), await sources(b)];
  t.is(docsA.size, 1500);
  t.deepEqual(docsA, docsB);
});
