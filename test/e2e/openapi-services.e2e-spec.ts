import { pascal } from '../../src/openapi/names';
import { recordsFixture } from '../fixtures/records-schema';
import { bearer, createApp, createRecords, expectError, login } from '../helpers/accounts';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { operations, validateDocument, type OpenApiDocument } from '../helpers/openapi';
import { checkGeneratedTypes } from '../helpers/openapi-types';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine, type EngineName } from '../helpers/test-databases';

type Properties = Record<string, Record<string, unknown>>;

/** A scalar function over the fixture, per engine (SQLite has none). */
const ROUTINE: Partial<Record<EngineName, string>> = {
  postgres: 'CREATE FUNCTION adults_over(p_min integer) RETURNS integer LANGUAGE sql AS $$ SELECT count(*)::int FROM contact WHERE age >= p_min $$',
  mysql: 'CREATE FUNCTION adults_over(p_min int) RETURNS int READS SQL DATA RETURN (SELECT count(*) FROM contact WHERE age >= p_min)',
};

/** The fixture's contact table as a client typed from the document sees it. */
const CONTACT_TYPES = `
import type { components, paths } from './schema';
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Contact = components['schemas']['contact.Record'];
type Expected = {
  readonly id?: number; first_name?: string; last_name?: string | null; email?: string | null; age?: number | null;
  active?: boolean | null; owner_id?: number | null; score?: number | null; created_at?: string | null;
  orders_by_contact_id?: components['schemas']['orders.Record'][];
};
export const exact: Equals<Contact, Expected> = true;
export const input: components['schemas']['contact.Input'] = { first_name: 'Jo', email: null, age: 44 };
// @ts-expect-error first_name is required on insert
export const missing: components['schemas']['contact.Input'] = { email: 'jo@example.com' };
// @ts-expect-error age is a number
export const wrong: Contact = { age: 'old' };
type List = paths['/_table/contact']['get']['responses'][200]['content']['application/json'];
export const list: List = { resource: [{ id: 1, first_name: 'Jo', orders_by_contact_id: [{ id: 1, contact_id: 1, total: 10 }] }], meta: { count: 1 } };
export const owner: components['schemas']['orders.Record']['contact_by_contact_id'] = null;
`;

