import type { DataProfile, FieldStats } from './data-profile.ts';
import { isContainer, type EsField, type IndexMapping } from './es-field.ts';
import { isFullText, kindOfEsType, SOURCELESS_TYPES } from './es-type-kind.ts';
import type { MappingPlan, PlanColumn, PlanNote, PlanTable } from './mapping-plan.ts';
import { mergeFields } from './merge-fields.ts';
import { sqlIdentifier, tableNameOfIndex, uniqueName } from './sql-identifier.ts';

/** VARCHAR lengths chosen from the data: the smallest that holds twice the longest value seen. */
const LENGTH_STEPS = [32, 64, 128, 256, 512, 1024, 2048, 4096];

/** Input of {@link compilePlan}. */
export interface CompileInput {
  /** The index, pattern or alias the user named. */
  index: string;
  mappings: IndexMapping[];
  /** Data profile per `_type` (key `''` for typeless documents). */
  profiles: Map<string, DataProfile>;
}

interface TableBuilder {
  table: PlanTable;
  taken: Set<string>;
}

/**
 * Compiles index mappings and a data profile into a {@link MappingPlan}: the document table keyed
 * by `_id` (and `_index` when several indices feed it), `object`s flattened into columns, `nested`
 * fields and arrays of objects as child tables keyed by (parent key, position), arrays of scalars
 * as child tables, and one document table per `_type` of a multi-type index.
 */
export function compilePlan(input: CompileInput): MappingPlan {
  const indices = [...new Set(input.mappings.map((m) => m.index))].sort();
  const types = [...new Set(input.mappings.map((m) => m.type))];
  const notes: PlanNote[] = [];
  const tables: PlanTable[] = [];
  const base = tableNameOfIndex(input.index);
  const tableNames = new Set<string>();
  let scanned = 0;
  let scan: 'sample' | 'all' = 'all';
  for (const type of types) {
    const group = input.mappings.filter((m) => m.type === type);
    const merged = mergeFields(group.map((m) => m.fields));
    for (const note of group.flatMap((m) => m.notes).concat(merged.notes)) if (!notes.some((n) => n.field === note.field && n.note === note.note)) notes.push(note);
    const profile = input.profiles.get(type ?? '') ?? { documents: 0, scan: 'sample' as const, fields: new Map() };
    scanned += profile.documents;
    if (profile.scan === 'sample') scan = 'sample';
    const name = uniqueName(types.length > 1 && type !== null ? sqlIdentifier(`${base}_${type}`) : base, tableNames);
    const key = new Set(group.map((m) => m.index)).size > 1 ? ['_index', '_id'] : ['_id'];
    const root: PlanTable = { name, key, columns: key.map((k) => ({ name: k, kind: k === '_id' ? 'id' : 'index' })) };
    if (types.length > 1 && type !== null) root.documentType = type;
    const compiler = new TableCompiler(profile, new Set(group.flatMap((m) => m.copyTargets)), notes, tables, tableNames);
    compiler.compile({ table: root, taken: new Set(key) }, merged.fields, '');
  }
  return { format: 'es2sql-mapping/1', source: { index: input.index, indices, documentsScanned: scanned, scan }, tables, notes };
}

class TableCompiler {
  private readonly profile: DataProfile;
  private readonly copyTargets: Set<string>;
  private readonly notes: PlanNote[];
  private readonly tables: PlanTable[];
  private readonly tableNames: Set<string>;

  constructor(profile: DataProfile, copyTargets: Set<string>, notes: PlanNote[], tables: PlanTable[], tableNames: Set<string>) {
    this.profile = profile;
    this.copyTargets = copyTargets;
    this.notes = notes;
    this.tables = tables;
    this.tableNames = tableNames;
  }

  /** Adds `builder`'s table and then its child tables (parents first). `elementPath`: absolute path of the table's element. */
  compile(builder: TableBuilder, fields: EsField[], elementPath: string): void {
    this.tables.push(builder.table);
    const children: Array<() => void> = [];
    this.addFields(builder, fields, elementPath, '', '', children);
    this.addUnmapped(builder, fields, elementPath);
    for (const child of children) child();
  }

  private addFields(builder: TableBuilder, fields: EsField[], elementPath: string, fieldPrefix: string, columnPrefix: string, children: Array<() => void>): void {
    for (const field of fields) {
      const relative = fieldPrefix === '' ? field.name : `${fieldPrefix}.${field.name}`;
      const columnBase = sqlIdentifier(columnPrefix === '' ? field.name : `${columnPrefix}_${field.name}`);
      const stats = this.profile.fields.get(absoluteOf(elementPath, relative));
      if (this.copyTargets.has(field.path) || SOURCELESS_TYPES.has(field.type)) {
        if (SOURCELESS_TYPES.has(field.type)) this.notes.push({ field: field.path, note: `${field.type}: no value in _source; skipped` });
        continue;
      }
      if (field.type === 'nested' || (isContainer(field) && !field.disabled && (stats?.objectsInArrays ?? 0) > 0)) {
        const why = field.type === 'nested' ? 'nested field: one row per element' : `object field holding arrays of objects in ${stats!.objectsInArrays} of the scanned documents: one row per element`;
        children.push(() => this.childTable(builder, relative, columnBase, why, field.properties ?? [], absoluteOf(elementPath, relative)));
        continue;
      }
      if (isContainer(field) && !field.disabled) {
        this.addFields(builder, field.properties ?? [], elementPath, relative, columnBase, children);
        continue;
      }
      const arrays = (stats?.arrays ?? 0) - (field.type === 'geo_point' ? (stats?.numberPairs ?? 0) : 0);
      if (arrays > 0) {
        const why = `array of scalars in ${arrays} of the scanned values though the mapping says ${field.type} (ES has no array type): a child table, one row per element, portable to every dialect and exact (no array type on MySQL/SQLite)`;
        this.notes.push({ field: field.path, note: `arrays where the mapping has a scalar ${field.type}: child table` });
        children.push(() => this.scalarArrayTable(builder, relative, columnBase, why, field, stats));
        continue;
      }
      this.addLeaf(builder, field, relative, columnBase, stats);
    }
  }

