import type { TableSchema } from '../schema-cache/schema.types';
import type { QueryFn } from './executor';
import { assembleTables, type RawColumn, type RawForeignKey, type RawIndex } from './introspection';
import { NUMERIC_LITERAL, referentialAction, unquoteLiteral, type DefaultExpression } from './simple-type';

/**
 * SQLite introspection of the `main` database in four queries, joining sqlite_schema with the
 * table-valued pragma functions (https://www.sqlite.org/pragma.html#pragfunc). Internal
 * `sqlite_*` tables are never listed.
 */
const USER_OBJECTS = `m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;

const TABLES = `SELECT m.name AS name, m.type AS type, m.sql AS sql FROM main.sqlite_schema m WHERE ${USER_OBJECTS}`;

const COLUMNS = `SELECT m.name AS table_name, p.name AS name, p.type AS type, p."notnull" AS not_null,
  p.dflt_value AS dflt, p.pk AS pk, p.hidden AS hidden
FROM main.sqlite_schema m JOIN pragma_table_xinfo(m.name, 'main') p WHERE ${USER_OBJECTS} ORDER BY m.name, p.cid`;

const INDEXES = `SELECT m.name AS table_name, il.name AS name, il."unique" AS is_unique, il.origin AS origin, ii.name AS column_name
FROM main.sqlite_schema m JOIN pragma_index_list(m.name, 'main') il JOIN pragma_index_info(il.name, 'main') ii
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND il.partial = 0
ORDER BY m.name, il.name, ii.seqno`;

const FOREIGN_KEYS = `SELECT m.name AS table_name, f.id AS id, f."table" AS ref_table, f."from" AS column_name, f."to" AS ref_column,
  f.on_update AS on_update, f.on_delete AS on_delete
FROM main.sqlite_schema m JOIN pragma_foreign_key_list(m.name, 'main') f
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, f.id, f.seq`;

/**
 * dflt_value is the default as written: `'abc'`, `0`, `NULL`, `CURRENT_TIMESTAMP`, `(datetime('now'))`.
 * @example sqliteDefault("'it''s'")  // "it's"
 */
export function sqliteDefault(value: unknown): string | null | DefaultExpression {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (/^null$/i.test(text)) return null;
  const literal = unquoteLiteral(text);
  if (literal !== undefined) return literal;
  if (NUMERIC_LITERAL.test(text) || /^(true|false)$/i.test(text)) return text;
  return { expression: text };
}

/** `VARCHAR(64)` → length 64; `NUMERIC(10,2)` → precision 10, scale 2. */
function sizes(type: string): Pick<RawColumn, 'length' | 'precision' | 'scale'> {
  const m = /\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/.exec(type);
  if (!m) return { length: null, precision: null, scale: null };
  if (/char|clob|text|binary/i.test(type)) return { length: Number(m[1]), precision: null, scale: null };
  if (/dec|num/i.test(type)) return { length: null, precision: Number(m[1]), scale: Number(m[2] ?? 0) };
  return { length: null, precision: null, scale: null };
}

const str = (v: unknown): string => String(v);

export async function introspectSqlite(query: QueryFn): Promise<TableSchema[]> {
  const [tables, columns, indexes, fks] = await Promise.all([query(TABLES), query(COLUMNS), query(INDEXES), query(FOREIGN_KEYS)]);
  const withoutRowid = new Set(tables.filter((t) => /without\s+rowid\s*;?\s*$/i.test(str(t.sql ?? ''))).map((t) => str(t.name)));
  const visible = columns.filter((c) => Number(c.hidden) !== 1);
  const pkOf = new Map<string, { pos: number; name: string }[]>();
  for (const c of visible) {
    if (Number(c.pk) > 0) pkOf.set(str(c.table_name), [...(pkOf.get(str(c.table_name)) ?? []), { pos: Number(c.pk), name: str(c.name) }]);
  }
  const primary = (table: string): string[] => (pkOf.get(table) ?? []).sort((a, b) => a.pos - b.pos).map((p) => p.name);
  const rawIndexes: RawIndex[] = [...pkOf.keys()].map((table) => ({ table, name: '', primary: true, unique: true, columns: primary(table) }));
  const byIndex = new Map<string, RawIndex & { columns: string[] }>();
  for (const r of indexes) {
    if (r.origin === 'pk' || r.column_name === null) continue;
    const key = `${str(r.table_name)}\u0000${str(r.name)}`;
    const index = byIndex.get(key) ?? { table: str(r.table_name), name: str(r.name), primary: false, unique: Number(r.is_unique) === 1, columns: [] };
    index.columns.push(str(r.column_name));
    byIndex.set(key, index);
  }
  const byFk = new Map<string, RawForeignKey & { columns: string[]; refColumns: (string | null)[] }>();
  for (const r of fks) {
    const key = `${str(r.table_name)}\u0000${str(r.id)}`;
    const fk = byFk.get(key) ?? {
      table: str(r.table_name), name: '', refTable: str(r.ref_table), columns: [], refColumns: [],
      onUpdate: referentialAction(r.on_update), onDelete: referentialAction(r.on_delete),
    };
    fk.columns.push(str(r.column_name));
    fk.refColumns.push(r.ref_column === null ? null : str(r.ref_column));
    byFk.set(key, fk);
  }
  return assembleTables('sqlite', {
    tables: tables.map((r) => ({ name: str(r.name), isView: r.type === 'view' })),
    columns: visible.map((r): RawColumn => {
      const table = str(r.table_name);
      const type = str(r.type ?? '');
      const pk = primary(table);
      // A rowid alias: https://www.sqlite.org/lang_createtable.html#rowid
      const rowidAlias = pk.length === 1 && pk[0] === str(r.name) && type.toUpperCase() === 'INTEGER' && !withoutRowid.has(table);
      return {
        table, name: str(r.name), dbType: type.toLowerCase(), allowNull: Number(r.not_null) === 0,
        default: sqliteDefault(r.dflt), autoIncrement: rowidAlias, rowidAlias, ...sizes(type),
      };
    }),
    indexes: [...rawIndexes, ...byIndex.values()],
    // SQLite foreign keys are unnamed; the name follows API.md 3.14.2's fk_{t}_{f}. A missing
    // referenced column means the referenced table's primary key.
    foreignKeys: [...byFk.values()].map((fk) => ({
      ...fk,
      name: `fk_${fk.table}_${fk.columns.join('_')}`,
      refColumns: fk.refColumns.map((c, i) => c ?? primary(fk.refTable)[i] ?? ''),
    })),
  });
}
