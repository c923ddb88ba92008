import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json-value.ts';
import type { ChildRows, Finding, Row, RowWrite } from '../../core/mapped-rows.ts';
import type { AutoDialect } from './auto-dialect.ts';
import { convertValue, type AutoRejectReason } from './convert-value.ts';
import { planSqlId, rootTableFor, type MappingPlan, type PlanColumn, type PlanTable } from './mapping-plan.ts';
import { tableShape } from './table-shape.ts';
import { unmappedFields } from './unmapped-fields.ts';
import { valueAt } from './value-at.ts';

/** What the auto transform needs of a source document. */
export interface PlanDocument {
  index: string;
  type: string | null;
  id: string;
  source: JsonObject;
}

/** A document turned into rows by a plan (the TransformOutcome shape, `entity` = document table). */
export interface PlanAccepted {
  kind: 'accepted';
  entity: string;
  docId: string;
  sqlId: string;
  writes: RowWrite[];
  children: ChildRows[];
  findings: Finding[];
}

/** A document the plan cannot store, with the field and the reason. */
export interface PlanRejected {
  kind: 'rejected';
  entity: string | null;
  docId: string;
  reason: AutoRejectReason | 'unclassified_document';
  field?: string;
  detail: string;
  findings: Finding[];
}

export type PlanOutcome = PlanAccepted | PlanRejected;

class Reject extends Error {
  readonly reason: AutoRejectReason;
  readonly field: string;
  constructor(reason: AutoRejectReason, field: string, detail: string) {
    super(detail);
    this.reason = reason;
    this.field = field;
  }
}

/** The `_id` as the key column checks it. */
const ID_COLUMN: PlanColumn = { name: '_id', kind: 'id', field: '_id', length: 512 };

/**
 * Turns one document into the rows a {@link MappingPlan} declares: the document row, then for every
 * child table one set of rows (keyed by the document's key and each array position) that replaces
 * the previous set. Pure: no I/O. Values are converted per column kind for `dialect`.
 */
export function transformWithPlan(plan: MappingPlan, doc: PlanDocument, dialect: AutoDialect): PlanOutcome {
  const findings: Finding[] = [];
  const root = rootTableFor(plan, doc.type);
  if (root === undefined) return { kind: 'rejected', entity: null, docId: doc.id, reason: 'unclassified_document', detail: `no table of the mapping takes documents of _type "${doc.type}"`, findings };
  try {
    const key: Row = { _id: doc.id };
    if (root.key.includes('_index')) key['_index'] = doc.index;
    const keyCheck = convertValue(ID_COLUMN, doc.id, dialect);
    if ('reject' in keyCheck) throw new Reject(keyCheck.reject, '_id', keyCheck.detail);
    const row = rowOf(root, doc.source, key, '', findings, dialect);
    const children: ChildRows[] = [];
    const scope = root.key.includes('_index') ? { column: '_index', value: doc.index } : undefined;
    const shape = tableShape(plan, root);
    for (const child of shape.children) collectChildren(plan, child, [{ element: doc.source, key }], '', children, findings, dialect, doc.id, scope);
    for (const path of unmappedFields(plan, root, doc.source)) findings.push({ code: 'unmapped_field', field: path, detail: 'not in the mapping: not migrated (regenerate the mapping, or add a column to the mapping file)' });
    return { kind: 'accepted', entity: root.name, docId: doc.id, sqlId: planSqlId(root, doc.index, doc.id), writes: [{ table: root.name, row, mode: 'upsert', fields: shape.fieldsUnder('') }], children, findings };
  } catch (error) {
    if (!(error instanceof Reject)) throw error;
    return { kind: 'rejected', entity: root.name, docId: doc.id, reason: error.reason, field: error.field, detail: error.message, findings };
  }
}

/**
 * Per table: its rows' property names in rowOf's order (the key's, then each mapped column's), all
 * null, in an object `JSON.parse` made. V8 keeps an object it builds by adding more than a dozen
 * properties under computed names in dictionary mode (a hash table), and a document row of an index
 * often has more columns than that: a copy of this template keeps fast properties, so setting the
 * values and reading them back (the batch plan, the encoders) use the object's shape. Null for a
 * table whose names JSON could not stand for as plain properties (`__proto__`).
 */
const ROW_TEMPLATES = new WeakMap<PlanTable, { keyNames: string[]; row: Row } | null>();

/** A fresh row of `table` with `key`'s names first (from its template), or undefined when the key's names are not the template's. */
function templateRow(table: PlanTable, key: Row): Row | undefined {
  let template = ROW_TEMPLATES.get(table);
  if (template === undefined) {
    const keyNames = Object.keys(key);
    const names = [...keyNames];
    for (const column of table.columns) if (column.field !== undefined) names.push(column.name);
    template = names.includes('__proto__') ? null : { keyNames, row: JSON.parse(JSON.stringify(Object.fromEntries(names.map((name) => [name, null])))) as Row };
    ROW_TEMPLATES.set(table, template);
  }
  if (template === null) return undefined;
  let i = 0;
  for (const name in key) if (name !== template.keyNames[i++]) return undefined;
  if (i !== template.keyNames.length) return undefined;
  const row = { ...template.row };
  for (const name in key) row[name] = key[name]!;
  return row;
}

