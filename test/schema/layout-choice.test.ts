import test from 'ava';
import { freshLayoutSchema, parseLayoutChoice, resolveTargetLayout, type TargetSchema } from '../../schema/index.ts';

test('freezer-api releases name their schema: 8–15 layout A, 16–18 layout B at 23c8ad2655a6, head the current alembic head', (t) => {
  for (const release of ['8', '8.0.0', '13', '13.0.0', '13.0.0-2', '14.0.0', '15']) t.like(parseLayoutChoice({ freezerRelease: release }), { layout: 'A', revision: '3' }, release);
  for (const release of ['16', '16.0.0', '17.0.0', '18', '18.0.0']) t.like(parseLayoutChoice({ freezerRelease: release }), { layout: 'B', revision: '23c8ad2655a6' }, release);
  for (const release of ['head', 'HEAD', 'master']) t.like(parseLayoutChoice({ freezerRelease: release }), { layout: 'B', revision: '7a3b9c1d2e4f' }, release);
  t.deepEqual(parseLayoutChoice({ freezerRelease: '13' }), { layout: 'A', revision: '3', label: '--freezer-release 13' });
});

test('layouts can be named directly: a, b (= head), b@<revision>; agreeing options are fine; nothing named gives undefined', (t) => {
  t.like(parseLayoutChoice({ layout: 'a' }), { layout: 'A', revision: '3' });
  t.like(parseLayoutChoice({ layout: 'A@3' }), { layout: 'A', revision: '3' });
  t.like(parseLayoutChoice({ layout: 'b' }), { layout: 'B', revision: '7a3b9c1d2e4f' });
  t.like(parseLayoutChoice({ layout: 'b@23c8ad2655a6' }), { layout: 'B', revision: '23c8ad2655a6', label: '--layout b@23c8ad2655a6' });
  t.like(parseLayoutChoice({ layout: 'b@head' }), { layout: 'B', revision: '7a3b9c1d2e4f' });
  t.like(parseLayoutChoice({ layout: 'b@23c8ad2655a6', freezerRelease: '17' }), { layout: 'B', revision: '23c8ad2655a6' });
  t.is(parseLayoutChoice({}), undefined);
  t.is(parseLayoutChoice({ layout: ' ', freezerRelease: '' }), undefined);
});

test('unknown or unsupported targets are refused with a reason and what to do', (t) => {
  t.throws(() => parseLayoutChoice({ freezerRelease: '6.0.0' }), { name: 'UnknownLayoutError', message: 'freezer-api 6.x has no SQL schema (its SQL backend arrived in 7.0.0); es2sql writes the schemas of 8.0.0 and later: use a freezer-api release such as 13, 15.0.0, 18 or head' });
  t.throws(() => parseLayoutChoice({ freezerRelease: '7' }), { name: 'UnknownLayoutError', message: /^freezer-api 7\.x uses sqlalchemy-migrate version 1–2/ });
  t.throws(() => parseLayoutChoice({ freezerRelease: '19.0.0' }), { name: 'UnknownLayoutError', message: /^freezer-api 19 is newer than es2sql knows/ });
  t.throws(() => parseLayoutChoice({ freezerRelease: 'zed' }), { name: 'UnknownLayoutError', message: 'unknown freezer-api release "zed"; use a freezer-api release such as 13, 15.0.0, 18 or head' });
  t.throws(() => parseLayoutChoice({ layout: 'a@2' }), { name: 'UnknownLayoutError', message: /^layout A at sqlalchemy-migrate version 2 is not a target es2sql creates/ });
  t.throws(() => parseLayoutChoice({ layout: 'b@1@2' }), { name: 'UnknownLayoutError' });
  t.throws(() => parseLayoutChoice({ layout: 'a', freezerRelease: 'head' }), { name: 'LayoutConflictError' });
});

const existing = (layout: 'A' | 'B', revision: string, origin: 'A' | 'B' = layout): TargetSchema => ({ ...freshLayoutSchema('sqlite', layout, layout === 'A' ? '3' : revision), revision, origin });

test('the target layout: existing database > explicit choice > default 18.0.0, never backwards', (t) => {
  t.like(resolveTargetLayout(null, undefined), { layout: 'B', revision: '23c8ad2655a6', source: 'default', action: 'create' });
  t.like(resolveTargetLayout(null, parseLayoutChoice({ freezerRelease: '13' })), { layout: 'A', revision: '3', source: 'explicit', action: 'create' });
  t.like(resolveTargetLayout(existing('A', '3'), undefined), { layout: 'A', revision: '3', source: 'existing', action: 'use' });
  t.like(resolveTargetLayout(existing('A', '1'), undefined), { layout: 'A', revision: '3', source: 'existing', action: 'upgrade' });
  t.like(resolveTargetLayout(existing('B', 'e74c32f034c5'), undefined), { layout: 'B', revision: '23c8ad2655a6', source: 'existing', action: 'upgrade' });
  t.like(resolveTargetLayout(existing('B', '7a3b9c1d2e4f'), undefined), { revision: '7a3b9c1d2e4f', source: 'existing', action: 'use', message: 'the target already holds layout B (alembic 7a3b9c1d2e4f): using it' });
  t.like(resolveTargetLayout(existing('A', '3'), parseLayoutChoice({ layout: 'b' })), {
    layout: 'B', revision: '7a3b9c1d2e4f', source: 'explicit', action: 'upgrade',
    message: 'the target holds layout A (sqlalchemy-migrate version 3): upgrading it to layout B (alembic 7a3b9c1d2e4f) as --layout b asks',
  });
  t.like(resolveTargetLayout(existing('B', '23c8ad2655a6'), parseLayoutChoice({ freezerRelease: '17' })), { source: 'explicit', action: 'use' });
  t.throws(() => resolveTargetLayout(existing('B', '23c8ad2655a6'), parseLayoutChoice({ freezerRelease: '13' })), { name: 'LayoutConflictError', message: /es2sql never turns layout B back into A/ });
  t.throws(() => resolveTargetLayout(existing('B', '7a3b9c1d2e4f', 'A'), parseLayoutChoice({ freezerRelease: '16' })), { name: 'LayoutConflictError', message: /es2sql does not downgrade/ });
});

test('freshLayoutSchema describes targets without a database and refuses revisions it cannot create', (t) => {
  const a = freshLayoutSchema('mysql', 'A', '3');
  t.like(a.tables.clients?.columns.find((c) => c.name === 'hostname'), { type: 'varchar', length: 255, nullable: false, charset: 'utf8mb3' });
  t.is(a.tables.clients?.charset, 'utf8mb3');
  const b = freshLayoutSchema('postgres', 'B', '7a3b9c1d2e4f');
  t.like(b.tables.action_reports?.columns.find((c) => c.name === 'report_date'), { type: 'datetime' });
  t.like(b.tables.clients?.columns.find((c) => c.name === 'is_central'), { type: 'boolean', nullable: false, hasDefault: true, defaultValue: false });
  t.deepEqual(Object.keys(b.tables).sort(), ['action_reports', 'actions', 'alembic_version', 'backups', 'clients', 'job_actions', 'jobs', 'sessions', 'user_credentials']);
  t.throws(() => freshLayoutSchema('sqlite', 'A', '2'), { name: 'UnknownLayoutError' });
  t.throws(() => freshLayoutSchema('sqlite', 'B', 'abc'), { name: 'UnknownLayoutError' });
});
