import { apiName, type Relationship } from '../database/relationships/discover';
import type { ColumnSchema, TableSchema } from '../database/schema-cache/schema.types';
import type { Schema } from './openapi.types';
import { ref } from './shared-components';
import { columnSchema, describe, isReadOnlyColumn, isRequiredColumn, type Labels } from './type-schemas';

/** The per-table schema names of API.md 7.3 for a table whose `{T}` is `base`. */
export const recordSchemaNames = (base: string) => ({
  record: `${base}.Record`, input: `${base}.Input`, patch: `${base}.Patch`, list: `${base}.List`, ids: `${base}.Ids`,
});

const properties = (columns: readonly ColumnSchema[], schema: (c: ColumnSchema) => Schema) =>
  Object.fromEntries(columns.map((c) => [c.name, schema(c)]));

/** Labels of one table and its fields, as stored (API.md 3.14); absent ones default. */
export interface TableLabels {
  readonly table?: Labels;
  readonly fields?: ReadonlyMap<string, Labels>;
}

/** A relationship as a record property, or undefined when its table is not in the document. */
function relationshipProperty(relationship: Relationship, baseOf: (table: string) => string | undefined): Schema | undefined {
  const base = baseOf(relationship.refTable);
  if (base === undefined) return undefined;
  const description = `${relationship.type} ${relationship.refTable} (related=${apiName(relationship)})`;
  const target = ref(recordSchemaNames(base).record);
  if (relationship.type === 'belongs_to' || relationship.type === 'has_one') {
    // OpenAPI 3.0.3 ignores `nullable` next to a bare $ref; allOf keeps the reference nullable.
    return { type: 'object', description, nullable: true, allOf: [target] };
  }
  return { type: 'array', description, items: target };
}

/**
 * `{T}.Record`, `.Input`, `.Patch`, `.List` and `.Ids` of one table (API.md 7.3). `relationships`
 * are the ones the caller may read; `baseOf` gives the `{T}` of the tables in the document.
 */
export function recordSchemas(table: TableSchema, base: string, relationships: readonly Relationship[], baseOf: (table: string) => string | undefined, labels: TableLabels = {}): Record<string, Schema> {
  const names = recordSchemaNames(base);
  const column = (readOnly?: boolean) => (c: ColumnSchema) => columnSchema(c, { readOnly, labels: labels.fields?.get(c.name) });
  const related = Object.fromEntries(
    relationships.flatMap((r) => {
      const property = relationshipProperty(r, baseOf);
      return property ? [[apiName(r), property] as const] : [];
    }),
  );
  const writable = table.columns.filter((c) => !isReadOnlyColumn(c));
  const keys = table.primaryKey.flatMap((name) => table.columns.filter((c) => c.name === name));
  const required = writable.filter(isRequiredColumn).map((c) => c.name);
  const patchColumns = table.columns.filter((c) => !isReadOnlyColumn(c) || table.primaryKey.includes(c.name));
  const kind = table.isView ? 'view' : 'table';
  return {
    [names.record]: {
      type: 'object',
      description: `${describe(table.name, labels.table)}: a record of the ${kind} ${table.name}; relationships appear when asked for with related=.`,
      properties: { ...properties(table.columns, column()), ...related },
    },
    [names.input]: {
      type: 'object',
      description: `A new record of ${table.name}: the writable columns.`,
      ...(required.length > 0 ? { required } : {}),
      properties: properties(writable, column(false)),
    },
    [names.patch]: {
      type: 'object',
      description: `Changes to a record of ${table.name}. Key columns select the record in collection updates and are never changed.`,
      properties: properties(patchColumns, column(false)),
    },
    [names.list]: {
      type: 'object',
      properties: { resource: { type: 'array', items: ref(names.record) }, meta: ref('Meta') },
    },
    [names.ids]: keys.length > 0
      ? {
          type: 'object',
          description: `Records of ${table.name} identified by their key.`,
          required: ['resource'],
          properties: {
            resource: { type: 'array', items: { type: 'object', required: keys.map((c) => c.name), properties: properties(keys, column(false)) } },
          },
        }
      : {
          type: 'object',
          description: `${table.name} has no primary key: records are identified by the columns named in id_field.`,
          required: ['resource'],
          properties: { resource: { type: 'array', items: { type: 'object', additionalProperties: true } } },
        },
  };
}
