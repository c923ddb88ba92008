import type { ApiDocument } from '../../../core/canonical-json.ts';
import type { Row } from '../../../core/mapped-rows.ts';
import { partitioningFromRules, type Mapping, type MappingOutcome } from '../../../pipeline/mapping/mapping.ts';
import { declaredTarget } from '../../../pipeline/mapping/declared-target.ts';
import { documentVerifier } from '../../../pipeline/mapping/document-verifier.ts';
import { datetimeText } from '../../../pipeline/load/driver-values.ts';
import { dialectFacts } from '../../../schema/dialect-facts.ts';
import { NOT_NULL, datetime, integer, table, text, varchar } from '../../../schema/layout/table-definition.ts';

/**
 * A small non-Freezer mapping written against the interface alone: `notes` documents (a title and
 * a list of tags) become a `notes` row and one `note_tags` row per tag; a note without a title is
 * refused (`missing_title`); a soft delete sets `notes.deleted_at`. It proves the pipeline carries
 * any mapping: migrate, validate, verify and sync never name its tables.
 */
export const notesMapping: Mapping<null> = {
  name: 'notes',
  label: 'notes',
  partitioning: partitioningFromRules({ partitions: ['notes'], rules: [{ partition: 'notes', fields: ['title', 'tags'] }] }),
  target: declaredTarget('notes', [
    table('notes', [varchar('id', 64, NOT_NULL), text('title'), integer('tag_count'), datetime('deleted_at')]),
    table('note_tags', [varchar('id', 80, NOT_NULL), varchar('note_id', 64, NOT_NULL), integer('position'), varchar('tag', 100)]),
  ]),
  prepare: async () => null,
  transform: () => (doc): MappingOutcome => {
    const { title, tags } = doc.source;
    if (typeof title !== 'string') return { kind: 'rejected', entity: 'notes', docId: doc.id, reason: 'missing_title', field: 'title', detail: 'a note needs a title', findings: [] };
    const list = Array.isArray(tags) ? tags.map(String) : [];
    const rows: Row[] = list.map((tag, position) => ({ id: `${doc.id}/${position}`, note_id: doc.id, position, tag }));
    return {
      kind: 'accepted',
      entity: 'notes',
      docId: doc.id,
      sqlId: doc.id,
      writes: [{ table: 'notes', row: { id: doc.id, title, tag_count: list.length, deleted_at: null }, mode: 'upsert' }],
      children: [{ table: 'note_tags', parentColumn: 'note_id', parentId: doc.id, rows }],
      findings: list.length === 0 ? [{ code: 'note_without_tags', field: 'tags', detail: 'no tags' }] : [],
    };
  },
  validation: { findingSeverity: (code) => (code === 'duplicate_key' ? 'warning' : 'info') },
  verify: {
    verifier: (schema, _context, ledger) =>
      documentVerifier(
        () => notesMapping.transform('notes', null),
        {
          entities: ['notes'],
          keyColumn: 'id',
          expected: (doc) => ({ title: doc.source.title as string, tags: Array.isArray(doc.source.tags) ? doc.source.tags.map(String) : [] }),
          async fromRows(db, _schema, _entity, rows) {
            const ids = rows.map((row) => String(row.id));
            const tags = ids.length === 0 ? [] : await db.selectFrom('note_tags').selectAll().where('note_id', 'in', ids).orderBy('position').execute();
            return rows.map((row) => {
              const document: ApiDocument = { title: String(row.title), tags: tags.filter((t) => t.note_id === row.id).map((t) => String(t.tag)) };
              return { sqlId: String(row.id), visible: row.deleted_at === null, document };
            });
          },
        },
        schema,
        ledger,
      ),
  },
  sync: {
    defaultDeleteMode: 'soft',
    async removeRows(tx, db, schema, _partition, sqlIds, mode, now) {
      if (sqlIds.length === 0) return 0;
      if (mode === 'hard') {
        await tx.deleteWhereIn('note_tags', 'note_id', [...sqlIds]);
        await tx.deleteWhereIn('notes', 'id', [...sqlIds]);
        return sqlIds.length;
      }
      await tx.execute(db.updateTable('notes').set({ deleted_at: datetimeText(now, dialectFacts(schema.dialect).valueEncoding) }).where('id', 'in', [...sqlIds]).where('deleted_at', 'is', null).compile());
      return sqlIds.length;
    },
  },
};
