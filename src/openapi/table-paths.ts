import { apiName, type Relationship } from '../database/relationships/discover';
import type { TableSchema } from '../database/schema-cache/schema.types';
import { pascal, segment } from './names';
import { addOperation, boolQuery, listQuery, pathParam, query, type ServicePaths } from './operations';
import type { Parameter } from './openapi.types';
import { recordSchemaNames } from './record-schemas';
import { ref } from './shared-components';
import { typeSchema } from './type-schemas';

const INT32 = { type: 'integer', format: 'int32' } as const;
const READ_ERRORS = [400, 401, 403, 404, 503, 504];
const WRITE_ERRORS = [400, 401, 403, 404, 409, 503, 504];
const BATCH_ERRORS = [400, 401, 403, 404, 409, 413, 503, 504];

/** The query parameters of API.md 3.3 for one table, by name. */
function tableParameters(table: TableSchema, relationships: readonly Relationship[]) {
  const columns = table.columns.map((c) => c.name).join(', ');
  const names = relationships.map(apiName);
  const related = names.length > 0
    ? [listQuery('related', 'Relationships to embed, or * for all (3.12).', { type: 'string', enum: [...names, '*'] })]
    : [];
  const relatedOptions = names.flatMap((name) => [
    listQuery(`${name}.fields`, `Fields of the embedded ${name} records.`),
    query(`${name}.limit`, INT32, `Most ${name} records per parent record.`),
    listQuery(`${name}.order`, `Order of the embedded ${name} records.`),
  ]);
  return {
    filter: query('filter', { type: 'string' }, 'Row condition in the filter language (3.10), e.g. (age > 30) AND (last_name = \'Doe\'). Alias: where.'),
    params: query('params', { type: 'string' }, 'Values for :name placeholders of filter/having, as a JSON object ({":a": 1}).'),
    fields: listQuery('fields', `Fields to return; * for all. Columns: ${columns}. Alias: select.`),
    ids: listQuery('ids', 'Key values of the records (at most 1000).'),
    idField: listQuery('id_field', `Columns identifying a record instead of the primary key. Columns: ${columns}.`),
    idType: query('id_type', { type: 'string' }, 'Accepted and ignored.'),
    limit: query('limit', INT32, 'Page size; absent, 0, negative or above max_records means max_records. Alias: top.'),
    offset: query('offset', INT32, 'Rows to skip. Alias: skip.'),
    order: listQuery('order', `field [ASC|DESC] [NULLS FIRST|NULLS LAST], comma-separated. Columns: ${columns}. Aliases: sort, order_by.`),
    group: listQuery('group', `Columns to group by (3.11). Columns: ${columns}. Alias: group_by.`),
    having: query('having', { type: 'string' }, 'Condition over groups; requires group.'),
    includeCount: boolQuery('include_count', 'Add meta.count, the number of matching rows.'),
    includeSchema: boolQuery('include_schema', 'Add meta.schema, the table descriptor.'),
    countOnly: boolQuery('count_only', 'Answer with the bare number of matching rows.'),
    asList: boolQuery('as_list', 'Answer with the key values only: {"resource":[1,2,3]}.'),
    refresh: boolQuery('refresh', 'Re-read the table schema first.'),
    continueBatch: boolQuery('continue', 'Attempt every record of the batch and report each (3.7).'),
    rollback: boolQuery('rollback', 'One transaction for the whole batch; any failure rolls everything back (3.7).'),
    allowRelatedDelete: boolQuery('allow_related_delete', 'Nested writes may delete children (3.9).'),
    force: boolQuery('force', 'Delete without ids, records or filter: every row (admins) or the role filter\'s rows.'),
    related,
    relatedOptions,
  };
}

/** The `/{id}` parameter: typed by a single-column key, text for composite keys (`17,3`). */
function idParameter(table: TableSchema): Parameter {
  const key = table.primaryKey.length === 1 ? table.columns.find((c) => c.name === table.primaryKey[0]) : undefined;
  const description = table.primaryKey.length > 1
    ? `Key values in key order (${table.primaryKey.join(', ')}), comma-separated.`
    : key ? `Value of ${key.name}, or of the id_field columns.` : 'Value of the id_field columns (the table has no primary key).';
  return pathParam('id', description, key ? typeSchema(key.type) : { type: 'string' });
}

const X_HTTP_METHOD: Parameter = {
  name: 'X-HTTP-Method', in: 'header', required: false,
  description: 'Tunnel another verb through POST; with GET the body may carry the read options (filter, params, limit, …).',
  schema: { type: 'string', enum: ['GET', 'PUT', 'PATCH', 'DELETE'] },
};

/**
 * `/_table/{t}` and `/_table/{t}/{id}` of one table (API.md 7.3): every verb the caller's role
 * allows, request and response bodies from the table's schemas.
 */
