import type { Dialect } from '../../schema/dialect.ts';
import { AUTO_DIALECTS } from './auto-dialect.ts';
import type { MappingPlan, PlanTable } from './mapping-plan.ts';

/** CREATE TABLE for one planned table: key columns NOT NULL, the key as primary key, parent as foreign key. */
export function createTableSql(plan: MappingPlan, table: PlanTable, dialect: Dialect): string {
  const auto = AUTO_DIALECTS[dialect];
  const q = auto.quote;
  const lines = table.columns.map((column) => `  ${q(column.name)} ${auto.sqlType(column)}${table.key.includes(column.name) ? ' NOT NULL' : ''}`);
  lines.push(`  PRIMARY KEY (${table.key.map(q).join(', ')})`);
  const parent = plan.tables.find((candidate) => candidate.name === table.parent);
  if (parent !== undefined && parent.key.every((key) => table.columns.some((column) => column.name === key))) {
    lines.push(`  FOREIGN KEY (${parent.key.map(q).join(', ')}) REFERENCES ${q(parent.name)} (${parent.key.map(q).join(', ')}) ON DELETE CASCADE`);
  }
  const options = auto.tableOptions === '' ? '' : ` ${auto.tableOptions}`;
  return `CREATE TABLE ${q(table.name)} (\n${lines.join(',\n')}\n)${options}`;
}

/** The DDL of a whole plan for one dialect, parents first. */
export function planDdl(plan: MappingPlan, dialect: Dialect): string[] {
  return plan.tables.map((table) => createTableSql(plan, table, dialect));
}
