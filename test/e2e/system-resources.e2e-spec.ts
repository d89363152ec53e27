import { bearer, createApp, createRecords, expectError, login } from '../helpers/accounts';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';

type Row = Record<string, unknown>;
const DB = 4;

describe('system resources: service_type, environment, lookup, cors, cache and the indexes', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let reader: number;
  let guestApp: { id: number; apiKey: string };
  let privateApp: { id: number; apiKey: string };
  let userAuth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    auth = bearer(await adminToken(t));
    reader = (await createRecords(t, auth, 'role', [{ name: 'reader', role_service_access_by_role_id: [{ service_id: DB, component: '_table/contact', verb_mask: 1 }] }]))[0]!;
    guestApp = await createApp(t, auth, { name: 'guest-app', role_id: reader });
    privateApp = await createApp(t, auth, { name: 'private-app' });
    await createApp(t, auth, { name: 'sleepy-app', role_id: reader, is_active: false });
    await createRecords(t, auth, 'user', [{ email: 'ulla@example.com', password: 'ulla-password-1', user_to_app_to_role_by_user_id: [{ app_id: privateApp.id, role_id: reader }] }]);
    const session = await login(t, 'ulla@example.com', 'ulla-password-1', { apiKey: privateApp.apiKey });
    userAuth = { ...bearer(session.session_token), 'X-DreamFactory-API-Key': privateApp.apiKey };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists service types with their config schema, by group and fields; unknown → 404', async () => {
    const all = (await t.http.get('/api/v2/system/service_type').set(auth).expect(200)).body as { resource: Row[] };
    expect(all.resource.map((s) => s.name).sort()).toEqual(['mysql', 'pgsql', 'sqlite', 'swagger', 'system', 'user']);
    const pgsql = (await t.http.get('/api/v2/system/service_type/pgsql').set(auth).expect(200)).body as Row & { config_schema: Row[] };
    expect(pgsql).toMatchObject({ name: 'pgsql', label: 'PostgreSQL', group: 'Database', singleton: false });
    expect(pgsql.config_schema.map((f) => f.name)).toEqual(['host', 'port', 'database', 'username', 'password', 'schema', 'ssl', 'max_records', 'allow_upsert', 'cache_enabled', 'cache_ttl']);
    const databases = (await t.http.get('/api/v2/system/service_type?group=Database&fields=name,label').set(auth).expect(200)).body as { resource: Row[] };
    expect(databases.resource).toEqual(expect.arrayContaining([{ name: 'sqlite', label: 'SQLite' }]));
    expect(databases.resource).toHaveLength(3);
    expect(expectError(await t.http.get('/api/v2/system/service_type/oracle').set(auth), 404, 'RECORD_NOT_FOUND')).toBe("Service type 'oracle' not found.");
  });

  it('shows the environment to everyone, apps by who is asking, details only to admins', async () => {
    const names = (body: unknown) => (body as { apps: Row[] }).apps.map((a) => a.name);
    const guest = await t.http.get('/api/v2/system/environment').set('X-DreamFactory-API-Key', guestApp.apiKey).expect(200);
    expect(guest.body).toMatchObject({ platform: { license: 'OPEN SOURCE' }, authentication: { allow_open_registration: false, login_attribute: 'email' } });
    expect(Object.keys((guest.body as { platform: Row }).platform)).toEqual(['license']);
    expect(names(guest.body)).toEqual(['guest-app']);
    expect(names((await t.http.get('/api/v2/system/environment').set(userAuth).expect(200)).body)).toEqual(['guest-app', 'private-app']);
    const admin = (await t.http.get('/api/v2/system/environment').set(auth).expect(200)).body as { apps: Row[]; platform: Row; config: Row };
    expect(admin.apps.map((a) => a.name)).toEqual(['admin', 'guest-app', 'private-app']);
    expect(admin.platform).toMatchObject({ license: 'OPEN SOURCE', db_driver: 'sqlite', is_hosted: false });
    await t.http.patch('/api/v2/system/service/3').set(auth).send({ config: { allow_open_registration: true, open_reg_require_confirmation: true } }).expect(200);
    const open = (await t.http.get('/api/v2/system/environment').expect(200)).body as { authentication: Row };
    expect(open.authentication).toMatchObject({ allow_open_registration: true, open_reg_require_confirmation: true });
  });

  it('keeps global lookups in system/lookup, apart from role lookups', async () => {
    const [id] = await createRecords(t, auth, 'lookup', [{ name: 'region', value: 'EU', description: 'Default region', role_id: reader }]);
    await createRecords(t, auth, 'lookup', [{ name: 'token', value: 'hidden', private: true }]);
    await t.http.patch(`/api/v2/system/role/${reader}`).set(auth).send({ lookup_by_role_id: [{ name: 'region', value: 'US' }] }).expect(200);
    const list = (await t.http.get('/api/v2/system/lookup').set(auth).expect(200)).body as { resource: Row[] };
    expect(list.resource.map((l) => [l.name, l.value, l.role_id])).toEqual([['region', 'EU', null], ['token', '**********', null]]);
    const found = (await t.http.get('/api/v2/system/lookup?filter=name="region"&include_count=true').set(auth).expect(200)).body as { resource: Row[]; meta: Row };
    expect(found).toMatchObject({ resource: [{ id, name: 'region' }], meta: { count: 1 } });
    expectError(await t.http.get('/api/v2/system/lookup?filter=value="EU"').set(auth), 400, 'FILTER_UNKNOWN_FIELD');
    await createRecords(t, auth, 'lookup', [{ name: 'Second' }]);
    expectError(await t.http.patch(`/api/v2/system/lookup/${id}`).set(auth).send({ name: 'Second' }), 409, 'CONFLICT');
  });

  it('stores CORS rules and answers preflights before authentication', async () => {
    const preflight = (origin: string, path = '/api/v2/db/_table/contact') =>
      t.http.options(path).set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'X-DreamFactory-API-Key');
    expect((await preflight('https://app.example.com').expect(204)).headers['access-control-allow-origin']).toBeUndefined();
    const [id] = await createRecords(t, auth, 'cors', [{ path: 'api/v2/*', origin: 'https://app.example.com', header: 'Content-Type,X-DreamFactory-API-Key',
      exposed_header: 'X-Request-Id', method: ['GET', 'POST'], max_age: 3600 }]);
    const rule = (await t.http.get(`/api/v2/system/cors/${id}`).set(auth).expect(200)).body as Row;
    expect(rule).toMatchObject({ path: 'api/v2/*', origin: 'https://app.example.com', method: ['GET', 'POST'], max_age: 3600, supports_credentials: false, enabled: true });
    const allowed = await preflight('https://app.example.com').expect(204);
    expect(allowed.headers).toMatchObject({ 'access-control-allow-origin': 'https://app.example.com', vary: 'Origin', 'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'Content-Type, X-DreamFactory-API-Key', 'access-control-max-age': '3600' });
    expect(allowed.text).toBe('');
    const refused = await preflight('https://evil.example.com').expect(204);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight('null').expect(204)).headers['access-control-allow-origin']).toBeUndefined();
    const actual = await t.http.get('/api/v2/system/environment').set('Origin', 'https://app.example.com').expect(200);
    expect(actual.headers).toMatchObject({ 'access-control-allow-origin': 'https://app.example.com', 'access-control-expose-headers': 'X-Request-Id' });
    const denied = await t.http.get('/api/v2/db/_table/contact').set('Origin', 'https://app.example.com');
    expectError(denied, 401, 'AUTH_REQUIRED');
    expect(denied.headers['access-control-allow-origin']).toBe('https://app.example.com');
    await t.http.patch(`/api/v2/system/cors/${id}`).set(auth).send({ enabled: false }).expect(200);
    expect((await preflight('https://app.example.com').expect(204)).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses * with credentials, bad origins and verbs, and a taken path', async () => {
    expectError(await t.http.post('/api/v2/system/cors').set(auth).send([{ path: 'api/v2/x/*', origin: '*', supports_credentials: true }]), 400, 'BATCH_FAILED');
    const [id] = await createRecords(t, auth, 'cors', [{ path: 'api/v2/db/*', origin: '*', method: 1 }]);
    expectError(await t.http.patch(`/api/v2/system/cors/${id}`).set(auth).send({ supports_credentials: true }), 400, 'VALUE_INVALID');
    expectError(await t.http.patch(`/api/v2/system/cors/${id}`).set(auth).send({ origin: 'app.example.com' }), 400, 'VALUE_INVALID');
    expectError(await t.http.patch(`/api/v2/system/cors/${id}`).set(auth).send({ method: ['TRACE'] }), 400, 'VALUE_INVALID');
    expectError(await t.http.patch(`/api/v2/system/cors/${id}`).set(auth).send({ path: 'api/v2/*' }), 409, 'CONFLICT');
    const wildcard = await t.http.options('/api/v2/db/_table/x').set('Origin', 'https://any.example').set('Access-Control-Request-Method', 'GET').expect(204);
    expect(wildcard.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET' });
  });

  it('lists and flushes caches', async () => {
    const list = (await t.http.get('/api/v2/system/cache').set(auth).expect(200)).body as { resource: Row[] };
    expect(list.resource).toEqual([{ name: 'db', label: 'Local SQLite', description: 'Default database', type: 'sqlite' }]);
    await t.http.delete('/api/v2/system/cache/db').set(auth).expect(200, { success: true });
    await t.http.delete('/api/v2/system/cache/DB').set(auth).expect(200, { success: true });
    await t.http.delete('/api/v2/system/cache').set(auth).expect(200, { success: true });
    expectError(await t.http.delete('/api/v2/system/cache/nope').set(auth), 404, 'SERVICE_NOT_FOUND');
    expectError(await t.http.delete('/api/v2/system/cache').set(userAuth), 403, 'ACCESS_ADMIN_REQUIRED');
  });

  it('lists the system resources for admins, and in /api/v2 only the services a role may use', async () => {
    const system = (await t.http.get('/api/v2/system?as_list=true').set(auth).expect(200)).body as { resource: string[] };
    expect(system.resource).toEqual(['admin', 'admin/password', 'admin/profile', 'admin/session', 'app', 'cache', 'cors', 'environment', 'lookup', 'role', 'service', 'service_type', 'user']);
    await t.http.get('/api/v2/system?as_access_list=true').set(auth).expect(200, { resource: [] });
    const names = async (headers: Record<string, string>) => ((await t.http.get('/api/v2').set(headers).expect(200)).body as { services: Row[] }).services.map((s) => s.name);
    expect(await names(auth)).toEqual(['system', 'api_docs', 'user', 'db']);
    expect(await names(userAuth)).toEqual(['db']);
    expect(await names({ 'X-DreamFactory-API-Key': guestApp.apiKey })).toEqual(['db']);
    const noRole = await createApp(t, auth, { name: 'no-role-app' });
    expect(await names({ 'X-DreamFactory-API-Key': noRole.apiKey })).toEqual([]);
    expect(await names({})).toEqual([]);
    const typed = (await t.http.get('/api/v2?type=pgsql&fields=name').set(auth).expect(200)).body as { services: Row[]; service_types: Row[] };
    expect(typed).toEqual({ services: [], service_types: [{ name: 'pgsql', label: 'PostgreSQL', group: 'Database', description: 'PostgreSQL databases' }] });
    expect(((await t.http.get('/api/v2?fields=id,name').set(auth).expect(200)).body as { services: Row[] }).services[3]).toEqual({ id: DB, name: 'db' });
  });
});
