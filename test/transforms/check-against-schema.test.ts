import test from 'ava';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { checkAgainstSchema } from '../../transforms/check-against-schema.ts';
import type { JsonObject } from '../../core/json-value.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import type { Accepted, Row, TransformOutcome } from '../../transforms/transform-result.ts';
import { accepted, codes, makeContext, makeDoc } from './helpers/context.ts';
import { layoutA, layoutBHead } from './helpers/layout-schemas.ts';
import { actionSource, clientSource, sessionSource } from './helpers/sample-docs.ts';

const EMOJI = '\u{1F600}';

function outcomeWith(table: string, row: Row, fields?: Record<string, string>): Accepted {
  return {
    kind: 'accepted',
    entity: 'sessions',
    docId: 'doc-1',
    sqlId: 'doc-1',
    writes: [fields === undefined ? { table, row, mode: 'upsert' } : { table, row, mode: 'upsert', fields }],
    children: [],
    findings: [],
  };
}

const SESSION: Row = { id: 's1', user_id: 'u1' };

const problems: Array<[string, TargetSchema, Row, string, RegExp]> = [
  ['VARCHAR counted in code points', layoutA('postgres'), { ...SESSION, description: 'x'.repeat(256) }, 'too_long', /^sessions\.description is VARCHAR\(255\) but the value has 256 characters$/],
  ['NULL in NOT NULL', layoutA('sqlite'), { ...SESSION, user_id: null }, 'missing_required_field', /^sessions\.user_id is NOT NULL but the value is NULL$/],
  ['NOT NULL column not given', layoutA('sqlite'), { id: 's1' }, 'missing_required_field', /^sessions\.user_id is NOT NULL but no value is given$/],
  ['unknown column', layoutA('sqlite'), { ...SESSION, last_start: '' }, 'invalid_value', /^sessions\.last_start does not exist in the target$/],
  ['wrong type', layoutA('sqlite'), { ...SESSION, hold_off: '30' }, 'invalid_value', /^sessions\.hold_off is INTEGER but the value is a string$/],
  ['32-bit range', layoutA('sqlite'), { ...SESSION, time_start: 2_147_483_648 }, 'integer_out_of_range', /^sessions\.time_start is a 32-bit INTEGER but the value is 2147483648$/],
  ['32-bit range (bigint)', layoutA('sqlite'), { ...SESSION, time_start: -12345678901234567890n }, 'integer_out_of_range', /-12345678901234567890$/],
  ['4-byte character in utf8mb3', layoutA('mysql'), { ...SESSION, description: `hi ${EMOJI}` }, 'charset_unsupported', /^sessions\.description has charset utf8mb3/],
  ['MySQL TEXT byte limit', layoutA('mysql'), { ...SESSION, schedule: 'é'.repeat(40_000) }, 'too_long', /^sessions\.schedule is TEXT \(65535 bytes\) but the value has 80000 bytes of UTF-8$/],
];
for (const [name, schema, row, reason, detail] of problems) {
  test(`checkAgainstSchema: ${name}`, (t) => {
    const result = checkAgainstSchema(outcomeWith('sessions', row, { description: 'description', user_id: 'user_id' }), schema);
    t.like(result, { kind: 'rejected', entity: 'sessions', docId: 'doc-1', reason });
    t.regex(result.kind === 'rejected' ? result.detail : '', detail);
  });
}

test('checkAgainstSchema: the field is the source path of the offending column', (t) => {
  const result = checkAgainstSchema(outcomeWith('sessions', { ...SESSION, description: 'x'.repeat(300) }, { description: 'description' }), layoutA('sqlite'));
  t.like(result, { field: 'description' });
});

test('checkAgainstSchema: code points, not UTF-16 units, are counted', (t) => {
  const result = checkAgainstSchema(outcomeWith('sessions', { ...SESSION, description: EMOJI.repeat(255) }), layoutA('postgres'));
  t.is(result.kind, 'accepted');
});

test('checkAgainstSchema: TEXT has no byte limit outside MySQL; utf8mb4 accepts 4-byte characters with a hazard finding', (t) => {
  t.is(checkAgainstSchema(outcomeWith('sessions', { ...SESSION, schedule: 'é'.repeat(40_000) }), layoutA('sqlite')).kind, 'accepted');
  const mb4 = checkAgainstSchema(outcomeWith('sessions', { ...SESSION, description: EMOJI }, { description: 'description' }), layoutA('mysql', { charset: 'utf8mb4' }));
  t.deepEqual(accepted(mb4).findings.map((f) => [f.code, f.field]), [['four_byte_utf8_connection_hazard', 'description']]);
  t.is(checkAgainstSchema(outcomeWith('sessions', { ...SESSION, description: EMOJI }), layoutA('sqlite')).kind, 'accepted');
});

