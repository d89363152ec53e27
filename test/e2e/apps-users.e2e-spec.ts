import { createApp, expectError, insertRole } from '../helpers/accounts';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

type AppRecord = Record<string, unknown> & { id: number; api_key: string };

describeEachEngine('system/app and API keys', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let reader: number;

  beforeAll(async () => {
    t = await createTestApp({ systemEngine: engine, env: { PUBLIC_URL: 'https://api.example.com' } });
    auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
    reader = await insertRole(t, 'reader');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('creates an app with a generated 64-hex key, defaults and its role (201)', async () => {
    const res = await t.http.post('/api/v2/system/app?fields=*&related=role_by_role_id').set(auth)
      .send({ resource: [{ name: 'mobile', description: 'Mobile client', type: 0, role_id: reader, is_active: true, launch_url: 'ignored', id: 77 }] }).expect(201);
    const app = (res.body as { resource: AppRecord[] }).resource[0]!;
    expect(app.api_key).toMatch(/^[0-9a-f]{64}$/);
    expect(app.id).not.toBe(77);
    expect(app).toMatchObject({
      name: 'mobile', description: 'Mobile client', is_active: true, type: 0, url: null, path: null, role_id: reader,
      requires_fullscreen: false, allow_fullscreen_toggle: true, toggle_location: 'top', launch_url: '', created_by_id: 1, last_modified_by_id: 1,
      role_by_role_id: { id: reader, name: 'reader', is_active: true },
    });
    expect(Object.keys(app)).toEqual(['id', 'name', 'api_key', 'description', 'is_active', 'type', 'url', 'path', 'role_id', 'requires_fullscreen',
      'allow_fullscreen_toggle', 'toggle_location', 'launch_url', 'created_date', 'last_modified_date', 'created_by_id', 'last_modified_by_id', 'role_by_role_id']);
    const other = await createApp(t, auth, { name: 'web' });
    expect(other.apiKey).toMatch(/^[0-9a-f]{64}$/);
    expect(other.apiKey).not.toBe(app.api_key);
  });

  it('computes launch_url from type, url and path; accepts "2" as a type', async () => {
    const url = await createApp(t, auth, { name: 'site', type: '2', url: 'https://site.example.com/app' });
    const path = await createApp(t, auth, { name: 'local', type: 3, path: 'apps/local/index.html' });
    const list = await t.http.get('/api/v2/system/app').query({ ids: `${url.id},${path.id}`, fields: 'type,launch_url' }).set(auth).expect(200);
    expect(list.body).toEqual({ resource: [{ type: 2, launch_url: 'https://site.example.com/app' }, { type: 3, launch_url: 'https://api.example.com/apps/local/index.html' }] });
  });

  it('validates fields: type, name, key pattern, unknown role; taken names and keys conflict', async () => {
    const bad = await t.http.post('/api/v2/system/app').set(auth).send([{ name: 'bad', type: 5, api_key: 'short', role_id: 9999 }]).expect(400);
    const inner = (bad.body as { error: { context: { resource: { reason: string; context: Record<string, string[]> }[] } } }).error.context.resource[0]!;
    expect(inner.reason).toBe('VALUE_INVALID');
    expect(Object.keys(inner.context).sort()).toEqual(['api_key', 'role_id', 'type']);
    const key = 'A1'.repeat(40);
    const custom = await createApp(t, auth, { name: 'custom-key', api_key: key });
    expect(custom.apiKey).toBe(key);
    const dupKey = await t.http.post('/api/v2/system/app').set(auth).send([{ name: 'dup-key', api_key: key }]).expect(400);
    expect((dupKey.body as { error: { context: { resource: { reason: string }[] } } }).error.context.resource[0]!.reason).toBe('CONFLICT');
    expectError(await t.http.patch(`/api/v2/system/app/${custom.id}`).set(auth).send({ name: 'mobile' }), 409, 'CONFLICT');
  });

  it('accepts the key from the header and from api_key; a guest runs with the app (no role checks yet)', async () => {
    const app = await createApp(t, auth, { name: 'guest-app', role_id: reader });
    await t.http.get('/api/v2/system/environment').set('X-DreamFactory-API-Key', app.apiKey).expect(200);
    await t.http.get('/api/v2/system/environment').query({ api_key: app.apiKey }).expect(200);
    await t.http.get('/api/v2/system/environment').set('x-dreamfactory-api-key', app.apiKey).query({ api_key: app.apiKey }).expect(200);
    expectError(await t.http.get('/api/v2/system/environment').set('X-DreamFactory-API-Key', app.apiKey).query({ api_key: 'b'.repeat(64) }), 401, 'AUTH_API_KEY_INVALID');
    // A guest with a default role still has to log in where the role does not reach (RBAC, #9, decides which).
    expectError(await t.http.get('/api/v2/db').set('X-DreamFactory-API-Key', app.apiKey), 401, 'AUTH_LOGIN_REQUIRED');
    const noRole = await createApp(t, auth, { name: 'no-role' });
    expectError(await t.http.get('/api/v2/db').query({ api_key: noRole.apiKey }), 401, 'AUTH_SESSION_REQUIRED');
    expectError(await t.http.get('/api/v2/system/app').set('X-DreamFactory-API-Key', app.apiKey), 403, 'ACCESS_ADMIN_REQUIRED');
  });

  it('refuses an unknown key (401) and an inactive app (403), also on public routes', async () => {
    expectError(await t.http.get('/api/v2/user').set('X-DreamFactory-API-Key', 'c'.repeat(64)), 401, 'AUTH_API_KEY_INVALID');
    const app = await createApp(t, auth, { name: 'sleepy', is_active: false });
    const message = expectError(await t.http.get('/api/v2/system/environment').set('X-DreamFactory-API-Key', app.apiKey), 403, 'AUTH_APP_INACTIVE');
    expect(message).toBe('App is not active.');
    await t.http.patch(`/api/v2/system/app/${app.id}`).set(auth).send({ is_active: true }).expect(200, { id: app.id });
    await t.http.get('/api/v2/system/environment').set('X-DreamFactory-API-Key', app.apiKey).expect(200);
    await t.http.put(`/api/v2/system/app/${app.id}`).set(auth).send({ is_active: false }).expect(200);
    expectError(await t.http.get('/api/v2/user').set('X-DreamFactory-API-Key', app.apiKey), 403, 'AUTH_APP_INACTIVE');
  });

  it('regenerates a key: the response carries it and the old key stops working at once', async () => {
    const app = await createApp(t, auth, { name: 'rotating' });
    await t.http.get('/api/v2/user').set('X-DreamFactory-API-Key', app.apiKey).expect(200);
    const res = await t.http.patch(`/api/v2/system/app/${app.id}?regenerate=true`).set(auth).send({}).expect(200);
    const body = res.body as { id: number; api_key: string };
    expect(Object.keys(body)).toEqual(['id', 'api_key']);
    expect(body.api_key).toMatch(/^[0-9a-f]{64}$/);
    expect(body.api_key).not.toBe(app.apiKey);
    expectError(await t.http.get('/api/v2/user').set('X-DreamFactory-API-Key', app.apiKey), 401, 'AUTH_API_KEY_INVALID');
    await t.http.get('/api/v2/user').set('X-DreamFactory-API-Key', body.api_key).expect(200);
    const stored = await t.systemDbQuery(`SELECT api_key FROM app WHERE id = ${app.id}`);
    expect(stored[0]!.api_key).toBe(body.api_key);
  });

  it('lists with filter, order, fields, include_count and limit; deletes; the deleted key is unknown', async () => {
    const list = await t.http.get('/api/v2/system/app').query({ filter: "name LIKE 'mo%' OR name = 'web'", order: 'name desc', fields: 'name', include_count: 'true', limit: '1' }).set(auth).expect(200);
    expect(list.body).toEqual({ resource: [{ name: 'web' }], meta: { count: 2, next: 1 } });
    const count = await t.http.get('/api/v2/system/app').query({ count_only: 'true', filter: 'is_active = true' }).set(auth).expect(200);
    expect(Number(count.text)).toBeGreaterThanOrEqual(5);
    const app = await createApp(t, auth, { name: 'short-lived' });
    await t.http.get('/api/v2/user').query({ api_key: app.apiKey }).expect(200);
    await t.http.delete(`/api/v2/system/app/${app.id}`).query({ fields: 'name' }).set(auth).expect(200, { name: 'short-lived' });
    expectError(await t.http.get('/api/v2/user').query({ api_key: app.apiKey }), 401, 'AUTH_API_KEY_INVALID');
    expectError(await t.http.get(`/api/v2/system/app/${app.id}`).set(auth), 404, 'RECORD_NOT_FOUND');
  });

  it('manages lookups and user mappings of an app as related records', async () => {
    const app = await createApp(t, auth, { name: 'with-lookups', lookup_by_app_id: [{ name: 'region', value: 'EU' }, { name: 'secret', value: 's3cret', private: true }] });
    const read = await t.http.get(`/api/v2/system/app/${app.id}`).query({ related: 'lookup_by_app_id,user_to_app_to_role_by_app_id', fields: 'id' }).set(auth).expect(200);
    const body = read.body as { lookup_by_app_id: Record<string, unknown>[]; user_to_app_to_role_by_app_id: unknown[] };
    expect(body.lookup_by_app_id.map((l) => [l.name, l.value, l.app_id])).toEqual([['region', 'EU', app.id], ['secret', '**********', app.id]]);
    expect(body.user_to_app_to_role_by_app_id).toEqual([]);
    const stored = await t.systemDbQuery(`SELECT value FROM lookup WHERE app_id = ${app.id}`);
    expect(stored.map((r) => String(r.value))).toEqual([expect.stringMatching(/^enc:v1:/), expect.stringMatching(/^enc:v1:/)]);
    expectError(await t.http.get('/api/v2/system/app').query({ related: 'nope' }).set(auth), 400, 'RELATION_UNKNOWN');
  });
});
