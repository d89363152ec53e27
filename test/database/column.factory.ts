import type { ColumnSchema } from '../../src/database/schema-cache/schema.types';

/** A nullable, non-key column; override what the test is about. */
export function makeColumn(overrides: Partial<ColumnSchema> & Pick<ColumnSchema, 'name' | 'type'>): ColumnSchema {
  return {
    dbType: overrides.type,
    length: null,
    precision: null,
    scale: null,
    allowNull: true,
    default: null,
    autoIncrement: false,
    isPrimaryKey: false,
    isUnique: false,
    isIndex: false,
    isForeignKey: false,
    refTable: null,
    refField: null,
    refOnUpdate: null,
    refOnDelete: null,
    ...overrides,
  };
}
