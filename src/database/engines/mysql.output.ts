import type { OutputSource } from '../sql/fields';
import { ident, joinParts, param, type Part } from '../sql/parts';
import { orderClause } from '../sql/clauses';
import { selectList } from '../sql/select';
import type { EmbedQuery } from '../sql/related';
import type { EngineFeatures, JsonInner, JsonRecordsQuery } from '../sql/target';
import { fractionDigits, recordPieces } from './json-record';

/**
 * MySQL/MariaDB output SQL. The JSON path concatenates JSON literals (CONCAT, JSON_QUOTE) and
 * joins records with GROUP_CONCAT: JSON_OBJECT would print `{"a": 1}` with spaces, booleans as 1
 * and datetimes with zero fractions. Every JSON literal expression is non-NULL (`null`).
 */
const TEXTUAL = /^(varchar|char|tinytext|text|mediumtext|longtext|enum|set)\b/;
const INT64 = /^bigint\b/;
const q = (e: readonly Part[]): Part[] => ["CONCAT('\"', ", ...e, ", '\"')"];
const orNull = (e: readonly Part[]): Part[] => ['IFNULL(', ...e, ", 'null')"];
const asChar = (e: readonly Part[]): Part[] => ['CAST(', ...e, ' AS CHAR)'];

/** Date/time text with the fraction's trailing zeros (and a bare '.') removed. */
function temporalText(s: OutputSource): Part[] {
  if (s.family === 'date' || fractionDigits(s.dbType) === 0) return asChar(s.expr);
  return ["TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM ", ...asChar(s.expr), '))'];
}

/** TO_BASE64 wraps lines every 76 characters; the newline is a parameter (NO_BACKSLASH_ESCAPES-proof). */
const base64 = (e: readonly Part[]): Part[] => ['REPLACE(TO_BASE64(', ...e, '), ', param('\n'), ", '')"];

export function mysqlJsonValue(s: OutputSource): Part[] {
  const e = s.expr;
  if (s.embedded) return [...e];
  switch (s.family) {
    case 'integer':
    case 'float':
    case 'decimal':
      return orNull(asChar(e));
    case 'bigid':
      return orNull(q(e));
    case 'boolean':
      return ['CASE WHEN ', ...e, " IS NULL THEN 'null' WHEN ", ...e, " <> 0 THEN 'true' ELSE 'false' END"];
    case 'binary':
      return orNull(q(base64(e)));
    case 'string':
    case 'uuid':
      return orNull(['JSON_QUOTE(', ...(TEXTUAL.test(s.dbType) ? e : asChar(e)), ')']);
    case 'json':
      return orNull(['JSON_QUOTE(', ...asChar(e), ')']);
    default:
      return orNull(q(temporalText(s)));
  }
}

export function mysqlRowValue(s: OutputSource): Part[] {
  const e = s.expr;
  switch (s.family) {
    case 'integer':
      return INT64.test(s.dbType) ? asChar(e) : [...e];
    case 'float':
    case 'decimal':
    case 'bigid':
    case 'json':
      return asChar(e);
    case 'boolean':
      return ['(', ...e, ' <> 0)'];
    case 'binary':
      return base64(e);
    case 'string':
    case 'uuid':
      return TEXTUAL.test(s.dbType) ? [...e] : asChar(e);
    default:
      return temporalText(s);
  }
}

const col = (alias: string): Part[] => [ident('t'), '.', ident(alias)];

/**
 * `hint` is MySQL 8's SET_VAR optimizer hint raising group_concat_max_len (MariaDB uses a
 * statement prefix instead): GROUP_CONCAT truncates at group_concat_max_len, 1 MB by default.
 */
export function mysqlJsonArray(inner: JsonInner, count: readonly Part[] | null, features: EngineFeatures, hint: string): Part[] {
  const values = inner.sources.map((s, i) => ({ expr: mysqlJsonValue(s), alias: `c${i}` }));
  const orderKeys = inner.order.map((o, i) => ({ expr: o.expr, alias: `o${i}` }));
  const record = ['CONCAT(', ...joinParts(recordPieces(inner.sources.map((s) => s.key), (i) => col(`c${i}`)), ', '), ')'];
  // The inner ORDER BY picks the page; GROUP_CONCAT needs its own ORDER BY to keep that order.
  const outerOrder = orderClause(inner.order.map((o, i) => ({ ...o, expr: col(`o${i}`) })), features);
  return [
    `SELECT ${hint}`, ...(count ? [...count, ' AS ', ident('count'), ', '] : []),
    'COUNT(*) AS ', ident('n'), ", CONCAT('[', IFNULL(GROUP_CONCAT(", ...record, ...outerOrder, " SEPARATOR ','), ''), ']') AS ",
    ident('resource'), ' FROM (', ...inner.build([...values, ...orderKeys]), ') ', ident('t'),
  ];
}

export function mysqlJsonRecords(query: JsonRecordsQuery, hint = ''): Part[] {
  const keys = query.keys.map((k, i) => ({ expr: mysqlRowValue(k), alias: `k${i}` }));
  const record = ['CONCAT(', ...joinParts(recordPieces(query.sources.map((s) => s.key), (i) => {
    const source = query.sources[i];
    return source ? mysqlJsonValue(source) : ['NULL'];
  }), ', '), ')'];
  return [`SELECT ${hint}`, ...selectList([...keys, { expr: record, alias: 'j' }]), ' FROM ', ident(query.table), ...query.tail];
}

const recordOf = (sources: readonly OutputSource[]): Part[] =>
  ['CONCAT(', ...joinParts(recordPieces(sources.map((s) => s.key), (i) => mysqlJsonValue(sources[i]!)), ', '), ')'];

/**
 * Related records as JSON text, never NULL. MariaDB limits the rows per parent inside
 * GROUP_CONCAT (`… LIMIT n`, MariaDB ≥ 10.3) because it cannot correlate a derived table;
 * MySQL (≥ 8.0.14 correlates derived tables, its GROUP_CONCAT has no LIMIT) orders and limits
 * a derived table first.
 */
export function mysqlJsonEmbed(q: EmbedQuery, features: EngineFeatures, mariadb: boolean): Part[] {
  const from = [' FROM ', ident(q.table), ' AS ', ident(q.alias), ' WHERE ', ...q.where];
  const order = orderClause(q.order, features);
  if (q.single) return ['IFNULL((SELECT ', ...recordOf(q.sources), ...from, ...order, " LIMIT 1), 'null')"];
  if (mariadb) {
    return ["(SELECT CONCAT('[', IFNULL(GROUP_CONCAT(", ...recordOf(q.sources), ...order, " SEPARATOR ',' LIMIT ", param(q.limit), "), ''), ']')", ...from, ')'];
  }
  const orderKeys = (q.order ?? []).map((o, i) => ({ expr: o.expr, alias: `o${i}` }));
  const outerOrder = orderClause((q.order ?? []).map((o, i) => ({ ...o, expr: col(`o${i}`) })), features);
  return [
    "(SELECT CONCAT('[', IFNULL(GROUP_CONCAT(", ...col('j'), ...outerOrder, " SEPARATOR ','), ''), ']') FROM (SELECT ",
    ...selectList([{ expr: recordOf(q.sources), alias: 'j' }, ...orderKeys]), ...from, ...order, ' LIMIT ', param(q.limit), ') ', ident('t'), ')',
  ];
}

