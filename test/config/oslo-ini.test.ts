import test from 'ava';
import { IniSyntaxError, parseOsloIni } from '../../cli/config/oslo-ini.ts';
import { substitutedValue } from '../../cli/config/oslo-template.ts';

test('values keep what oslo.config keeps: inline # and ;, inner quotes, %(name)s', (t) => {
  const document = parseOsloIni(
    [
      '[database]',
      'connection = mysql+pymysql://u:p#ss;w0rd@db/freezer?charset=utf8 # not a comment',
      'quoted = "a "b" c"',
      "single = 'x'",
      'lone = "',
      'half = "abc',
      'empty =',
      'format = %(name)s [-] %(message)s',
      'flag = true',
      'nothing = null',
    ].join('\n'),
  );
  t.deepEqual({ ...document['database'] }, {
    connection: 'mysql+pymysql://u:p#ss;w0rd@db/freezer?charset=utf8 # not a comment',
    quoted: 'a "b" c',
    single: 'x',
    lone: '',
    half: '"abc',
    empty: '',
    format: '%(name)s [-] %(message)s',
    flag: 'true',
    nothing: 'null',
  });
});

test('key: value, continuation lines, repeated keys and sections', (t) => {
  const document = parseOsloIni(
    [
      '[Storage]',
      'backend: elasticsearch',
      'url = http://a:9200',
      '[elasticsearch]',
      'hosts = http://es1:9200,',
      '    http://es2:9200',
      '\thttp://es3:9200',
      '',
      'use_ssl = false',
      'use_ssl = true',
      '[storage]',
      'driver = elasticsearch',
    ].join('\r\n'),
  );
  t.deepEqual({ ...document['storage'] }, { backend: 'elasticsearch', url: 'http://a:9200', driver: 'elasticsearch' });
  t.is(document['elasticsearch']?.['hosts'], 'http://es1:9200,\nhttp://es2:9200\nhttp://es3:9200');
  t.is(document['elasticsearch']?.['use_ssl'], 'true');
});

test('section names: DEFAULT kept, others lower-cased, dots not nested, byte-order mark ignored', (t) => {
  const document = parseOsloIni('\uFEFF[DEFAULT]\nx = 1\n[ES.Prod]\nhosts = h:9200\n[default]\ny = 2\n');
  t.deepEqual(Object.keys(document).sort(), ['DEFAULT', 'default', 'es.prod']);
  t.is(document['es.prod']?.['hosts'], 'h:9200');
});

test('comments only at the start of a line; an indented comment continues the value', (t) => {
  const document = parseOsloIni('[a]\n# one\n; two\nk = v\n  # still part of k\n');
  t.is(document['a']?.['k'], 'v\n# still part of k');
});

const SYNTAX_ERRORS: Array<[string, string, number, string]> = [
  ['option before any section', 'password = s3cret\n[a]\n', 1, 'option before the first [section] header'],
  ['section without ]', '[a]\nk = v\n[storage] # comment\n', 3, "section header does not end with ']' (a comment after it is not allowed)"],
  ['empty section', '[]\n', 1, 'empty section name []'],
  ['indented line after a blank line', '[a]\nk = v\n\n   http://u:s3cret@h\n', 4, 'indented line outside a value (oslo.config reads indented lines as the continuation of the option above; remove the indentation or the blank line/comment before it)'],
  ['no separator', '[a]\npassword s3cret\n', 2, "no '=' in this line (every line must be [section], key = value, a comment, or an indented continuation)"],
  ['no key', '[a]\n= s3cret\n', 2, "the line starts with '=' (no option name)"],
];

for (const [name, text, line, problem] of SYNTAX_ERRORS) {
  test(`syntax error: ${name}`, (t) => {
    const error = t.throws(() => parseOsloIni(text), { instanceOf: IniSyntaxError });
    t.is(error?.line, line);
    t.is(error?.problem, problem);
    t.false(error?.message.includes('s3cret'), 'the offending line is never quoted');
  });
}

test('like oslo.config, the first of = and : separates key and value', (t) => {
  t.deepEqual({ ...parseOsloIni('[a]\nconnection mysql://u@h/db\nhosts = http://h:9200\n')['a'] }, { 'connection mysql': '//u@h/db', hosts: 'http://h:9200' });
});

test('$ substitution as oslo.config does it', (t) => {
  const document = parseOsloIni(
    [
      '[DEFAULT]',
      'db_host = db.example.com',
      '[database]',
      'user = freezer',
      'connection = mysql://$user:pa$$w\\$rd@${DEFAULT.db_host}/freezer?x=$unknown&y=${missing.key}&z=$loop',
      'loop = $loop',
      'literal = 100%(percent)s and $',
    ].join('\n'),
  );
  t.is(substitutedValue(document, 'database', 'connection'), 'mysql://freezer:pa$w$rd@db.example.com/freezer?x=$unknown&y=${missing.key}&z=$loop');
  t.is(substitutedValue(document, 'database', 'literal'), '100%(percent)s and $');
  t.is(substitutedValue(document, 'database', 'absent'), undefined);
});
