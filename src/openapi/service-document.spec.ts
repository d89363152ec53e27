import SwaggerParser from '@apidevtools/swagger-parser';
import { discoverRelationships } from '../database/relationships/discover';
import { column, exampleInput, exampleTables, table } from '../../test/fixtures/openapi-schema';
import type { AccessPredicate, Document, Operation } from './openapi.types';
import { buildServiceDocument } from './service-document';
import { typeSchema } from './type-schemas';

const validate = (document: Document) => SwaggerParser.validate(structuredClone(document) as never);

const operationsOf = (document: Document): [string, string, Operation][] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([key]) => key !== 'parameters').map(([method, op]) => [method, path, op as Operation] as [string, string, Operation]));

const schema = (document: Document, name: string) => document.components.schemas[name] as { properties: Record<string, Record<string, unknown>>; required?: string[] };

describe('simple types as JSON Schema (API.md 7.3)', () => {
  it.each([
    ['id', { type: 'integer', format: 'int32' }],
    ['reference', { type: 'integer', format: 'int32' }],
    ['bigint', { type: 'integer', format: 'int64' }],
    ['bigid', { type: 'string', pattern: '^-?[0-9]+$' }],
    ['boolean', { type: 'boolean' }],
    ['float', { type: 'number', format: 'float' }],
    ['double', { type: 'number', format: 'double' }],
    ['decimal', { type: 'number' }],
    ['money', { type: 'number' }],
    ['text', { type: 'string' }],
    ['date', { type: 'string', format: 'date' }],
    ['timetz', { type: 'string', pattern: '^\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([+-]\\d{2}:\\d{2})?$' }],
    ['timestamp_on_update', { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?$' }],
    ['timestamptz', { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?[+-]\\d{2}:\\d{2}$' }],
    ['jsonb', { type: 'string' }],
    ['binary', { type: 'string', format: 'byte' }],
    ['timeuuid', { type: 'string', format: 'uuid' }],
  ])('%s', (type, expected) => {
    expect(typeSchema(type)).toEqual(expected);
  });
});

describe('the document of a database service', () => {
  const document = buildServiceDocument(exampleInput());

  it('validates with swagger-parser', async () => {
    await expect(validate(document)).resolves.toBeDefined();
  });

  it('has the paths and operationIds of API.md 7.3', () => {
    const ids = Object.fromEntries(operationsOf(document).map(([method, path, op]) => [`${method.toUpperCase()} ${path}`, op.operationId]));
    expect(ids).toMatchObject({
      'GET /': 'getDbResources', 'GET /_table': 'getDbTables',
      'GET /_table/contact': 'getDbContactRecords', 'POST /_table/contact': 'createDbContactRecords', 'PUT /_table/contact': 'replaceDbContactRecords',
      'PATCH /_table/contact': 'updateDbContactRecords', 'DELETE /_table/contact': 'deleteDbContactRecords',
      'GET /_table/contact/{id}': 'getDbContactRecord', 'PUT /_table/contact/{id}': 'replaceDbContactRecord',
      'PATCH /_table/contact/{id}': 'updateDbContactRecord', 'DELETE /_table/contact/{id}': 'deleteDbContactRecord',
      'GET /_schema': 'getDbSchema', 'GET /_schema/{table_name}': 'describeDbTable', 'POST /_schema': 'createDbTables',
      'GET /_proc': 'getDbProcedures', 'GET /_func': 'getDbFunctions',
      'POST /_proc/count_orders': 'callDbProcCountOrders', 'POST /_func/order_total': 'callDbFuncOrderTotal',
    });
    expect(new Set(Object.values(ids)).size).toBe(Object.keys(ids).length);
    expect(operationsOf(document).every(([, , op]) => op.tags.length === 1 && op.tags[0] === 'db')).toBe(true);
  });

  it('types record schemas from the live schema: nullability, lengths, read-only and automatic columns, dates', () => {
    expect(schema(document, 'contact.Record').properties).toMatchObject({
      id: { type: 'integer', format: 'int32', readOnly: true },
      first_name: { type: 'string', maxLength: 64 },
      email: { type: 'string', maxLength: 255, nullable: true },
      born: { type: 'string', format: 'date', nullable: true },
      created_at: { type: 'string', readOnly: true },
    });
    expect(schema(document, 'contact.Record').properties.first_name).not.toHaveProperty('nullable');
    expect(schema(document, 'orders.Record').properties.placed_at).toMatchObject({ pattern: expect.stringContaining('[+-]\\d{2}:\\d{2}$') });
    expect(schema(document, 'contact.Input')).toMatchObject({ required: ['first_name'] });
    expect(Object.keys(schema(document, 'contact.Input').properties)).toEqual(['first_name', 'email', 'active', 'born']);
    expect(Object.keys(schema(document, 'contact.Patch').properties)).toEqual(['id', 'first_name', 'email', 'active', 'born']);
    expect(schema(document, 'contact.Ids')).toMatchObject({ properties: { resource: { items: { required: ['id'] } } } });
    expect(schema(document, 'contact.List').properties).toEqual({ resource: { type: 'array', items: { $ref: '#/components/schemas/contact.Record' } }, meta: { $ref: '#/components/schemas/Meta' } });
  });

  it('describes fields with their stored labels and descriptions', () => {
    const labelled = buildServiceDocument(exampleInput({
      labels: { tables: new Map([['contact', { label: 'People', description: null }]]), fields: new Map([['contact', new Map([['email', { label: 'E-mail', description: 'Where we write' }]])]]) },
    }));
    expect(schema(labelled, 'contact.Record').properties.email!.description).toBe('E-mail: Where we write (varchar(255))');
    expect((labelled.components.schemas['contact.Record'] as { description: string }).description).toMatch(/^People: /);
    expect(schema(document, 'contact.Record').properties.email!.description).toBe('Email (varchar(255))');
  });

  it('nests related records: an array for has_many, a nullable object for belongs_to', () => {
    expect(schema(document, 'contact.Record').properties.orders_by_contact_id).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/orders.Record' } });
    expect(schema(document, 'orders.Record').properties.contact_by_contact_id).toMatchObject({ nullable: true, allOf: [{ $ref: '#/components/schemas/contact.Record' }] });
    const related = document.paths['/_table/contact']!.get!.parameters!.find((p) => p.name === 'related');
    expect(related).toMatchObject({ in: 'query', style: 'form', explode: false, schema: { type: 'array', items: { enum: ['orders_by_contact_id', '*'] } } });
  });

  it('documents every read parameter as a form-style query parameter, lists as arrays of strings', () => {
    const parameters = document.paths['/_table/contact']!.get!.parameters!;
    expect(parameters.map((p) => p.name)).toEqual(expect.arrayContaining([
      'filter', 'params', 'fields', 'ids', 'id_field', 'id_type', 'limit', 'offset', 'order', 'group', 'having', 'include_count',
      'include_schema', 'count_only', 'as_list', 'related', 'orders_by_contact_id.fields', 'orders_by_contact_id.limit', 'orders_by_contact_id.order', 'continue', 'refresh',
    ]));
    expect(parameters.filter((p) => p.in === 'query').every((p) => p.style === 'form' && p.explode === false)).toBe(true);
    expect(parameters.find((p) => p.name === 'order')?.schema).toEqual({ type: 'array', items: { type: 'string' } });
    expect(document.paths['/_table/contact']!.post!.parameters!.find((p) => p.in === 'header')).toMatchObject({ name: 'X-HTTP-Method', schema: { enum: ['GET', 'PUT', 'PATCH', 'DELETE'] } });
  });

  it('answers every operation with its success, the error envelope, the batch error on batches, and default', () => {
    for (const [, , op] of operationsOf(document)) {
      expect(op.responses.default?.content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
      expect(op.responses['200']).toBeDefined();
    }
    expect(document.paths['/_table/contact']!.post!.responses['400']!.content!['application/json'].schema).toEqual({
      anyOf: [{ $ref: '#/components/schemas/BatchError' }, { $ref: '#/components/schemas/Error' }],
    });
  });

  it('documents routine parameters: IN as query parameters and body params, OUT in the response', () => {
    const proc = document.paths['/_proc/count_orders']!;
    expect(proc.get!.parameters!.map((p) => p.name)).toEqual(['p_status', 'returns', 'wrapper']);
    expect(proc.post!.responses['200']!.content!['application/json'].schema).toMatchObject({ properties: { p_count: { type: 'integer' } } });
    expect(document.paths['/_func/order_total']!.get!.responses['200']!.content!['application/json'].schema).toEqual({ type: 'number', nullable: true });
  });

  it('is deterministic: the same schema in any order gives the same document', () => {
    const shuffled = buildServiceDocument(exampleInput({ tables: [...exampleTables()].reverse() }));
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(document));
  });

  it('leaves out _proc and _func for engines without routines', () => {
    const sqlite = buildServiceDocument(exampleInput({ routines: undefined }));
    expect(Object.keys(sqlite.paths).filter((p) => p.startsWith('/_proc') || p.startsWith('/_func'))).toEqual([]);
  });
});

describe('names in the document', () => {
  it('gives colliding operationIds and schema names a numeric suffix, and escapes odd names', async () => {
    const tables = [table('contact_info', [column('id', 'integer')]), table('contactInfo', [column('id', 'integer')]), table('my table', [column('a b', 'string')])];
    const document = buildServiceDocument(exampleInput({ name: 'my-db', tables, relationships: discoverRelationships(tables), routines: undefined }));
    await validate(document);
    expect(document.paths['/_table/contactInfo']!.get!.operationId).toBe('getMyDbContactInfoRecords');
    expect(document.paths['/_table/contact_info']!.get!.operationId).toBe('getMyDbContactInfoRecords2');
    expect(document.paths['/_table/my%20table']!.get!.operationId).toBe('getMyDbMyTableRecords');
    expect(Object.keys(document.components.schemas)).toContain('my_table.Record');
    expect(document.servers).toEqual([{ url: '/api/v2/my-db' }]);
  });
});

describe('what a role may use (the access predicate)', () => {
  const readContact: AccessPredicate = (component, verb) => component === '_table/contact' && verb === 'GET';

  it('shows a role that may read one table only that table\'s paths and schemas', async () => {
    const document = buildServiceDocument(exampleInput(), readContact);
    await validate(document);
    const tablePaths = Object.keys(document.paths).filter((p) => p.startsWith('/_table/'));
    expect(tablePaths).toEqual(['/_table/contact']);
    expect(Object.keys(document.paths['/_table/contact']!)).toEqual(['get']);
    expect(Object.keys(document.components.schemas).filter((n) => n.includes('.'))).toEqual(['contact.Record', 'contact.Input', 'contact.Patch', 'contact.List', 'contact.Ids']);
    // orders is not readable: its relationship and its rows stay out of the document
    expect(schema(document, 'contact.Record').properties).not.toHaveProperty('orders_by_contact_id');
    expect(document.paths['/_table/contact']!.get!.parameters!.map((p) => p.name)).not.toContain('related');
    // routines and schema writes need their own grants; listings are open to anyone with access (6.3)
    expect(Object.keys(document.paths).filter((p) => !p.startsWith('/_table/'))).toEqual(['/', '/_table', '/_schema', '/_proc', '/_func']);
    expect(Object.keys(document.paths['/_schema']!)).toEqual(['get']);
  });

  it('asks about single records with an {id} placeholder, schema families with name placeholders', () => {
    const asked: string[] = [];
    buildServiceDocument(exampleInput({ routines: undefined }), (component, verb) => {
      asked.push(`${verb} ${component}`);
      return false;
    });
    expect(asked).toEqual(expect.arrayContaining(['GET _table/contact/{id}', 'DELETE _table/orders/{id}', 'POST _schema/{table_name}/_field', 'GET _schema/{table_name}/_related/{relationship_name}']));
  });

  it('keeps the verbs granted on records and routines', () => {
    const document = buildServiceDocument(exampleInput(), (component, verb) =>
      (component === '_table/orders/{id}' && verb === 'PATCH') || (component === '_func/order_total' && verb === 'GET'));
    expect(Object.keys(document.paths['/_table/orders/{id}']!)).toEqual(['patch']);
    expect(document.paths['/_table/orders']).toBeUndefined();
    expect(Object.keys(document.paths['/_func/order_total']!)).toEqual(['get']);
    expect(document.paths['/_proc/count_orders']).toBeUndefined();
  });
});
