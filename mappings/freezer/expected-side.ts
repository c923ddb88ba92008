import type { TargetSchema } from '../../schema/table-schema.ts';
import { isEntity, type Entity } from '../../core/entity.ts';
import { canonicalJson, documentHash, expectedFromDocument, type ApiDocument } from '../../transforms/readback/index.ts';
import type { TransformContext } from '../../transforms/transform-context.ts';
import { transformDocument } from '../../transforms/transform-document.ts';
import type { TransformOutcome } from '../../transforms/transform-result.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import { duplicateKeyOf } from '../../pipeline/batch/duplicate-rejects.ts';
import type { StateEntry } from '../../pipeline/verify/state-view.ts';
import type { VerifyLedger } from '../../pipeline/verify/verify-ledger.ts';

/** What verify expects of one Elasticsearch document. */
export type Expectation =
  | { kind: 'expected'; entity: Entity; sqlId: string; document: ApiDocument }
  | { kind: 'reject'; entity: string; reason: string; source: 'state' | 'policy' };

function unclassified(doc: SourceDocument): TransformOutcome {
  return { kind: 'rejected', entity: null, docId: doc.id, reason: 'unclassified_document', detail: 'unclassified partition', findings: [] };
}

/**
 * The Elasticsearch side of a verification: each document goes through the same transforms as
 * `migrate` (to know whether it is refused and which SQL id it gets, unless the state says) and
 * then through the read-back rules, which give the API document freezer-api should return.
 */
export class ExpectedSide {
  readonly #schema: TargetSchema;
  readonly #context: TransformContext;
  readonly #ledger: VerifyLedger;

  constructor(schema: TargetSchema, context: TransformContext, ledger: VerifyLedger) {
    this.#schema = schema;
    this.#context = context;
    this.#ledger = ledger;
  }

  #outcome(partition: string, doc: SourceDocument): TransformOutcome {
    return partition === 'unclassified' || !isEntity(partition) ? unclassified(doc) : transformDocument(doc, this.#context);
  }

  /** What SQL should show for `doc` (read from `partition`), given what the state knows about it. */
  expectation(partition: string, doc: SourceDocument, state: StateEntry | undefined): Expectation {
    return this.#evaluate(partition, doc, state).expectation;
  }

  #evaluate(partition: string, doc: SourceDocument, state: StateEntry | undefined): { expectation: Expectation; outcome: TransformOutcome } {
    const outcome = this.#outcome(partition, doc);
    return { expectation: this.#expect(partition, doc, state, outcome), outcome };
  }

  #expect(partition: string, doc: SourceDocument, state: StateEntry | undefined, outcome: TransformOutcome): Expectation {
    if (state?.rejectReason !== undefined) return { kind: 'reject', entity: outcome.entity ?? partition, reason: state.rejectReason, source: 'state' };
    if (outcome.kind === 'rejected') return { kind: 'reject', entity: outcome.entity ?? partition, reason: outcome.reason, source: 'policy' };
    const sqlId = state?.sqlId ?? outcome.sqlId;
    const document = expectedFromDocument(outcome.entity, doc, {
      schema: this.#schema,
      sqlId,
      defaultProjectId: this.#context.defaultProjectId,
      storedAction: (id) => {
        const stored = this.#ledger.storedDocument('actions', id);
        return stored === undefined ? undefined : { projectId: stored.scope, document: stored.document };
      },
      ...(this.#context.actionCatalog === undefined ? {} : { actionCatalog: this.#context.actionCatalog }),
    });
    return { kind: 'expected', entity: outcome.entity, sqlId, document };
  }

  /** Records a page of documents: expected hashes, known rejects, stored and derived actions. */
  record(partition: string, documents: readonly SourceDocument[], states: ReadonlyMap<string, StateEntry>): void {
    this.#ledger.batch(() => {
      for (const doc of documents) {
        // A copy the duplicate rule rejected: the state holds its reject under its own key.
        const duplicate = states.size === 0 ? undefined : duplicateKeyOf(doc);
        const rejectedCopy = duplicate === undefined ? undefined : states.get(duplicate);
        if (rejectedCopy?.rejectReason !== undefined) {
          this.#ledger.reject({ partition, entity: partition, docId: duplicate!, reason: rejectedCopy.rejectReason, source: 'state' });
          continue;
        }
        const { expectation, outcome } = this.#evaluate(partition, doc, states.get(doc.id));
        if (expectation.kind === 'reject') {
          this.#ledger.reject({ partition, entity: expectation.entity, docId: doc.id, reason: expectation.reason, source: expectation.source });
          continue;
        }
        this.#ledger.expected({ entity: expectation.entity, partition, docId: doc.id, sqlId: expectation.sqlId, hash: documentHash(expectation.document) });
        if (expectation.entity === 'actions') {
          const { mandatory: _mandatory, ...entry } = expectation.document;
          this.#ledger.storeDocument('actions', expectation.sqlId, typeof entry.project_id === 'string' ? entry.project_id : null, canonicalJson(entry));
        } else if (expectation.entity === 'jobs') {
          this.#recordDerivedActions(outcome);
        }
      }
    });
  }

  /** Action rows a job's entries create (layout B): SQL rows without an action document of their own. */
  #recordDerivedActions(outcome: TransformOutcome): void {
    if (outcome.kind !== 'accepted') return;
    for (const write of outcome.writes) {
      if (write.table === 'actions') this.#ledger.derivedRow('actions', String(write.row.id));
    }
  }
}