function rowOf(table: PlanTable, element: JsonValue, key: Row, prefix: string, findings: Finding[], dialect: AutoDialect): Row {
  const row: Row = templateRow(table, key) ?? { ...key };
  for (const column of table.columns) {
    if (column.field === undefined) continue;
    row[column.name] = cellOf(column, element, prefix, findings, dialect);
  }
  return row;
}

/** The dotted source path of a column's value under `prefix`, for rejects and findings. */
function pathOf(column: PlanColumn, prefix: string): string {
  return column.field === '' ? prefix.replace(/\.$/, '') : prefix + column.field;
}

function cellOf(column: PlanColumn, element: JsonValue, prefix: string, findings: Finding[], dialect: AutoDialect) {
  let value: JsonValue | undefined;
  if (column.field === '') value = element;
  else if (isJsonObject(element)) {
    const found = valueAt(element, column.field!);
    if ('arrayAt' in found) throw new Reject('unexpected_array', pathOf(column, prefix), `${prefix}${found.arrayAt} holds ${found.length} objects where the mapping plan flattened one object into columns; regenerate the mapping with --scan all (it becomes a child table)`);
    value = found.value;
  }
  if (Array.isArray(value) && column.kind !== 'json' && !(isGeo(column) && value.length === 2 && !value.some((v) => Array.isArray(v) || isJsonObject(v)))) {
    const present = value.filter((v) => v !== null);
    const path = pathOf(column, prefix);
    if (present.length > 1) throw new Reject('unexpected_array', path, `${path} holds an array of ${present.length} values where the mapping plan has one ${column.esType ?? column.kind} column; regenerate the mapping with --scan all (it becomes a child table)`);
    findings.push({ code: 'array_where_scalar', field: path, detail: `an array of ${present.length} value${present.length === 1 ? '' : 's'} where the mapping has a scalar: stored as ${present.length === 0 ? 'NULL' : 'its one value'}` });
    value = present[0];
  }
  if (value === undefined || value === null) return null;
  const converted = convertValue(column, value, dialect);
  if ('reject' in converted) throw new Reject(converted.reject, pathOf(column, prefix), converted.detail);
  if (converted.finding) findings.push({ code: converted.finding.code, field: pathOf(column, prefix), detail: converted.finding.detail });
  return converted.value;
}

function isGeo(column: PlanColumn): boolean {
  return column.kind === 'geo_lat' || column.kind === 'geo_lon';
}

interface Parent {
  element: JsonValue;
  key: Row;
}

function collectChildren(plan: MappingPlan, table: PlanTable, parents: Parent[], prefix: string, out: ChildRows[], findings: Finding[], dialect: AutoDialect, docId: string, scope: ChildRows['parentScope']): void {
  const position = table.key[table.key.length - 1]!;
  const shape = tableShape(plan, table);
  const rowPrefix = `${prefix}${table.field}.`;
  const rows: Row[] = [];
  const elements: Parent[] = [];
  for (const parent of parents) {
    const found = isJsonObject(parent.element) ? valueAt(parent.element, table.field!) : { value: undefined };
    if ('arrayAt' in found) throw new Reject('unexpected_array', prefix + table.field, `${prefix}${found.arrayAt} holds ${found.length} objects on the way to the child table ${table.name}`);
    const value = found.value;
    if (value === undefined || value === null) continue;
    const list = Array.isArray(value) ? value.flat(Infinity as 1) as JsonValue[] : [value];
    if (Array.isArray(value) && list.length !== value.length) findings.push({ code: 'nested_array_flattened', field: prefix + table.field, detail: 'arrays inside the array were flattened, as ES indexes them' });
    for (let index = 0; index < list.length; index++) {
      const element = list[index]!;
      if (element === null && !shape.scalarElements) {
        findings.push({ code: 'null_element_skipped', field: `${prefix}${table.field}[${index}]`, detail: 'a null element of an array of objects has no row' });
        continue;
      }
      const key: Row = { ...parent.key, [position]: index };
      rows.push(rowOf(table, element, key, rowPrefix, findings, dialect));
      elements.push({ element, key });
    }
  }
  const fields = shape.fieldsUnder(rowPrefix);
  out.push({ table: table.name, parentColumn: '_id', parentId: docId, ...(scope === undefined ? {} : { parentScope: scope }), rows, fields: rows.map(() => fields) });
  for (const child of shape.children) collectChildren(plan, child, elements, rowPrefix, out, findings, dialect, docId, scope);
}
