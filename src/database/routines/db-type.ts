import type { SimpleType } from '../schema-cache/schema.types';

const EXACT: readonly (readonly [readonly string[], SimpleType])[] = [
  [['bit', 'bool', 'boolean'], 'boolean'],
  [['decimal', 'numeric'], 'decimal'],
  [['money'], 'money'],
  [['double', 'double precision', 'float8'], 'double'],
  [['real', 'float', 'float4'], 'float'],
  [['tinyint', 'smallint', 'int2', 'mediumint', 'int', 'int4', 'integer', 'serial'], 'integer'],
  [['bigint', 'int8', 'bigserial'], 'bigint'],
  [['timestamp with time zone', 'timestamptz'], 'timestamptz'],
  [['timestamp', 'timestamp without time zone'], 'timestamp'],
  [['datetime'], 'datetime'],
  [['date'], 'date'],
  [['time with time zone', 'timetz'], 'timetz'],
  [['time', 'time without time zone'], 'time'],
  [['bytea'], 'binary'],
  [['json'], 'json'],
  [['jsonb'], 'jsonb'],
  [['uuid'], 'uuid'],
];

/**
 * Simple type of a routine parameter or result by its declared type (API.md 3.15.2, first match
 * wins). The schema cache's column discovery adds key- and default-based rules on top; routine
 * parameters have neither. PostgreSQL arrays (`text[]`) are `string`, as "anything else".
 * @example simpleTypeOf('tinyint(1)') // 'boolean'
 * @example simpleTypeOf('character varying') // 'string'
 */
export function simpleTypeOf(declared: string): SimpleType {
  const lower = declared.trim().toLowerCase();
  if (lower.endsWith('[]')) return 'string';
  if (/^tinyint\s*\(\s*1\s*\)/.test(lower)) return 'boolean';
  const size = /\((\d+)/.exec(lower)?.[1];
  const base = lower.replace(/\([^)]*\)/g, '').replace(/\b(unsigned|zerofill|signed)\b/g, '').replace(/\s+/g, ' ').trim();
  for (const [names, type] of EXACT) {
    if (!names.includes(base)) continue;
    return type === 'float' && size === '53' ? 'double' : type;
  }
  if (base.includes('binary') || base.includes('blob')) return 'binary';
  if (base.includes('text') || base.includes('clob')) return 'text';
  return 'string';
}