test('checkAgainstSchema: columns with a database default may be left out', (t) => {
  const row: Row = { id: 'c', user_id: 'u', client_id: 'x', uuid: 'c' };
  t.is(checkAgainstSchema({ ...outcomeWith('clients', row), entity: 'clients' }, layoutBHead('sqlite')).kind, 'accepted');
});

test('checkAgainstSchema: rejected outcomes pass through', (t) => {
  const rejected: TransformOutcome = { kind: 'rejected', entity: null, docId: 'x', reason: 'unclassified_document', detail: 'd', findings: [] };
  t.is(checkAgainstSchema(rejected, layoutA('sqlite')), rejected);
});

test('checkAgainstSchema: child rows are checked too', (t) => {
  const outcome: Accepted = {
    ...outcomeWith('sessions', SESSION),
    children: [{ table: 'job_actions', parentColumn: 'job_id', parentId: 'j', rows: [{ id: 'l', job_id: 'j', action_id: 'a'.repeat(37) }], fields: [{ action_id: 'job_actions.0.action_id' }] }],
  };
  t.like(checkAgainstSchema(outcome, layoutBHead('sqlite')), { kind: 'rejected', reason: 'too_long', field: 'job_actions.0.action_id' });
});

// End to end through transformDocument: the dialect and charset decide.
test('4-byte hostname: rejected on MySQL utf8mb3, migrated on utf8mb4 (hazard) and SQLite', (t) => {
  const source = clientSource();
  (source.client as JsonObject).description = `backup box ${EMOJI}`;
  const doc = makeDoc('clients', 'x', source);
  t.like(transformDocument(doc, makeContext(layoutA('mysql'))), { kind: 'rejected', reason: 'charset_unsupported', field: 'client.description' });
  t.deepEqual(codes(accepted(transformDocument(doc, makeContext(layoutBHead('mysql')))).findings), ['capabilities_defaulted', 'four_byte_utf8_connection_hazard']);
  t.deepEqual(codes(accepted(transformDocument(doc, makeContext(layoutA('sqlite')))).findings), []);
});

test('JSON columns are ASCII-escaped, so 4-byte characters there are fine even on utf8mb3', (t) => {
  const source = actionSource();
  (source.freezer_action as JsonObject).note = EMOJI;
  t.is(transformDocument(makeDoc('actions', 'x', source), makeContext(layoutA('mysql'))).kind, 'accepted');
});

test('over-long user id: rejected where the column is 36 wide, accepted where 64', (t) => {
  const source = { ...clientSource(), user_id: 'u'.repeat(50) };
  t.like(transformDocument(makeDoc('clients', 'x', source), makeContext(layoutBHead('mysql', { origin: 'A' }))), {
    kind: 'rejected',
    reason: 'too_long',
    field: 'user_id',
    detail: 'clients.user_id is VARCHAR(36) but the value has 50 characters',
  });
  t.is(transformDocument(makeDoc('clients', 'x', source), makeContext(layoutBHead('mysql'))).kind, 'accepted');
});

test('a big integer in an INTEGER column is rejected integer_out_of_range', (t) => {
  const doc = makeDoc('sessions', 'x', JSON.stringify({ ...sessionSource(), time_start: 0 }).replace('"time_start":0', '"time_start":12345678901234567890'));
  t.like(transformDocument(doc, makeContext(layoutA('sqlite'))), { kind: 'rejected', reason: 'integer_out_of_range', field: 'time_start' });
});

test('NUL in a VARCHAR: rejected on PostgreSQL only; unpaired surrogates rejected everywhere', (t) => {
  const nul = { ...SESSION, description: 'a\u0000b' };
  t.like(checkAgainstSchema(outcomeWith('sessions', nul), layoutA('postgres')), { kind: 'rejected', reason: 'charset_unsupported' });
  t.is(checkAgainstSchema(outcomeWith('sessions', nul), layoutA('mysql')).kind, 'accepted');
  const lone = { ...SESSION, description: 'a\uD800b' };
  t.like(checkAgainstSchema(outcomeWith('sessions', lone), layoutA('sqlite')), { kind: 'rejected', reason: 'invalid_value' });
  t.is(checkAgainstSchema(outcomeWith('sessions', { ...SESSION, description: `a${EMOJI}` }), layoutA('sqlite')).kind, 'accepted');
});