  private addLeaf(builder: TableBuilder, field: EsField, relative: string, columnBase: string, stats: FieldStats | undefined): void {
    const { kind, why } = kindOfEsType(field);
    if (kind === 'geo_point') {
      builder.table.columns.push({ name: uniqueName(`${columnBase}_lat`, builder.taken), kind: 'geo_lat', field: relative, esType: field.type });
      builder.table.columns.push({ name: uniqueName(`${columnBase}_lon`, builder.taken), kind: 'geo_lon', field: relative, esType: field.type });
      return;
    }
    const column: PlanColumn = { name: uniqueName(columnBase, builder.taken), kind, field: relative, esType: field.type };
    if (why !== undefined) this.notes.push({ field: field.path, note: why });
    if (kind === 'string' && !isFullText(field)) {
      const length = LENGTH_STEPS.find((step) => step >= 2 * (stats?.maxLength ?? 0));
      if (length !== undefined) column.length = length;
    }
    if (kind === 'decimal') column.scale = Math.max(Math.ceil(Math.log10(field.scalingFactor ?? 1)), stats?.maxScale ?? 0);
    if (kind === 'date') column.formats = field.formats ?? ['strict_date_optional_time', 'epoch_millis'];
    builder.table.columns.push(column);
  }

  private childKey(parent: TableBuilder, columnBase: string): { key: string[]; columns: PlanColumn[]; taken: Set<string> } {
    const taken = new Set<string>(parent.table.key);
    const position = uniqueName(`${columnBase}_position`, taken);
    const key = [...parent.table.key, position];
    const columns = parent.table.columns.filter((c) => parent.table.key.includes(c.name)).map((c) => ({ name: c.name, kind: c.kind }));
    columns.push({ name: position, kind: 'position' });
    return { key, columns, taken };
  }

  private childTable(parent: TableBuilder, field: string, columnBase: string, why: string, properties: EsField[], elementPath: string): void {
    const { key, columns, taken } = this.childKey(parent, columnBase);
    const table: PlanTable = { name: uniqueName(sqlIdentifier(`${parent.table.name}_${columnBase}`), this.tableNames), parent: parent.table.name, field, why, key, columns };
    this.compile({ table, taken }, properties, elementPath);
  }

  private scalarArrayTable(parent: TableBuilder, field: string, columnBase: string, why: string, leaf: EsField, stats: FieldStats | undefined): void {
    const { key, columns, taken } = this.childKey(parent, columnBase);
    const table: PlanTable = { name: uniqueName(sqlIdentifier(`${parent.table.name}_${columnBase}`), this.tableNames), parent: parent.table.name, field, why, key, columns };
    this.tables.push(table);
    this.addLeaf({ table, taken }, { ...leaf, name: 'value', path: leaf.path }, '', 'value', stats);
  }

  /** Fields in the data that the mapping does not list (`dynamic: false`): kept as JSON, reported. */
  private addUnmapped(builder: TableBuilder, fields: EsField[], elementPath: string): void {
    const mapped = new Set<string>();
    const collect = (list: EsField[], prefix: string) => {
      for (const f of list) {
        const path = prefix === '' ? f.name : `${prefix}.${f.name}`;
        mapped.add(path);
        if (f.properties && f.type !== 'nested') collect(f.properties, path);
      }
    };
    collect(fields, '');
    const prefix = elementPath === '' ? '' : `${elementPath}.`;
    for (const path of this.profile.fields.keys()) {
      if (!path.startsWith(prefix)) continue;
      const relative = path.slice(prefix.length);
      const parentPath = relative.includes('.') ? relative.slice(0, relative.lastIndexOf('.')) : '';
      if (mapped.has(relative) || this.copyTargets.has(path)) continue;
      if (parentPath !== '' && (!mapped.has(parentPath) || isNestedOrJson(fields, parentPath))) continue;
      const column: PlanColumn = { name: uniqueName(sqlIdentifier(relative.replace(/\./g, '_')), builder.taken), kind: 'json', field: relative, esType: 'unmapped' };
      builder.table.columns.push(column);
      this.notes.push({ field: path, note: 'in the documents but not in the mapping: kept as JSON' });
    }
  }
}

function isNestedOrJson(fields: EsField[], path: string): boolean {
  let list = fields;
  let found: EsField | undefined;
  for (const part of path.split('.')) {
    found = list.find((f) => f.name === part);
    if (found === undefined) return true;
    list = found.properties ?? [];
  }
  return found === undefined || found.type === 'nested' || !isContainer(found) || found.disabled === true;
}

function absoluteOf(elementPath: string, relative: string): string {
  return elementPath === '' ? relative : `${elementPath}.${relative}`;
}
