import type { TableSchema } from '../schema-cache/schema.types';
import type { QueryFn } from './executor';
import { assembleTables, type RawColumn, type RawForeignKey, type RawIndex, type RawTable } from './introspection';
import { NUMERIC_LITERAL, referentialAction, unquoteLiteral, type DefaultExpression } from './simple-type';

/**
 * PostgreSQL introspection of one schema (default `public`) in four catalog queries, whatever the
 * number of tables. Partitions are hidden behind their parent; other schemas are never read.
 */
const RELATION = `c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition`;

const TABLES = `SELECT c.relname AS name, c.relkind AS kind
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND ${RELATION}`;

// Domains are described by their base type; varchar/char length and numeric precision come from typmod.
const COLUMNS = `SELECT c.relname AS table_name, a.attname AS name,
  format_type(bt.oid, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END) AS db_type,
  bt.typname AS base_name, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod,
  a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) AS not_null,
  pg_get_expr(d.adbin, d.adrelid) AS default_expr, a.attidentity <> '' AS identity
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = $1 AND ${RELATION} AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`;

const INDEXES = `SELECT c.relname AS table_name, i.relname AS name, ix.indisprimary AS is_primary, ix.indisunique AS is_unique,
  ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.num
        WHERE k.ord <= ix.indnkeyatts ORDER BY k.ord) AS columns
FROM pg_index ix
JOIN pg_class c ON c.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND ix.indpred IS NULL AND NOT (0 = ANY(ix.indkey::int2[]))
ORDER BY c.relname, i.relname`;

const FOREIGN_KEYS = `SELECT c.relname AS table_name, con.conname AS name, fc.relname AS ref_table,
  ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
  ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS ref_columns,
  con.confupdtype AS on_update, con.confdeltype AS on_delete
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class fc ON fc.oid = con.confrelid
WHERE n.nspname = $1 AND con.contype = 'f'
ORDER BY c.relname, con.conname`;

/**
 * `'abc'::character varying` → `abc`; `(-1)` → `-1`; `NULL::text` → null; `now()` → expression.
 * @example postgresDefault("'it''s'::text")  // "it's"
 */
export function postgresDefault(expr: string | null): string | null | DefaultExpression {
  if (expr === null) return null;
  let text = expr.trim();
  for (let cast = /::[a-z_][\w ."]*(\(\d+(,\s*\d+)?\))?(\[\])?$/i; cast.test(text);) text = text.replace(cast, '').trim();
  while (/^\(.*\)$/s.test(text) && !/^\(.*\)\s*\(.*\)$/s.test(text)) text = text.slice(1, -1).trim();
  if (/^null$/i.test(text)) return null;
  const literal = unquoteLiteral(text);
  if (literal !== undefined) return literal;
  if (NUMERIC_LITERAL.test(text) || /^(true|false)$/i.test(text)) return text;
  return { expression: expr };
}

function lengthOf(base: string, typmod: number): { length: number | null; precision: number | null; scale: number | null } {
  if (typmod < 0) return { length: null, precision: null, scale: null };
  if (base === 'varchar' || base === 'bpchar') return { length: typmod - 4, precision: null, scale: null };
  if (base === 'numeric') return { length: null, precision: ((typmod - 4) >> 16) & 0xffff, scale: (typmod - 4) & 0xffff };
  return { length: null, precision: null, scale: null };
}

const str = (v: unknown): string => String(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export async function introspectPostgres(query: QueryFn, schema = 'public'): Promise<TableSchema[]> {
  const [tables, columns, indexes, fks] = await Promise.all([
    query(TABLES, [schema]), query(COLUMNS, [schema]), query(INDEXES, [schema]), query(FOREIGN_KEYS, [schema]),
  ]);
  return assembleTables('postgres', {
    tables: tables.map((r): RawTable => ({ name: str(r.name), isView: r.kind === 'v' || r.kind === 'm' })),
    columns: columns.map((r): RawColumn => {
      const dflt = typeof r.default_expr === 'string' ? r.default_expr : null;
      const serial = dflt !== null && /^nextval\(/i.test(dflt);
      return {
        table: str(r.table_name), name: str(r.name), dbType: str(r.db_type), allowNull: r.not_null !== true,
        default: serial ? null : postgresDefault(dflt), autoIncrement: serial || r.identity === true,
        ...lengthOf(str(r.base_name), Number(r.typmod)),
      };
    }),
    indexes: indexes.map((r): RawIndex => ({
      table: str(r.table_name), name: str(r.name), primary: r.is_primary === true, unique: r.is_unique === true, columns: strings(r.columns),
    })),
    foreignKeys: fks.map((r): RawForeignKey => ({
      table: str(r.table_name), name: str(r.name), columns: strings(r.columns), refTable: str(r.ref_table),
      refColumns: strings(r.ref_columns), onUpdate: referentialAction(r.on_update), onDelete: referentialAction(r.on_delete),
    })),
  });
}
