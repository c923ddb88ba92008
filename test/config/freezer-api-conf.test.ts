import test from 'ava';
import { checkConfig } from '../../cli/config/check-config.ts';
import type { ElasticsearchSourceConfig, ResolvedConfig } from '../../cli/config/resolved-config.ts';
import { fixture, resolveWith } from './helpers/config-fixtures.ts';

interface Expected {
  release: string;
  shape: 'storage' | 'backend';
  section: string;
  source: Omit<ElasticsearchSourceConfig, 'kind'>;
  target?: string;
}

// What freezer-api itself would connect to with each file (read the way its release and its
// elasticsearch-py 1.x/2.x client read them).
const RELEASES: Record<string, Expected> = {
  'freezer-api-2.0.0-mitaka.conf': {
    release: '2.0.0 Mitaka: quoted hosts with user info, kept percent-encoded as elasticsearch-py 2 did',
    shape: 'storage',
    section: 'storage',
    source: { urls: ['http://es-mitaka.example.com:9200'], index: 'freezer', username: 'freezer', password: 'm1taka%2Fpw', rejectUnauthorized: false },
  },
  'freezer-api-3.0.0-newton.conf': {
    release: '3.0.0 Newton: deprecated endpoint wins over hosts; hosts without scheme; use_ssl makes them https',
    shape: 'storage',
    section: 'storage',
    source: { urls: ['https://es1.newton.example.com:9200', 'https://es2.newton.example.com:9200'], index: 'freezer_newton', caFile: '/etc/ssl/certs/es-newton-ca.pem', rejectUnauthorized: true },
  },
  'freezer-api-4.0.0-ocata-kolla.conf': {
    release: '4.0.0 Ocata, kolla-ansible template of the time',
    shape: 'storage',
    section: 'storage',
    source: { urls: ['http://10.20.0.10:9200'], index: 'freezer', rejectUnauthorized: false },
  },
  'freezer-api-5.0.0-pike-elasticv2.conf': {
    release: "5.0.0 Pike, install guide: backend = elasticv2, driver class path, repeated use_ssl, ca_certs=''",
    shape: 'backend',
    section: 'elasticv2',
    source: { urls: ['http://localhost:9200'], index: 'freezer', rejectUnauthorized: false },
  },
  'freezer-api-7.0.0-rocky.conf': {
    release: '7.0.0 Rocky: [elasticsearch] with two hosts carrying credentials, [database] connection prepared',
    shape: 'backend',
    section: 'elasticsearch',
    source: { urls: ['http://es1.rocky.example.com:9200', 'http://es2.rocky.example.com:9200'], index: 'freezer', username: 'freezer', password: 'r0cky%40pw', rejectUnauthorized: false },
    target: 'mysql+pymysql://freezer:Db%23Pass%3Bword@db.rocky.example.com/freezer?charset=utf8',
  },
  'freezer-api-13.0.0-zed-devstack.conf': {
    release: '13.0.0 Zed, devstack plugin output plus a [database] connection',
    shape: 'backend',
    section: 'elasticsearch',
    source: { urls: ['http://10.0.0.5:9200'], index: 'freezer', rejectUnauthorized: false },
    target: 'mysql+pymysql://root:Devstack-Db-pw@127.0.0.1/freezer?charset=utf8&plugin=dbcounter',
  },
  'freezer-api-16.0.0-2025.1.conf': {
    release: '16.0.0 2025.1: IPv6 hosts over two lines, custom backend section in another case, $$ in the password',
    shape: 'backend',
    section: 'es_cluster',
    source: { urls: ['http://[fd00:10::11]:9200', 'http://[fd00:10::12]:9200'], index: 'freezer_epoxy', rejectUnauthorized: false },
    target: 'postgresql+psycopg2://freezer:pa$w0rd@[fd00:10::20]:5432/freezer?sslmode=require',
  },
  'freezer-api-18.0.0-2026.1.conf': {
    release: '18.0.0 2026.1, devstack: https, verify_certs, ca_certs, http_auth with # and ; in the password',
    shape: 'backend',
    section: 'elasticsearch',
    source: { urls: ['https://10.0.0.7:9200'], index: 'freezer', username: 'freezer', password: 'Sup3r#Secret;pw', caFile: '/etc/elasticsearch/certs/http_ca.crt', rejectUnauthorized: true },
    target: 'mysql+pymysql://root:Gazpacho-Db-pw@127.0.0.1/freezer?charset=utf8',
  },
};

for (const [file, expected] of Object.entries(RELEASES)) {
  test(`${file}: ${expected.release}`, async (t) => {
    const config = await resolveWith({ configFile: fixture(file) });
    t.deepEqual(config.source, { kind: 'elasticsearch', ...expected.source });
    t.is(config.target, expected.target);
    t.like(config.files.freezerApi, { path: fixture(file), shape: expected.shape, section: expected.section });
    t.is(config.provenance.source, 'freezer-api-config');
    t.is(config.provenance.index, 'freezer-api-config');
    if (expected.target) {
      t.is(config.provenance.target, 'freezer-api-config');
      t.is(config.stateDb, expected.target);
      t.is(config.provenance.stateDb, 'target-fallback');
    }
  });
}

test('a freezer-api.conf with a [database] connection is all migrate needs', async (t) => {
  for (const [file, expected] of Object.entries(RELEASES)) {
    if (!expected.target) continue;
    const config: ResolvedConfig = await resolveWith({ configFile: fixture(file) });
    t.notThrows(() => checkConfig(config, 'migrate'), file);
  }
});

test('the same file works as --freezer-config, ES2SQL_FREEZER_CONFIG and ES2SQL_CONFIG_FILE', async (t) => {
  const file = fixture('freezer-api-7.0.0-rocky.conf');
  const byFlag = await resolveWith({ configFile: file });
  for (const config of [await resolveWith({ freezerConfig: file }), await resolveWith({}, { ES2SQL_FREEZER_CONFIG: file }), await resolveWith({}, { ES2SQL_CONFIG_FILE: file })]) {
    t.deepEqual(config.source, byFlag.source);
    t.is(config.target, byFlag.target);
  }
});

test('an already migrated freezer-api.conf (kolla, driver = sqlalchemy) gives the target but no source', async (t) => {
  const file = fixture('freezer-api-kolla-sqlalchemy.conf');
  const config = await resolveWith({ configFile: file });
  t.is(config.source, undefined);
  t.is(config.target, 'mysql+pymysql://freezer:K0lla-Db-pw@10.20.0.250:3306/freezer');
  const message = `${file} says freezer-api already keeps its data in SQL ([storage] driver = sqlalchemy), so it names no Elasticsearch cluster to read; pass the old cluster with --source http://host:9200 (the target can still come from its [database] connection)`;
  t.is(config.sourceUnavailable, message);
  t.throws(() => checkConfig(config, 'migrate'), { name: 'ConfigError', message });
  t.notThrows(() => checkConfig(config, 'status'));

  const withSource = await resolveWith({ configFile: file, source: 'http://old-es.example.com:9200' });
  t.notThrows(() => checkConfig(withSource, 'migrate'));
  t.deepEqual(withSource.source, { kind: 'elasticsearch', urls: ['http://old-es.example.com:9200'], index: 'freezer', rejectUnauthorized: true });
  t.is(withSource.provenance.target, 'freezer-api-config');
});
