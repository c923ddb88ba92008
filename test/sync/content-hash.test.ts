import test from 'ava';
import { createHash } from 'node:crypto';
import { JsonNumber } from '../../core/json-value.ts';
import { contentHash } from '../../pipeline/sync/content-hash.ts';

// Stored in es2sql_content_hashes by every migrate and sync of a source without versions: a change
// of definition would make the next sync rewrite every such document.
test('content hash: SHA-256 (hex) of [_type, _source] as JSON text, numbers in their exact source text', (t) => {
  const source = { backup_id: 'b-1', size: new JsonNumber('12345678901234567890'), level: new JsonNumber('1.0'), tags: ['ü', 2] };
  const text = '["backups",{"backup_id":"b-1","size":12345678901234567890,"level":1.0,"tags":["ü",2]}]';
  t.is(contentHash({ type: 'backups', source }), createHash('sha256').update(text).digest('hex'));
  t.is(contentHash({ type: null, source: { a: 1 } }), createHash('sha256').update('[null,{"a":1}]').digest('hex'));
  t.not(contentHash({ type: 'jobs', source: { a: 1 } }), contentHash({ type: null, source: { a: 1 } }));
});