export function addTablePaths(ctx: ServicePaths, table: TableSchema, base: string, relationships: readonly Relationship[]): void {
  const p = tableParameters(table, relationships);
  const s = recordSchemaNames(base);
  const id = `${ctx.servicePascal}${pascal(table.name)}`;
  const component = `_table/${table.name}`;
  const path = `/_table/${segment(table.name)}`;
  const list = { description: 'Records', schema: ref(s.list) };
  const patches = { required: true, schema: { type: 'object', required: ['resource'], properties: { resource: { type: 'array', items: ref(s.patch) } } } };
  const byIdOrFilter = [p.filter, p.params, p.ids, p.fields, ...p.related, p.idField, p.idType, p.continueBatch, p.rollback];

  addOperation(ctx, path, {
    method: 'get', verb: 'GET', component, operationId: `get${id}Records`, summary: `Retrieve records of ${table.name}`,
    description: 'A filtered page, or the records named by ids.',
    parameters: [p.filter, p.params, p.fields, p.ids, p.idField, p.idType, p.limit, p.offset, p.order, p.group, p.having,
      p.includeCount, p.includeSchema, p.countOnly, p.asList, ...p.related, ...p.relatedOptions, p.continueBatch, p.refresh],
    success: list, errors: READ_ERRORS, batch: true,
  });
  addOperation(ctx, path, {
    method: 'post', verb: 'POST', component, operationId: `create${id}Records`, summary: `Create records of ${table.name}`,
    parameters: [X_HTTP_METHOD, p.fields, ...p.related, p.idField, p.continueBatch, p.rollback, p.allowRelatedDelete],
    body: { required: true, schema: { oneOf: [{ type: 'object', required: ['resource'], properties: { resource: { type: 'array', items: ref(s.input) } } }, { type: 'array', items: ref(s.input) }] } },
    success: { description: 'Key fields of the new records (or the fields asked for)', schema: ref(s.list) },
    errors: BATCH_ERRORS, batch: true,
  });
  for (const [method, verb, prefix] of [['put', 'PUT', 'replace'], ['patch', 'PATCH', 'update']] as const) {
    addOperation(ctx, path, {
      method, verb, component, operationId: `${prefix}${id}Records`, summary: `Update records of ${table.name}${method === 'put' ? ' (same as PATCH)' : ''}`,
      description: 'By records (key fields in each), by ids or by filter (the changes are resource[0]).',
      parameters: [...byIdOrFilter, p.allowRelatedDelete], body: patches, success: list, errors: BATCH_ERRORS, batch: true,
    });
  }
  addOperation(ctx, path, {
    method: 'delete', verb: 'DELETE', component, operationId: `delete${id}Records`, summary: `Delete records of ${table.name}`,
    description: 'By ids, records in the body or filter; force=true without any of them deletes every row.',
    parameters: [...byIdOrFilter, p.force],
    body: { required: false, schema: ref(s.ids) },
    success: { description: 'The deleted records (key fields or the fields asked for), or {"success":true} with force', schema: { anyOf: [ref(s.list), ref('Success')] } },
    errors: WRITE_ERRORS, batch: true,
  });

  const itemPath = `${path}/{id}`;
  const itemComponent = `${component}/{id}`;
  const itemParams = [idParameter(table), p.fields, ...p.related, p.idField, p.idType];
  const record = { description: 'The record', schema: ref(s.record) };
  addOperation(ctx, itemPath, {
    method: 'get', verb: 'GET', component: itemComponent, operationId: `get${id}Record`, summary: `Retrieve one record of ${table.name}`,
    parameters: [...itemParams, ...p.relatedOptions], success: record, errors: READ_ERRORS,
  });
  for (const [method, verb, prefix] of [['put', 'PUT', 'replace'], ['patch', 'PATCH', 'update']] as const) {
    addOperation(ctx, itemPath, {
      method, verb, component: itemComponent, operationId: `${prefix}${id}Record`, summary: `Update one record of ${table.name}${method === 'put' ? ' (same as PATCH)' : ''}`,
      parameters: [...itemParams, p.allowRelatedDelete], body: { required: true, schema: ref(s.patch) },
      success: { description: 'Key fields of the record (or the fields asked for)', schema: ref(s.record) }, errors: WRITE_ERRORS,
    });
  }
  addOperation(ctx, itemPath, {
    method: 'delete', verb: 'DELETE', component: itemComponent, operationId: `delete${id}Record`, summary: `Delete one record of ${table.name}`,
    parameters: itemParams, success: { description: 'Key fields of the deleted record (or the fields asked for)', schema: ref(s.record) }, errors: WRITE_ERRORS,
  });
}
