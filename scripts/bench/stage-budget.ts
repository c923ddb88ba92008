/**
 * `npm run bench -- --stages`: es2sql's hot path on in-memory pages, no servers: CPU µs per
 * document of each stage a page goes through, per dialect, on one thread. Pages are Elasticsearch
 * search answers of 1,000 hits built from the seeded corpus, so parsing is measured as migrate
 * parses them. The stages are the functions migrate runs (encodeBatch's steps), in its order:
 * parse → transform → check → bookkeeping records → plan → encode rows → encode bookkeeping.
 */
import { elasticdumpLine, generateCorpus } from '../../fixtures/corpus/index.ts';
import { encodeBookkeeping, transformPage, type BatchEncoding } from '../../pipeline/batch/encode-batch.ts';
import { planBatch } from '../../pipeline/load/batch-plan.ts';
import { TABLE_WRITE_ORDER } from '../../mappings/freezer/freezer-table-order.ts';
import { rowEncoderFor } from '../../pipeline/load/row-encoder-for.ts';
import { parseSearchResponse } from '../../pipeline/source/parse-search-response.ts';
import { assertCompletePage, documentsOf, type SearchResponse } from '../../pipeline/source/search-response.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { freshLayoutSchema } from '../../schema/layout/fresh-layout-schema.ts';
import { LAYOUT_B_HEAD } from '../../schema/layout/freezer-revisions.ts';
import { actionCatalogEntry, createActionCatalog } from '../../transforms/action-catalog.ts';
import { checkAgainstSchema } from '../../transforms/check-against-schema.ts';
import { classifyDocument, entityOfType } from '../../core/classify.ts';
import { clientRegistrationKey, createClientRegistry } from '../../transforms/client-registry.ts';
import { ENTITIES } from '../../core/entity.ts';
import type { TransformContext } from '../../transforms/transform-context.ts';
import { ENTITY_TRANSFORMS } from '../../transforms/transform-document.ts';
import type { TransformOutcome } from '../../transforms/transform-result.ts';

export const STAGES = ['parse', 'transform', 'check', 'records', 'plan', 'encode rows', 'encode bookkeeping'] as const;
export type Stage = (typeof STAGES)[number];

/** µs of CPU per document, per stage, for one dialect. */
export interface StageBudget {
  dialect: Dialect;
  docs: number;
  perDoc: Record<Stage, number>;
  total: number;
}

