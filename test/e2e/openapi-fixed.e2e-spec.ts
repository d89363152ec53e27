import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { operations, registeredRoutes, validateDocument, type OpenApiDocument } from '../helpers/openapi';

const SCHEMES = {
  ApiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-DreamFactory-API-Key' },
  ApiKeyQuery: { type: 'apiKey', in: 'query', name: 'api_key' },
  SessionTokenHeader: { type: 'apiKey', in: 'header', name: 'X-DreamFactory-Session-Token' },
  SessionTokenQuery: { type: 'apiKey', in: 'query', name: 'session_token' },
  BearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
};

const ERROR_REF = '#/components/schemas/Error';

/** Operations that take no request body though their verb could carry one. */
const BODYLESS = new Set(['PUT /api/v2/system/admin/session', 'PUT /api/v2/user/session']);

describe('the fixed OpenAPI document (/api/docs-json)', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('documents every route Nest registered, and nothing else', () => {
    const documented = operations(document).map(([method, path]) => `${method.toUpperCase()} ${path}`).sort();
    const routes = registeredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('validates, and has the properties every document has (API.md 7.2)', async () => {
    await validateDocument(document);
    expect(document.openapi).toBe('3.0.3');
    expect(document.info).toEqual({ title: 'Instant SQL REST API', description: expect.any(String), version: expect.any(String) });
    expect(document.servers).toEqual([{ url: '/' }]);
    expect(document.components.securitySchemes).toEqual(SCHEMES);
    expect(document.security).toEqual(Object.keys(SCHEMES).map((name) => ({ [name]: [] })));
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Error', 'BatchError', 'Success', 'Meta', 'TableSchema', 'FieldSchema', 'RelationshipSchema', 'RoutineSchema']));
    const reason = ((document.components.schemas.Error!.properties as Record<string, { properties: Record<string, { enum: string[] }> }>).error!.properties.reason!).enum;
    expect(reason).toEqual(expect.arrayContaining(['TABLE_NOT_FOUND', 'BATCH_FAILED', 'INTERNAL']));
  });

  it('gives every operation an id, a tag, its success and request schemas and the error envelope', () => {
    const ids = new Set<string>();
    for (const [method, path, op] of operations(document)) {
      const name = `${method.toUpperCase()} ${path}`;
      expect({ name, id: typeof op.operationId, tags: op.tags?.length ?? 0 }).toEqual({ name, id: 'string', tags: 1 });
      expect(ids.has(op.operationId!)).toBe(false);
      ids.add(op.operationId!);
      expect({ name, default: op.responses.default?.content?.['application/json']?.schema }).toEqual({ name, default: { $ref: ERROR_REF } });
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      for (const [status, response] of errors) {
        if (status !== '503' || !path.startsWith('/health')) expect({ name, status, schema: response.content?.['application/json']?.schema }).toEqual({ name, status, schema: { $ref: ERROR_REF } });
      }
      const success = Object.entries(op.responses).find(([status]) => /^2/.test(status));
      if (!success) {
        expect({ name, summary: errors.map(([status]) => status) }).toEqual({ name, summary: ['400'] }); // "Not supported" verbs
        continue;
      }
      expect({ name, schema: typeof success[1].content?.['application/json']?.schema }).toEqual({ name, schema: 'object' });
      if (['post', 'put', 'patch'].includes(method) && !BODYLESS.has(name)) expect({ name, body: op.requestBody !== undefined }).toEqual({ name, body: true });
    }
  });

  it('writes public operations with security: [] and protected ones with the document-wide alternatives', () => {
    const byName = Object.fromEntries(operations(document).map(([method, path, op]) => [`${method.toUpperCase()} ${path}`, op]));
    for (const name of ['GET /health', 'GET /api/v2', 'POST /api/v2/user/session', 'POST /api/v2/user/register', 'GET /api/v2/system/environment']) {
      expect({ name, security: byName[name]?.security }).toEqual({ name, security: [] });
    }
    for (const name of ['GET /api/v2/system/service', 'GET /api/v2/api_docs/{service}', 'GET /api/v2/{service}/_table/{table}']) {
      expect({ name, security: byName[name]?.security }).toEqual({ name, security: undefined });
    }
  });

  it.each([
    ['system', '/admin/session', 'adminLogin'],
    ['user', '/session', 'userLogin'],
    ['api_docs', '/{service}', 'getServiceApiDocs'],
  ])('serves the %s part as that service\'s document', async (service, path, operationId) => {
    const part = (await t.http.get(`/api/v2/api_docs/${service}`).set(auth).expect(200)).body as OpenApiDocument;
    await validateDocument(part);
    expect(part.servers).toEqual([{ url: `/api/v2/${service}` }]);
    expect(part.paths[path]?.[path === '/{service}' ? 'get' : 'post']?.operationId).toBe(operationId);
    expect(operations(part).every(([, , op]) => op.tags?.length === 1 && op.tags[0] === service)).toBe(true);
    expect(Object.keys(part.paths).some((p) => p.startsWith('/api/v2'))).toBe(false);
  });
});
