import type { ApiDocument } from '../../core/canonical-json.ts';
import type { Mapping, SourcePartitioning } from '../../pipeline/mapping/mapping.ts';
import { documentVerifier } from '../../pipeline/mapping/document-verifier.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { planTarget } from '../auto/plan-target.ts';
import type { DefinedMapping } from './define-mapping.ts';

/** Rows as verify compares them: canonical cells, child rows in key order. */
function canonicalRows(defined: DefinedMapping, table: string, rows: readonly Record<string, unknown>[]): ApiDocument[] {
  const key = defined.tables[table]!.key;
  return rows.map((row) => defined.canonicalRow(table, row) as ApiDocument).sort((a, b) => key.map((k) => String(a[k])).join('\u0000').localeCompare(key.map((k) => String(b[k])).join('\u0000'), 'en', { numeric: true }));
}

/**
 * A mapping declared with `defineMapping` as a pipeline mapping: one partition (every document),
 * the declared tables created from their DDL, the declared transform, verify comparing the
 * document row and its child rows cell by cell, sync deletes removing child rows then the row.
 */
export function declaredMapping(defined: DefinedMapping): Mapping<Dialect> {
  const names = Object.keys(defined.tables);
  const root = names[0]!;
  const keyColumn = defined.tables[root]!.key[0]!;
  const children = names.slice(1);
  const partitioning: SourcePartitioning = {
    partitions: [root],
    indexSuffixes: {},
    partitionOfType: () => root,
    typelessQuery: (partition) => (partition === root ? { match_all: {} } : { bool: { must_not: [{ match_all: {} }] } }),
    classify: () => root,
    classifiesByFieldNames: true,
  };
  const mapping: Mapping<Dialect> = {
    name: defined.name,
    label: defined.name,
    partitioning,
    target: planTarget(defined.plan, defined.name),
    prepare: async ({ schema }) => schema.dialect,
    transform: (_partition, dialect) => (doc) => defined.outcome(doc, dialect),
    validation: { findingSeverity: () => 'info' },
    verify: {
      verifier: (schema, dialect, ledger) =>
        documentVerifier(
          () => mapping.transform(root, dialect ?? schema.dialect),
          {
            entities: [root],
            keyColumn,
            expected: (_doc, outcome) => ({ row: defined.canonicalRow(root, outcome.writes[0]!.row) as ApiDocument, ...Object.fromEntries(children.map((child) => [child, canonicalRows(defined, child, outcome.children.find((c) => c.table === child)?.rows ?? [])])) }),
            async fromRows(db, _schema, _entity, rows) {
              const ids = rows.map((row) => String(row[keyColumn]));
              const found = new Map<string, Record<string, unknown>[]>();
              for (const child of children) {
                const column = defined.tables[child]!.documentColumn!;
                found.set(child, ids.length === 0 ? [] : ((await db.selectFrom(child).selectAll().where(column, 'in', ids).execute()) as Record<string, unknown>[]));
              }
              return rows.map((row) => {
                const id = String(row[keyColumn]);
                const document: ApiDocument = { row: defined.canonicalRow(root, row) as ApiDocument };
                for (const child of children) document[child] = canonicalRows(defined, child, found.get(child)!.filter((r) => String(r[defined.tables[child]!.documentColumn!]) === id));
                return { sqlId: id, visible: true, document };
              });
            },
          },
          schema,
          ledger,
        ),
    },
    sync: {
      defaultDeleteMode: 'hard',
      async removeRows(tx, _db, _schema, _partition, sqlIds) {
        if (sqlIds.length === 0) return 0;
        for (const child of [...children].reverse()) await tx.deleteWhereIn(child, defined.tables[child]!.documentColumn!, [...sqlIds]);
        await tx.deleteWhereIn(root, keyColumn, [...sqlIds]);
        return sqlIds.length;
      },
    },
  };
  return mapping;
}