const cpuMs = (): number => {
  const usage = process.threadCpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Search answers of `pageSize` hits per entity, as a PIT search returns them (`_version`, `sort`). */
export function corpusPages(docs: number, seed: number, pageSize = 1000): string[] {
  const byType = new Map<string, string[]>();
  let seq = 0;
  for (const doc of generateCorpus({ docs, seed, allowVersionInSource: false })) {
    const line = elasticdumpLine(doc);
    const type = /"_type":"([a-z]+)"/.exec(line)?.[1] ?? 'unclassified';
    const hit = `${line.slice(0, -1)},"_version":1,"sort":[${seq++},${seq}]}`;
    (byType.get(type) ?? byType.set(type, []).get(type)!).push(hit);
  }
  const pages: string[] = [];
  for (const entity of ENTITIES) {
    const hits = byType.get(entity) ?? [];
    for (let i = 0; i < hits.length; i += pageSize) {
      const text = `{"took":3,"timed_out":false,"_shards":{"total":3,"successful":3,"skipped":0,"failed":0},"hits":{"total":{"value":${hits.length},"relation":"eq"},"max_score":null,"hits":[${hits.slice(i, i + pageSize).join(',')}]}}`;
      // Decoded from bytes as the client decodes an answer: one flat string. The template makes a
      // rope, which the parse stage would flatten first (a copy of the page production never makes).
      pages.push(Buffer.from(text, 'utf8').toString('utf8'));
    }
  }
  return pages;
}

function parsePage(text: string): SourceDocument[] {
  return documentsOf(assertCompletePage(parseSearchResponse(text) as SearchResponse, 'bench', 'stage budget'), 'bench', 'stage budget');
}

function transformContext(pages: readonly string[], dialect: Dialect): TransformContext {
  const clients = [];
  const actions = [];
  for (const text of pages) {
    for (const doc of parsePage(text)) {
      if (doc.type === 'clients') clients.push(clientRegistrationKey(doc));
      if (doc.type === 'actions') actions.push(actionCatalogEntry(doc));
    }
  }
  return {
    schema: freshLayoutSchema(dialect, LAYOUT_B_HEAD.layout, LAYOUT_B_HEAD.revision),
    migrationTime: new Date('2026-01-01T00:00:00Z'),
    defaultProjectId: null,
    clientRegistry: createClientRegistry(clients.filter((c) => c !== null)),
    actionCatalog: createActionCatalog(actions.filter((a) => a !== null)),
  };
}

/** One pass over all pages, each stage timed on this thread's CPU clock. */
function measurePass(pages: readonly string[], context: TransformContext, dialect: Dialect): Record<Stage, number> {
  const spent = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  let last = cpuMs();
  const lap = (stage: Stage) => {
    const now = cpuMs();
    spent[stage] += now - last;
    last = now;
  };
  const encoder = rowEncoderFor(dialect);
  for (const text of pages) {
    const documents = parsePage(text);
    lap('parse');
    const raw = documents.map((doc) => {
      const entity = entityOfType(doc.type) ?? classifyDocument(doc.source)!;
      return ENTITY_TRANSFORMS[entity](doc, context);
    });
    lap('transform');
    const checked = new Map<SourceDocument, TransformOutcome>();
    for (let i = 0; i < documents.length; i++) checked.set(documents[i]!, checkAgainstSchema(raw[i]!, context.schema));
    lap('check');
    const encoding: BatchEncoding = { partition: documents[0]!.type!, pipelineId: 'bench', runId: 'bench', schema: context.schema, transform: (doc) => checked.get(doc)!, tableOrder: TABLE_WRITE_ORDER, target: encoder, state: encoder };
    const page = transformPage(documents, encoding);
    lap('records');
    const plan = planBatch(page.accepted, context.schema, TABLE_WRITE_ORDER);
    lap('plan');
    for (const write of plan.writes) encoder.encode(write);
    lap('encode rows');
    encodeBookkeeping(page, encoding, new Date().toISOString());
    lap('encode bookkeeping');
  }
  return spent;
}

/** The stage budget of each dialect: one warm-up pass, then the best of `passes` (least disturbed). */
export function measureStageBudget(options: { docs: number; seed: number; dialects: readonly Dialect[]; passes?: number }): StageBudget[] {
  const pages = corpusPages(options.docs, options.seed);
  return options.dialects.map((dialect) => {
    const context = transformContext(pages, dialect);
    measurePass(pages, context, dialect);
    let best: Record<Stage, number> | undefined;
    for (let pass = 0; pass < (options.passes ?? 3); pass++) {
      const spent = measurePass(pages, context, dialect);
      const sum = (s: Record<Stage, number>) => STAGES.reduce((total, stage) => total + s[stage], 0);
      if (best === undefined || sum(spent) < sum(best)) best = spent;
    }
    const perDoc = Object.fromEntries(STAGES.map((s) => [s, (best![s] * 1000) / options.docs])) as Record<Stage, number>;
    return { dialect, docs: options.docs, perDoc, total: STAGES.reduce((t, s) => t + perDoc[s], 0) };
  });
}

/** The stage budget as a Markdown table, one column per dialect. */
export function renderStageBudget(budgets: readonly StageBudget[]): string {
  const head = `| stage (µs CPU per document) | ${budgets.map((b) => b.dialect).join(' | ')} |`;
  const rule = `|---|${budgets.map(() => '---:').join('|')}|`;
  const rows = STAGES.map((stage) => `| ${stage} | ${budgets.map((b) => b.perDoc[stage].toFixed(1)).join(' | ')} |`);
  const total = `| **total** | ${budgets.map((b) => `**${b.total.toFixed(1)}**`).join(' | ')} |`;
  return [head, rule, ...rows, total].join('\n');
}
