import test from 'ava';
import { pipelineId } from '../../pipeline/state/pipeline-id.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';

const id = (url: string) => pipelineId('http://127.0.0.1:9200', 'freezer', parseDatabaseUrl(url, '/srv'));

test('the same target written differently is the same pipeline (password, default port, SQLAlchemy scheme)', (t) => {
  const base = id('mysql://freezer@db.example.org/freezer');
  t.is(id('mysql://freezer:s3cret@db.example.org/freezer'), base);
  t.is(id('mysql+pymysql://freezer:s3cret@DB.example.org:3306/freezer?charset=utf8'), base);
  t.is(id('postgres://u@h/d'), id('postgresql://u:p@h:5432/d'));
  t.is(id('sqlite:es2sql.db'), id('sqlite:/srv/es2sql.db'));
});

test('another database, user, index or source is another pipeline', (t) => {
  const base = id('mysql://freezer@db/freezer');
  t.not(id('mysql://freezer@db/freezer2'), base);
  t.not(id('mysql://other@db/freezer'), base);
  t.not(id('mysql://freezer@db:3307/freezer'), base);
  t.not(pipelineId('http://127.0.0.1:9200', 'freezer-old', parseDatabaseUrl('mysql://freezer@db/freezer')), base);
  t.not(pipelineId('http://10.0.0.1:9200', 'freezer', parseDatabaseUrl('mysql://freezer@db/freezer')), base);
});
