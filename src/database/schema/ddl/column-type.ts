import type { DialectName } from '../../dialect/dialect';
import type { SimpleType } from '../../schema-cache/schema.types';

/** The size facts a column type needs (API.md 3.15.3: `n` = length, `p,s` = precision, scale). */
export interface TypeFacts {
  readonly type: SimpleType;
  readonly length: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
  readonly fixedLength: boolean;
}

/** Simple types that create an auto-increment primary key. */
export const ID_TYPES: ReadonlySet<SimpleType> = new Set(['id', 'bigid', 'smallid', 'mediumid']);

/** Types whose values the records API fills (API.md 3.8); remembered as field extras. */
export const AUTOMATIC_TYPES = ['timestamp_on_create', 'timestamp_on_update', 'user_id', 'user_id_on_create', 'user_id_on_update'] as const;
export type AutomaticType = (typeof AUTOMATIC_TYPES)[number];

export function isAutomaticType(type: string): type is AutomaticType {
  return (AUTOMATIC_TYPES as readonly string[]).includes(type);
}

const DEFAULT_LENGTH = 255;

const sized = (name: string, n: number | null): string => `${name}(${n ?? DEFAULT_LENGTH})`;
const numeric = (name: string, f: TypeFacts): string => `${name}(${f.precision ?? 10},${f.scale ?? 0})`;

type Table = Readonly<Record<SimpleType, (f: TypeFacts) => string>>;

const POSTGRES: Table = {
  id: () => 'serial', bigid: () => 'bigserial', smallid: () => 'smallserial', mediumid: () => 'serial',
  string: (f) => sized(f.fixedLength ? 'char' : 'varchar', f.length),
  text: () => 'text', mediumtext: () => 'text', longtext: () => 'text',
  integer: () => 'integer', tinyint: () => 'smallint', smallint: () => 'smallint', mediumint: () => 'integer', bigint: () => 'bigint',
  boolean: () => 'boolean', float: () => 'real', double: () => 'double precision',
  decimal: (f) => numeric('numeric', f), money: () => 'numeric(19,4)',
  date: () => 'date', time: () => 'time', timetz: () => 'time with time zone',
  datetime: () => 'timestamp', datetimetz: () => 'timestamp with time zone',
  timestamp: () => 'timestamp', timestamptz: () => 'timestamp with time zone',
  timestamp_on_create: () => 'timestamp', timestamp_on_update: () => 'timestamp',
  reference: () => 'integer', user_id: () => 'integer', user_id_on_create: () => 'integer', user_id_on_update: () => 'integer',
  binary: () => 'bytea', json: () => 'json', jsonb: () => 'jsonb', uuid: () => 'uuid', timeuuid: () => 'uuid',
};

const MYSQL: Table = {
  id: () => 'int', bigid: () => 'bigint', smallid: () => 'smallint', mediumid: () => 'mediumint',
  string: (f) => sized(f.fixedLength ? 'char' : 'varchar', f.length),
  text: () => 'text', mediumtext: () => 'mediumtext', longtext: () => 'longtext',
  integer: () => 'int', tinyint: () => 'tinyint', smallint: () => 'smallint', mediumint: () => 'mediumint', bigint: () => 'bigint',
  boolean: () => 'tinyint(1)', float: () => 'float', double: () => 'double',
  decimal: (f) => numeric('decimal', f), money: () => 'decimal(19,4)',
  date: () => 'date', time: () => 'time', timetz: () => 'time',
  datetime: () => 'datetime', datetimetz: () => 'datetime',
  timestamp: () => 'timestamp', timestamptz: () => 'timestamp',
  timestamp_on_create: () => 'timestamp', timestamp_on_update: () => 'timestamp',
  reference: () => 'int', user_id: () => 'int', user_id_on_create: () => 'int', user_id_on_update: () => 'int',
  binary: (f) => (f.length === null ? 'blob' : `${f.fixedLength ? 'binary' : 'varbinary'}(${f.length})`),
  json: () => 'json', jsonb: () => 'json', uuid: () => 'char(36)', timeuuid: () => 'char(36)',
};

const SQLITE: Table = {
  id: () => 'INTEGER', bigid: () => 'INTEGER', smallid: () => 'INTEGER', mediumid: () => 'INTEGER',
  string: (f) => sized(f.fixedLength ? 'CHAR' : 'VARCHAR', f.length),
  text: () => 'TEXT', mediumtext: () => 'TEXT', longtext: () => 'TEXT',
  integer: () => 'INTEGER', tinyint: () => 'TINYINT', smallint: () => 'SMALLINT', mediumint: () => 'MEDIUMINT', bigint: () => 'BIGINT',
  boolean: () => 'BOOLEAN', float: () => 'REAL', double: () => 'DOUBLE',
  decimal: (f) => numeric('NUMERIC', f), money: () => 'NUMERIC(19,4)',
  date: () => 'DATE', time: () => 'TIME', timetz: () => 'TIME',
  datetime: () => 'DATETIME', datetimetz: () => 'DATETIME',
  timestamp: () => 'TIMESTAMP', timestamptz: () => 'TIMESTAMP',
  timestamp_on_create: () => 'TIMESTAMP', timestamp_on_update: () => 'TIMESTAMP',
  reference: () => 'INTEGER', user_id: () => 'INTEGER', user_id_on_create: () => 'INTEGER', user_id_on_update: () => 'INTEGER',
  binary: () => 'BLOB', json: () => 'TEXT', jsonb: () => 'TEXT', uuid: () => 'CHAR(36)', timeuuid: () => 'CHAR(36)',
};

const TABLES: Readonly<Record<DialectName, Table>> = { postgres: POSTGRES, mysql: MYSQL, sqlite: SQLITE };

/** Every simple type a column can be created with. */
export const CREATABLE_TYPES: ReadonlySet<string> = new Set(Object.keys(POSTGRES));

/**
 * The column type of API.md 3.15.3 for a simple type on an engine (without NULL, DEFAULT or key
 * clauses, which the column definition adds).
 * @example columnType({ type: 'string', length: 120, precision: null, scale: null, fixedLength: false }, 'postgres')  // 'varchar(120)'
 */
export function columnType(facts: TypeFacts, engine: DialectName): string {
  return TABLES[engine][facts.type](facts);
}
