import { typeFamily } from '../../common/values/type-families';
import type { DialectName } from '../dialect/dialect';
import type { ReferentialAction, SimpleType } from '../schema-cache/schema.types';

/** API.md 3.15.2, first match wins, on the declared type name without size or modifiers. */
const RULES: readonly [RegExp, SimpleType][] = [
  [/^(bit|bool|boolean)$/, 'boolean'],
  [/^(decimal|numeric)$/, 'decimal'],
  [/^money$/, 'money'],
  [/^(double|double precision|float8)$/, 'double'],
  [/^(real|float|float4)$/, 'float'],
  [/^(tinyint|smallint|int2|mediumint|int|int4|integer|serial|serial4|smallserial|serial2)$/, 'integer'],
  [/^(bigint|int8|bigserial|serial8)$/, 'bigint'],
  [/^(timestamp with time zone|timestamptz)$/, 'timestamptz'],
  [/^(timestamp|timestamp without time zone)$/, 'timestamp'],
  [/^datetime$/, 'datetime'],
  [/^date$/, 'date'],
  [/^(time with time zone|timetz)$/, 'timetz'],
  [/^(time|time without time zone)$/, 'time'],
  [/^bytea$|binary|blob/, 'binary'],
  [/^json$/, 'json'],
  [/^jsonb$/, 'jsonb'],
  [/^uuid$/, 'uuid'],
  [/text|clob/, 'text'],
];

/** `int(11) unsigned` → `int`; `timestamp(3) without time zone` → `timestamp without time zone`. */
export function baseTypeName(dbType: string): string {
  return dbType.toLowerCase().replace(/\([^)]*\)/g, '').replace(/\b(unsigned|signed|zerofill)\b/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * Simple type of a declared type (before the key/reference rules). MySQL's `tinyint(1)` is a
 * boolean; `float(53)` a double; arrays are strings; on SQLite a name containing `int` has
 * integer affinity (https://www.sqlite.org/datatype3.html#determination_of_column_affinity).
 * @example simpleTypeOf('character varying(255)', 'postgres')  // 'string'
 */
export function simpleTypeOf(dbType: string, engine: DialectName): SimpleType {
  const lower = dbType.toLowerCase().trim();
  if (lower.endsWith('[]')) return 'string';
  if (engine === 'mysql' && /^tinyint\(1\)/.test(lower)) return 'boolean';
  if (/^float\s*\(\s*(2[5-9]|[3-4]\d|5[0-3])\s*\)/.test(lower)) return 'double';
  const base = baseTypeName(lower);
  for (const [pattern, type] of RULES) if (pattern.test(base)) return type;
  if (engine === 'sqlite' && base.includes('int')) return base.includes('big') ? 'bigint' : 'integer';
  return 'string';
}

export const isIntegerType = (type: SimpleType): boolean => typeFamily(type) === 'integer';

/**
 * Applies API.md 3.15.2's "then" rules: auto-increment single-column integer key → `id`/`bigid`,
 * single-column integer foreign key → `reference`, MySQL `timestamp` defaulting to (and updated
 * with) CURRENT_TIMESTAMP → `timestamp_on_create` / `timestamp_on_update`.
 */
export function refineType(
  type: SimpleType,
  facts: { soleKey: boolean; autoIncrement: boolean; soleForeignKey: boolean; mysqlAutoTimestamp?: 'create' | 'update' },
): SimpleType {
  if (facts.soleKey && facts.autoIncrement && (type === 'integer' || type === 'bigint')) return type === 'bigint' ? 'bigid' : 'id';
  if (facts.soleForeignKey && type === 'integer') return 'reference';
  if (type === 'timestamp' && facts.mysqlAutoTimestamp) {
    return facts.mysqlAutoTimestamp === 'update' ? 'timestamp_on_update' : 'timestamp_on_create';
  }
  return type;
}

const ACTIONS: readonly ReferentialAction[] = ['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT'];

/** `cascade`, `SET_NULL`, PostgreSQL's `a`/`r`/`c`/`n`/`d` → the contract's spelling. */
export function referentialAction(value: unknown): ReferentialAction {
  const text = String(value ?? '').toUpperCase().replace(/_/g, ' ').trim();
  const pgCodes: Readonly<Record<string, ReferentialAction>> = { A: 'NO ACTION', R: 'RESTRICT', C: 'CASCADE', N: 'SET NULL', D: 'SET DEFAULT' };
  return pgCodes[text] ?? ACTIONS.find((a) => a === text) ?? 'NO ACTION';
}

/** A default the database computes, e.g. `{"expression":"CURRENT_TIMESTAMP"}` (API.md 3.14.2). */
export interface DefaultExpression {
  readonly expression: string;
}

/**
 * Types a default literal for its column: numbers, booleans, strings; `null` stays null.
 * @example typedDefault('12.50', 'decimal')  // 12.5
 */
export function typedDefault(literal: string | null, type: SimpleType): unknown {
  if (literal === null) return null;
  const family = typeFamily(type);
  if (family === 'integer' || family === 'float' || family === 'decimal') {
    const n = Number(literal);
    return Number.isFinite(n) ? n : literal;
  }
  if (family === 'boolean') return /^(1|t|true|y|yes|on|b'1')$/i.test(literal.trim());
  return literal;
}

/** `'it''s'` → `it's`; undefined when the text is not one quoted literal. */
export function unquoteLiteral(text: string): string | undefined {
  const m = /^'((?:[^']|'')*)'$/s.exec(text);
  return m?.[1]?.replace(/''/g, "'");
}

export const NUMERIC_LITERAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
