import type { EncodedWrite } from './encoded-write.ts';
import type { TableWrite } from './table-write.ts';

/**
 * Turns table writes into a dialect's wire form ({@link EncodedWrite}) without a connection: pure,
 * so the hot path runs it beside the transforms (in a worker thread when there are several cores).
 */
export interface RowEncoder {
  encode(write: TableWrite): EncodedWrite;
}