describeEachEngine('per-service OpenAPI documents', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let document: OpenApiDocument;

  const spec = (path: string) => t.http.get(path).set(auth);

  beforeAll(async () => {
    t = await createTestApp();
    auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
    svc = await createDataService(t, auth, engine, recordsFixture(engine));
    if (ROUTINE[engine]) await svc.query(ROUTINE[engine]);
    document = (await spec(`/api/v2/api_docs/${svc.name}`).expect(200)).body as OpenApiDocument;
  });

  afterAll(async () => {
    await t?.close();
    await svc?.drop();
  });

  it('serves one valid document at api_docs/{svc} and {svc}/_spec', async () => {
    await validateDocument(document);
    expect((await spec(`/api/v2/${svc.name}/_spec`).expect(200)).body).toEqual(document);
    expect(document.servers).toEqual([{ url: `/api/v2/${svc.name}` }]);
    const tables = Object.keys(document.paths).filter((p) => /^\/_table\/[^/]+$/.test(p));
    expect(tables).toEqual(['/_table/adult', '/_table/contact', '/_table/event_log', '/_table/order_line', '/_table/orders']);
  });

  it('types the records from the live schema', () => {
    const contact = document.components.schemas['contact.Record']!.properties as Properties;
    expect(Object.keys(contact)).toEqual(['id', 'first_name', 'last_name', 'email', 'age', 'active', 'owner_id', 'score', 'created_at', 'orders_by_contact_id']);
    expect(contact).toMatchObject({
      id: { type: 'integer', readOnly: true },
      first_name: { type: 'string', maxLength: 64 },
      email: { type: 'string', maxLength: 255, nullable: true },
      active: { type: 'boolean', nullable: true },
      score: { type: 'number', nullable: true },
      created_at: { type: 'string', pattern: expect.stringMatching(/^\^\\d\{4\}/), nullable: true },
      orders_by_contact_id: { type: 'array', items: { $ref: '#/components/schemas/orders.Record' } },
    });
    expect(contact.first_name).not.toHaveProperty('nullable');
    expect((document.components.schemas['orders.Record']!.properties as Properties).contact_by_contact_id).toMatchObject({ nullable: true, allOf: [{ $ref: '#/components/schemas/contact.Record' }] });
    expect(document.components.schemas['contact.Input']!.required).toEqual(['first_name']);
    const composite = document.paths['/_table/order_line/{id}']!.get!;
    expect(JSON.stringify(composite)).toContain('Key values in key order (order_id, line_no)');
  });

  it('generates TypeScript types that compile and match the fixture table', async () => {
    expect(await checkGeneratedTypes(document, CONTACT_TYPES)).toEqual([]);
  });

  if (engine !== 'sqlite') {
    it('documents the routines with their parameters', () => {
      const call = document.paths['/_func/adults_over']!;
      expect(call.post!.operationId).toBe(`call${pascal(svc.name)}FuncAdultsOver`);
      expect((call.get as unknown as { parameters: { name: string; schema: unknown }[] }).parameters[0]).toMatchObject({ name: 'p_min', schema: { type: 'integer' } });
    });
  } else {
    it('has no _proc or _func paths on SQLite', () => {
      expect(Object.keys(document.paths).filter((p) => p.startsWith('/_proc') || p.startsWith('/_func'))).toEqual([]);
    });
  }

  it('follows the schema cache and extras: tables and virtual relationships created through _schema appear, others on refresh', async () => {
    await t.http.post(`/api/v2/${svc.name}/_schema`).set(auth).send({ resource: [{ name: 'todo', field: [{ name: 'id', type: 'id' }, { name: 'title', type: 'string', length: 80 }] }] }).expect(200);
    const afterDdl = (await spec(`/api/v2/api_docs/${svc.name}`).expect(200)).body as OpenApiDocument;
    expect((afterDdl.components.schemas['todo.Record']!.properties as Properties).title).toMatchObject({ type: 'string', maxLength: 80 });
    await t.http.post(`/api/v2/${svc.name}/_schema/event_log/_related`).set(auth)
      .send({ resource: [{ is_virtual: true, type: 'belongs_to', field: 'level', ref_table: 'contact', ref_field: 'id', alias: 'contact_at_level' }] }).expect(200);
    const afterRelated = (await spec(`/api/v2/api_docs/${svc.name}`).expect(200)).body as OpenApiDocument;
    expect((afterRelated.components.schemas['event_log.Record']!.properties as Properties).contact_at_level).toMatchObject({ allOf: [{ $ref: '#/components/schemas/contact.Record' }] });
    await svc.query('CREATE TABLE note (id integer PRIMARY KEY, body varchar(20))');
    const refreshed = (await spec(`/api/v2/api_docs/${svc.name}?refresh=true`).expect(200)).body as OpenApiDocument;
    expect(Object.keys(refreshed.paths)).toEqual(expect.arrayContaining(['/_table/note', '/_table/todo']));
    await validateDocument(refreshed);
  });

  it('shows a role that may read one table only that table\'s paths and schemas', async () => {
    const [serviceId] = ((await spec(`/api/v2/system/service?filter=name="${svc.name}"&fields=id`).expect(200)).body as { resource: { id: number }[] }).resource.map((s) => s.id);
    const [role] = await createRecords(t, auth, 'role', [{ name: `reader_${engine}`, role_service_access_by_role_id: [{ service_id: serviceId, component: '_table/contact', verb_mask: 1 }] }]);
    const app = await createApp(t, auth, { name: `reader-app-${engine}`, role_id: role });
    await createRecords(t, auth, 'user', [{ email: `reader-${engine}@example.com`, password: 'reader-pass-1' }]);
    const reader = { ...bearer((await login(t, `reader-${engine}@example.com`, 'reader-pass-1', { apiKey: app.apiKey })).session_token), 'X-DreamFactory-API-Key': app.apiKey };

    const seen = (await t.http.get(`/api/v2/api_docs/${svc.name}`).set(reader).expect(200)).body as OpenApiDocument;
    await validateDocument(seen);
    expect(Object.keys(seen.paths).filter((p) => p.startsWith('/_table/'))).toEqual(['/_table/contact']);
    expect(Object.keys(seen.paths['/_table/contact']!)).toEqual(['get']);
    expect(Object.keys(seen.components.schemas).filter((n) => n.includes('.'))).toEqual(['contact.Record', 'contact.Input', 'contact.Patch', 'contact.List', 'contact.Ids']);
    expect(seen.components.schemas['contact.Record']!.properties).not.toHaveProperty('orders_by_contact_id');
    await t.http.get('/api/v2/api_docs?as_list=true').set(reader).expect(200, { resource: [svc.name] });
    expectError(await t.http.get('/api/v2/api_docs/db').set(reader), 403, 'ACCESS_DENIED');
  });

  it('combines every service in api_docs and lists them with as_list', async () => {
    const names = ((await spec('/api/v2/api_docs?as_list=true').expect(200)).body as { resource: string[] }).resource;
    expect(names).toEqual(expect.arrayContaining(['api_docs', 'db', 'system', 'user', svc.name]));
    const combined = (await spec('/api/v2/api_docs').expect(200)).body as OpenApiDocument;
    await validateDocument(combined);
    expect(combined.servers).toEqual([{ url: '/api/v2' }]);
    expect(Object.keys(combined.paths)).toEqual(expect.arrayContaining([`/${svc.name}/_table/contact`, '/db/_table', '/system/service', '/user/session']));
    const ids = operations(combined).map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('api_docs endpoints', () => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
  });

  afterAll(async () => {
    await t?.close();
  });

  const reason = (body: unknown) => (body as { error: { reason: string } }).error.reason;

  it('shows nothing without credentials, and tells admins about unknown services', async () => {
    for (const path of ['/api/v2/api_docs', '/api/v2/api_docs?as_list=true', '/api/v2/api_docs/db', '/api/v2/db/_spec']) {
      expect(reason((await t.http.get(path).expect(401)).body)).toBe('AUTH_REQUIRED');
    }
    expect((await t.http.get('/api/v2/api_docs/nope').set(auth).expect(404)).body).toMatchObject({ error: { reason: 'SERVICE_NOT_FOUND', message: 'Could not find a service for nope' } });
  });

  it('answers JSON only, as a download with file=', async () => {
    const file = await t.http.get('/api/v2/api_docs/db?file=true').set(auth).expect(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="db.json"');
    // The error itself comes in the format asked for (API.md 2.8).
    expect((await t.http.get('/api/v2/api_docs/db?accept=application/xml').set(auth).expect(400)).text).toContain('<reason>REQUEST_NOT_ACCEPTABLE</reason>');
  });

  it('serves a service\'s custom document as stored, and api_docs/_spec as the api_docs document', async () => {
    const custom = '{"openapi":"3.0.3","info":{"title":"Custom","version":"1"},"paths":{}}';
    const [db] = await t.systemDbQuery("SELECT id FROM service WHERE name = 'db'");
    await t.systemDbQuery(`INSERT INTO service_doc (service_id, format, content) VALUES (${Number(db!.id)}, 0, '${custom}')`);
    expect((await t.http.get('/api/v2/db/_spec').set(auth).expect(200)).text).toBe(custom);
    const own = (await t.http.get('/api/v2/api_docs/_spec').set(auth).expect(200)).body as OpenApiDocument;
    expect(own.servers).toEqual([{ url: '/api/v2/api_docs' }]);
  });
});
