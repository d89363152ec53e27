import type { DialectName } from '../dialect/dialect';
import type { ColumnSchema, ForeignKeySchema, ReferentialAction, TableSchema, UniqueConstraintSchema } from '../schema-cache/schema.types';
import { refineType, simpleTypeOf, typedDefault, type DefaultExpression } from './simple-type';

/**
 * Catalog facts every engine's introspection gathers (a handful of queries per service), and the
 * one engine-neutral step that turns them into TableSchema: keys, uniques, indexes, references
 * and the type rules of API.md 3.15.2.
 */
export interface RawTable {
  readonly name: string;
  readonly isView: boolean;
}

export interface RawColumn {
  readonly table: string;
  readonly name: string;
  readonly dbType: string;
  readonly allowNull: boolean;
  /** A literal default as text (null: no default / NULL), or an expression. */
  readonly default: string | null | DefaultExpression;
  readonly autoIncrement: boolean;
  readonly length: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
  /** SQLite: `INTEGER PRIMARY KEY` (a rowid alias, generated). */
  readonly rowidAlias?: boolean;
  readonly mysqlAutoTimestamp?: 'create' | 'update';
}

export interface RawIndex {
  readonly table: string;
  readonly name: string;
  readonly primary: boolean;
  readonly unique: boolean;
  /** Key columns in order. */
  readonly columns: readonly string[];
}

export interface RawForeignKey {
  readonly table: string;
  readonly name: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onUpdate: ReferentialAction;
  readonly onDelete: ReferentialAction;
}

export interface CatalogFacts {
  readonly tables: readonly RawTable[];
  /** In declared order within each table. */
  readonly columns: readonly RawColumn[];
  readonly indexes: readonly RawIndex[];
  readonly foreignKeys: readonly RawForeignKey[];
}

function groupBy<T extends { readonly table: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.table);
    if (list) list.push(item);
    else map.set(item.table, [item]);
  }
  return map;
}

function buildColumn(engine: DialectName, raw: RawColumn, t: { pk: readonly string[]; indexes: readonly RawIndex[]; fks: readonly RawForeignKey[] }): ColumnSchema {
  const isPrimaryKey = t.pk.includes(raw.name);
  const autoIncrement = raw.autoIncrement || raw.rowidAlias === true;
  const fk = t.fks.find((f) => f.columns.includes(raw.name));
  const soleKey = t.pk.length === 1 && isPrimaryKey;
  let type = refineType(simpleTypeOf(raw.dbType, engine), {
    soleKey,
    autoIncrement,
    soleForeignKey: t.fks.some((f) => f.columns.length === 1 && f.columns[0] === raw.name),
    mysqlAutoTimestamp: raw.mysqlAutoTimestamp,
  });
  // API.md 3.15.2: on SQLite, INTEGER PRIMARY KEY is `id` even without AUTOINCREMENT.
  if (raw.rowidAlias) type = 'id';
  const dflt = autoIncrement ? null : raw.default;
  return {
    name: raw.name,
    type,
    dbType: raw.dbType,
    length: raw.length,
    precision: raw.precision,
    scale: raw.scale,
    allowNull: raw.allowNull && !isPrimaryKey,
    default: dflt !== null && typeof dflt === 'object' ? dflt : typedDefault(dflt, type),
    autoIncrement,
    isPrimaryKey,
    isUnique: soleKey || t.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === raw.name),
    isIndex: t.indexes.some((i) => i.columns.includes(raw.name)),
    isForeignKey: fk !== undefined,
    refTable: fk?.refTable ?? null,
    refField: fk ? (fk.refColumns[fk.columns.indexOf(raw.name)] ?? null) : null,
    refOnUpdate: fk?.onUpdate ?? null,
    refOnDelete: fk?.onDelete ?? null,
  };
}

/** Assembles introspected facts into table schemas, tables sorted by name (version 0). */
export function assembleTables(engine: DialectName, facts: CatalogFacts): TableSchema[] {
  const columns = groupBy(facts.columns);
  const indexes = groupBy(facts.indexes);
  const fks = groupBy(facts.foreignKeys);
  return [...facts.tables]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((table): TableSchema => {
      const tableIndexes = indexes.get(table.name) ?? [];
      const primary = tableIndexes.find((i) => i.primary);
      const pk = primary?.columns ?? [];
      const tableFks = fks.get(table.name) ?? [];
      const uniques: UniqueConstraintSchema[] = tableIndexes
        .filter((i) => i.unique && !i.primary)
        .map((i) => ({ name: i.name, columns: i.columns }));
      const foreignKeys: ForeignKeySchema[] = tableFks.map((fk) => ({
        name: fk.name, columns: fk.columns, refTable: fk.refTable, refColumns: fk.refColumns, onUpdate: fk.onUpdate, onDelete: fk.onDelete,
      }));
      return {
        name: table.name,
        isView: table.isView,
        columns: (columns.get(table.name) ?? []).map((c) => buildColumn(engine, c, { pk, indexes: tableIndexes, fks: tableFks })),
        primaryKey: pk,
        primaryKeyName: primary?.name || null,
        foreignKeys,
        uniques,
        version: 0,
      };
    });
}
