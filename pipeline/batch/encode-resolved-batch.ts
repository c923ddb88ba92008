import type { SourceDocument } from '../../core/source-document.ts';
import { planBatch } from '../load/batch-plan.ts';
import { encodeBatch, encodeTransformed, tallyItems, transformItems, type BatchEncoding } from './encode-batch.ts';
import type { EncodedBatch } from './encoded-batch.ts';
import { applyEarlierDecision, copyQueries } from './resolve-duplicates.ts';
import type { CopiesResolver } from './run-copies.ts';

/**
 * {@link encodeBatch} with the duplicate rule against copies this run committed earlier: transform
 * (and the in-page rule), then the asynchronous check (`copies`: the state store in this thread, or
 * a round trip to the main thread from a worker), then tally and encode. Without `copies`, exactly
 * encodeBatch.
 */
export async function encodeResolvedBatch(documents: readonly SourceDocument[], encoding: BatchEncoding, copies?: CopiesResolver): Promise<EncodedBatch> {
  if (copies === undefined) return encodeBatch(documents, encoding).batch;
  const items = transformItems(documents, encoding);
  // An immediate answer (no earlier copy possible) keeps the whole page synchronous: its documents
  // and rows die young instead of waiting out a database round trip.
  const asked = copies(encoding.partition, copyQueries(items.items));
  const answer = asked instanceof Promise ? await asked : asked;
  const page = tallyItems({ read: items.read, ...applyEarlierDecision(encoding.partition, items, answer.decision) }, encoding);
  return { ...encodeTransformed(page, planBatch(page.accepted, encoding.schema, encoding.tableOrder), encoding), copiesTicket: answer.ticket };
}
