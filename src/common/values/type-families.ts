import type { SimpleType } from '../../database/schema-cache/schema.types';

/**
 * Simple types grouped by how their values are typed on input and output (API.md 3.15.1).
 * One table, so the input coercion and the output mappers can never disagree on a type.
 */
export type TypeFamily =
  | 'integer' | 'bigid' | 'boolean' | 'float' | 'decimal' | 'string'
  | 'date' | 'time' | 'timetz' | 'datetime' | 'datetimetz' | 'json' | 'binary' | 'uuid';

export const TYPE_FAMILY: Readonly<Record<SimpleType, TypeFamily>> = {
  id: 'integer', smallid: 'integer', mediumid: 'integer', integer: 'integer', tinyint: 'integer',
  smallint: 'integer', mediumint: 'integer', reference: 'integer', user_id: 'integer',
  user_id_on_create: 'integer', user_id_on_update: 'integer',
  // bigint is a JSON number written with its exact digits; bigid is a string (as DreamFactory).
  bigint: 'integer', bigid: 'bigid',
  boolean: 'boolean',
  float: 'float', double: 'float',
  decimal: 'decimal', money: 'decimal',
  string: 'string', text: 'string', mediumtext: 'string', longtext: 'string',
  date: 'date', time: 'time', timetz: 'timetz',
  datetime: 'datetime', timestamp: 'datetime', timestamp_on_create: 'datetime', timestamp_on_update: 'datetime',
  datetimetz: 'datetimetz', timestamptz: 'datetimetz',
  json: 'json', jsonb: 'json',
  binary: 'binary',
  uuid: 'uuid', timeuuid: 'uuid',
};

export function typeFamily(type: SimpleType): TypeFamily {
  return TYPE_FAMILY[type];
}
