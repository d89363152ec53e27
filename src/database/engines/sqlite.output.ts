import type { OutputSource } from '../sql/fields';
import { orderClause } from '../sql/clauses';
import { ident, joinParts, param, type Part } from '../sql/parts';
import { selectList } from '../sql/select';
import type { EmbedQuery } from '../sql/related';
import type { EngineFeatures, JsonInner, JsonRecordsQuery } from '../sql/target';
import { recordPieces } from './json-record';

/**
 * SQLite output SQL. Records are concatenated JSON literals (json_quote prints numbers bare,
 * text quoted and NULL as null) joined with group_concat(… ORDER BY …) (SQLite ≥ 3.44,
 * https://www.sqlite.org/lang_aggfunc.html#group_concat). SQLite has no base64 function, so a
 * binary column sends the read down the rows path.
 */
const quote = (e: readonly Part[]): Part[] => ['json_quote(', ...e, ')'];
const asText = (e: readonly Part[]): Part[] => ['CAST(', ...e, ' AS TEXT)'];

/** Decimals with a declared scale print that many digits (`12.50`), as the column declares. */
function scaled(s: OutputSource, otherwise: Part[]): Part[] {
  const e = s.expr;
  return ["CASE WHEN typeof(", ...e, ") IN ('integer', 'real') THEN printf(", param(`%.${s.scale}f`), ', ', ...e, ') ELSE ', ...otherwise, ' END'];
}

const hasScale = (s: OutputSource): boolean => s.family === 'decimal' && s.scale !== null && s.scale > 0;

export function sqliteJsonValue(s: OutputSource): Part[] {
  const e = s.expr;
  if (s.embedded) return [...e];
  switch (s.family) {
    case 'integer':
    case 'float':
    case 'decimal':
      return hasScale(s) ? scaled(s, quote(e)) : quote(e);
    case 'boolean':
      return ['CASE WHEN ', ...e, " IS NULL THEN 'null' WHEN ", ...e, " THEN 'true' ELSE 'false' END"];
    default:
      return quote(asText(e));
  }
}

export function sqliteRowValue(s: OutputSource): Part[] {
  const e = s.expr;
  switch (s.family) {
    case 'integer':
    case 'float':
    case 'decimal': {
      // The same text json_quote prints (a REAL keeps SQLite's digits); NULL stays NULL.
      const text = ['nullif(', ...quote(e), ", 'null')"];
      return hasScale(s) ? scaled(s, text) : text;
    }
    case 'boolean':
      return ['CASE WHEN ', ...e, ' IS NULL THEN NULL WHEN ', ...e, ' THEN 1 ELSE 0 END'];
    case 'binary':
      return [...e];
    default:
      return asText(e);
  }
}

const col = (alias: string): Part[] => [ident('t'), '.', ident(alias)];
const concat = (pieces: Part[][]): Part[] => ['(', ...joinParts(pieces, ' || '), ')'];

export function sqliteJsonArray(inner: JsonInner, count: readonly Part[] | null, features: EngineFeatures): Part[] {
  const values = inner.sources.map((s, i) => ({ expr: sqliteJsonValue(s), alias: `c${i}` }));
  const orderKeys = inner.order.map((o, i) => ({ expr: o.expr, alias: `o${i}` }));
  const record = concat(recordPieces(inner.sources.map((s) => s.key), (i) => col(`c${i}`)));
  const outerOrder = orderClause(inner.order.map((o, i) => ({ ...o, expr: col(`o${i}`) })), features);
  return [
    'SELECT ', ...(count ? [...count, ' AS ', ident('count'), ', '] : []),
    "'[' || coalesce(group_concat(", ...record, ", ','", ...outerOrder, "), '') || ']' AS ", ident('resource'),
    ' FROM (', ...inner.build([...values, ...orderKeys]), ') ', ident('t'),
  ];
}

export function sqliteJsonRecords(query: JsonRecordsQuery): Part[] {
  const keys = query.keys.map((k, i) => ({ expr: sqliteRowValue(k), alias: `k${i}` }));
  const record = concat(recordPieces(query.sources.map((s) => s.key), (i) => {
    const source = query.sources[i];
    return source ? sqliteJsonValue(source) : ['NULL'];
  }));
  return ['SELECT ', ...selectList([...keys, { expr: record, alias: 'j' }]), ' FROM ', ident(query.table), ...query.tail];
}

export const sqliteCanBuildJson = (sources: readonly OutputSource[]): boolean => sources.every((s) => s.family !== 'binary');

/** Name of the base64 function every data-service connection registers (see dataSourceOptions). */
export const SQLITE_BASE64_FUNCTION = 'api_base64';

/** Inside related records binary values print through the registered base64 function. */
function embeddedValue(s: OutputSource): Part[] {
  if (s.family !== 'binary') return sqliteJsonValue(s);
  return quote([`${SQLITE_BASE64_FUNCTION}(`, ...s.expr, ')']);
}

/** Related records as JSON text, never NULL: an ordered, limited derived table, concatenated. */
export function sqliteJsonEmbed(q: EmbedQuery, features: EngineFeatures): Part[] {
  const record = concat(recordPieces(q.sources.map((s) => s.key), (i) => embeddedValue(q.sources[i]!)));
  const from = [' FROM ', ident(q.table), ' AS ', ident(q.alias), ' WHERE ', ...q.where, ...orderClause(q.order, features)];
  if (q.single) return ['coalesce((SELECT ', ...record, ...from, " LIMIT 1), 'null')"];
  const orderKeys = (q.order ?? []).map((o, i) => ({ expr: o.expr, alias: `o${i}` }));
  const outerOrder = orderClause((q.order ?? []).map((o, i) => ({ ...o, expr: col(`o${i}`) })), features);
  return [
    "(SELECT '[' || coalesce(group_concat(", ...col('j'), ", ','", ...outerOrder, "), '') || ']' FROM (SELECT ",
    ...selectList([{ expr: record, alias: 'j' }, ...orderKeys]), ...from, ' LIMIT ', param(q.limit), ') ', ident('t'), ')',
  ];
}
