import { typeFamily } from '../common/values/type-families';
import type { Dialect, DialectName } from '../database/dialect/dialect';
import type { Part } from '../database/sql/parts';
import { assertNever, type BoundValue, type CheckedFilter, type CompareOp, type Target } from './ast';

const COMPARE_SQL: Readonly<Record<CompareOp, string>> = {
  '=': ' = ', '<>': ' <> ', '>': ' > ', '>=': ' >= ', '<': ' < ', '<=': ' <= ',
};

/**
 * `ESCAPE` clause naming backslash. MySQL/MariaDB string literals treat `\` as an escape, so the
 * one-character string is written `'\\'` there
 * (https://dev.mysql.com/doc/refman/8.0/en/string-literals.html); PostgreSQL (with
 * standard_conforming_strings, the default since 9.1) and SQLite take `'\'` literally.
 */
const ESCAPE_CLAUSE: Readonly<Record<DialectName, string>> = {
  postgres: " ESCAPE '\\'",
  sqlite: " ESCAPE '\\'",
  mysql: " ESCAPE '\\\\'",
};

/**
 * Compiles a checked filter to SQL parts: identifiers as `{ident}`, values as `{param}`; the only
 * text is this server's own (keywords, operators, the four date/time functions).
 * @example render(compileFilter(checked("name STARTS WITH 'Jo' AND age > 30"), postgres), postgres)
 *   // { text: `"name" LIKE $1 ESCAPE '\' AND "age" > $2`, params: ['Jo%', 30] }
 */
export function compileFilter(checked: CheckedFilter, dialect: Dialect): Part[] {
  const out: Part[] = [];
  emit(checked, dialect, out);
  return out;
}

function emit(node: CheckedFilter, dialect: Dialect, out: Part[]): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.items.forEach((item, index) => {
        if (index > 0) out.push(node.kind === 'and' ? ' AND ' : ' OR ');
        // AND inside OR is parenthesised for the reader; OR inside AND because it must be.
        const wrap = (item.kind === 'and' || item.kind === 'or') && item.kind !== node.kind;
        if (wrap) out.push('(');
        emit(item, dialect, out);
        if (wrap) out.push(')');
      });
      return;
    case 'not':
      out.push('NOT (');
      emit(node.item, dialect, out);
      out.push(')');
      return;
    case 'compare':
      emitTarget(node.operand, typeFamily(node.operand.typing.type) === 'json', dialect, out);
      out.push(COMPARE_SQL[node.op]);
      emitValue(node.value, dialect, out);
      return;
    case 'match':
      emitTarget(node.operand, !isTextColumn(node.operand), dialect, out);
      out.push(node.negated ? ' NOT LIKE ' : ' LIKE ');
      emitValue(node.value, dialect, out);
      out.push(ESCAPE_CLAUSE[dialect.name]);
      return;
    case 'in':
      emitIn(node, dialect, out);
      return;
    case 'between':
      emitTarget(node.operand, typeFamily(node.operand.typing.type) === 'json', dialect, out);
      out.push(node.negated ? ' NOT BETWEEN ' : ' BETWEEN ');
      emitValue(node.low, dialect, out);
      out.push(' AND ');
      emitValue(node.high, dialect, out);
      return;
    case 'isNull':
      emitTarget(node.operand, false, dialect, out);
      out.push(node.negated ? ' IS NOT NULL' : ' IS NULL');
      return;
    default:
      assertNever(node);
  }
}

function emitIn(node: Extract<CheckedFilter, { kind: 'in' }>, dialect: Dialect, out: Part[]): void {
  // IN () is invalid SQL: an empty list matches nothing, and NOT IN () matches every row.
  if (node.values.length === 0) {
    out.push(node.negated ? '1 = 1' : '1 = 0');
    return;
  }
  emitTarget(node.operand, typeFamily(node.operand.typing.type) === 'json', dialect, out);
  out.push(node.negated ? ' NOT IN (' : ' IN (');
  node.values.forEach((value, index) => {
    if (index > 0) out.push(', ');
    emitValue(value, dialect, out);
  });
  out.push(')');
}

/** Whether a target is text already (a text column, or MIN/MAX of one); others need a cast to match. */
function isTextColumn(target: Target): boolean {
  return typeFamily(target.typing.type) === 'string';
}

/** A column or aggregate; `asText` wraps it in the dialect's text cast (match on non-text). */
function emitTarget(target: Target, asText: boolean, dialect: Dialect, out: Part[]): void {
  if (asText) {
    out.push(dialect.textCast(targetSql(target, dialect)));
    return;
  }
  out.push(...targetParts(target));
}

/**
 * A column or aggregate as SQL parts, for select lists, `ORDER BY` and `HAVING`.
 * @example targetParts(aggregateTarget('SUM', total)) // ['SUM(', { ident: 'total' }, ')'] → SUM("total")
 */
export function targetParts(target: Target): Part[] {
  if (target.kind === 'column') return [{ ident: target.name }];
  if (target.column === null) return ['COUNT(*)'];
  return [`${target.fn}(`, { ident: target.column }, ')'];
}

function targetSql(target: Target, dialect: Dialect): string {
  return targetParts(target).map((p) => (typeof p === 'string' ? p : dialect.quoteIdentifier((p as { ident: string }).ident))).join('');
}

function emitValue(value: BoundValue, dialect: Dialect, out: Part[]): void {
  if (value.kind === 'function') out.push(dialect.sqlFunction(value.name));
  else out.push({ param: value.value });
}

/**
 * Joins WHERE conditions with AND, each parenthesised (API.md 6.6: role filter AND client filter).
 * @example combineFilters([role, client]) // ( "owner_id" = $1 ) AND ( … ) as parts
 */
export function combineFilters(groups: readonly (readonly Part[] | undefined)[]): Part[] | undefined {
  const present = groups.filter((g): g is readonly Part[] => g !== undefined && g.length > 0);
  if (present.length === 0) return undefined;
  if (present.length === 1) return [...(present[0] as readonly Part[])];
  const out: Part[] = [];
  present.forEach((group, index) => {
    if (index > 0) out.push(' AND ');
    out.push('(', ...group, ')');
  });
  return out;
}
