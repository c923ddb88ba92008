/**
 * Throughput of transformDocument on synthetic documents (not a test; run by hand):
 *   npx node test/transforms/helpers/bench-transform.ts [count] [A|B-head]
 */
import type { SourceDocument } from '../../../core/source-document.ts';
import { transformDocument } from '../../../transforms/transform-document.ts';
import { makeContext, makeDoc } from './context.ts';
import { layoutA, layoutBHead } from './layout-schemas.ts';
import { actionSource, backupSource, clientSource, jobEntry, jobSource, sessionSource } from './sample-docs.ts';

const count = Number(process.argv[2] ?? 100_000);
const schema = process.argv[3] === 'A' ? layoutA('mysql') : layoutBHead('mysql');
const makers = [
  (i: number) => makeDoc('backups', `b${i}`, JSON.stringify({ ...backupSource(), backup_id: i.toString(16).padStart(32, '0') })),
  (i: number) => makeDoc('backups', `b${i}`, JSON.stringify({ ...backupSource(), backup_id: i.toString(16).padStart(32, '1') })),
  (i: number) => makeDoc('backups', `b${i}`, JSON.stringify({ ...backupSource(), backup_id: i.toString(16).padStart(32, '2') })),
  (i: number) => makeDoc('actions', `a${i}`, JSON.stringify({ ...actionSource(), action_id: `a${i}` })),
  (i: number) => makeDoc('jobs', `j${i}`, JSON.stringify({ ...jobSource(), job_id: `j${i}`, job_actions: [jobEntry(), jobEntry(null), jobEntry(`x${i}`)] })),
  (i: number) => makeDoc('sessions', `s${i}`, JSON.stringify({ ...sessionSource(), session_id: `s${i}` })),
  (i: number) => makeDoc(null, `c${i}`, JSON.stringify(clientSource())),
];
const docs: SourceDocument[] = Array.from({ length: count }, (_, i) => makers[i % makers.length]!(i));
const ctx = makeContext(schema);
for (const doc of docs.slice(0, 2000)) transformDocument(doc, ctx);
const start = process.hrtime.bigint();
let accepted = 0;
for (const doc of docs) if (transformDocument(doc, ctx).kind === 'accepted') accepted += 1;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`${count} docs (${accepted} accepted) on layout ${schema.layout}/${schema.revision}: ${seconds.toFixed(2)} s, ${Math.round(count / seconds)} docs/s`);
