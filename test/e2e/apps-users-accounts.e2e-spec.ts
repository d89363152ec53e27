import { bearer, createApp, createRecords, expectError, insertRole, login } from '../helpers/accounts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

const USER_KEYS = ['id', 'name', 'username', 'first_name', 'last_name', 'email', 'phone', 'is_active', 'confirmed', 'last_login_date',
  'created_date', 'last_modified_date', 'created_by_id', 'last_modified_by_id'];

describeEachEngine('system/user and system/admin', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let reader: number;
  let app: { id: number; apiKey: string };

  beforeAll(async () => {
    t = await createTestApp({ systemEngine: engine });
    auth = bearer(await adminToken(t));
    reader = await insertRole(t, 'reader');
    app = await createApp(t, auth, { name: 'mobile' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('creates a user with a role mapping and reads it back without any secret', async () => {
    const [id] = await createRecords(t, auth, 'user', [{ email: 'alice@example.com', password: 'correct-horse-9', first_name: 'Alice', last_name: 'Ng',
      user_to_app_to_role_by_user_id: [{ app_id: app.id, role_id: reader }] }]);
    const res = await t.http.get(`/api/v2/system/user/${id}?related=user_to_app_to_role_by_user_id`).set(auth).expect(200);
    const user = res.body as Record<string, unknown>;
    expect(Object.keys(user)).toEqual([...USER_KEYS, 'user_to_app_to_role_by_user_id']);
    expect(user).toMatchObject({ id, name: 'Alice Ng', username: 'alice@example.com', email: 'alice@example.com', phone: null, is_active: true,
      confirmed: true, last_login_date: null, created_by_id: 1, user_to_app_to_role_by_user_id: [{ id: expect.any(Number), user_id: id, app_id: app.id, role_id: reader }] });
    const everything = await t.http.get('/api/v2/system/user').query({ fields: '*', related: '*' }).set(auth).expect(200);
    const text = JSON.stringify(everything.body);
    for (const secret of ['correct-horse-9', 'argon2', 'password', 'hash', 'is_sys_admin', 'confirm_code', 'tokens_valid_after']) expect(text).not.toContain(secret);
  });

  it('hides password and hashes from fields and filters', async () => {
    expectError(await t.http.get('/api/v2/system/user').query({ fields: 'password' }).set(auth), 400, 'FIELD_UNKNOWN');
    expectError(await t.http.get('/api/v2/system/user').query({ fields: 'password_hash' }).set(auth), 400, 'FIELD_UNKNOWN');
    for (const filter of ["password_hash LIKE 'a%'", "password = 'x'", 'is_sys_admin = true', "confirm_code_hash = 'x'"]) {
      expectError(await t.http.get('/api/v2/system/user').query({ filter }).set(auth), 400, 'FILTER_UNKNOWN_FIELD');
    }
    const found = await t.http.get('/api/v2/system/user').query({ filter: "email = 'alice@example.com'", fields: 'email' }).set(auth).expect(200);
    expect(found.body).toEqual({ resource: [{ email: 'alice@example.com' }] });
  });

  it('keeps users and admins apart: an id of the other kind is 404', async () => {
    const admins = await t.http.get('/api/v2/system/admin').query({ fields: 'id,email,is_root_admin' }).set(auth).expect(200);
    expect(admins.body).toEqual({ resource: [{ id: 1, email: ADMIN_EMAIL, is_root_admin: true }] });
    const users = await t.http.get('/api/v2/system/user').query({ fields: 'email' }).set(auth).expect(200);
    expect((users.body as { resource: { email: string }[] }).resource.map((u) => u.email)).not.toContain(ADMIN_EMAIL);
    expectError(await t.http.get('/api/v2/system/user/1').set(auth), 404, 'RECORD_NOT_FOUND');
    expectError(await t.http.patch('/api/v2/system/user/1').set(auth).send({ name: 'x' }), 404, 'RECORD_NOT_FOUND');
    const [userId] = await createRecords(t, auth, 'user', [{ email: 'bob@example.com', password: 'blue-sky-42' }]);
    expectError(await t.http.get(`/api/v2/system/admin/${userId}`).set(auth), 404, 'RECORD_NOT_FOUND');
    expectError(await t.http.delete(`/api/v2/system/admin/${userId}`).set(auth), 404, 'RECORD_NOT_FOUND');
  });

  it('never raises privileges through is_sys_admin, id or hashes in user bodies', async () => {
    const res = await t.http.post('/api/v2/system/user?fields=*').set(auth).send({ resource: [{ email: 'mallory@example.com', password: 'mallory-pass-1', is_sys_admin: true,
      is_root_admin: true, id: 1, password_hash: 'x', confirmed: false, tokens_valid_after: '99999999999' }] }).expect(201);
    const mallory = (res.body as { resource: Record<string, unknown>[] }).resource[0]!;
    expect(mallory).toMatchObject({ email: 'mallory@example.com', confirmed: true });
    expect(mallory.id).not.toBe(1);
    await t.http.patch(`/api/v2/system/user/${String(mallory.id)}`).set(auth).send({ is_sys_admin: true, is_root_admin: true }).expect(200);
    const rows = await t.systemDbQuery(`SELECT is_sys_admin, is_root_admin FROM system_user WHERE id = ${String(mallory.id)}`);
    expect([Number(rows[0]!.is_sys_admin), Number(rows[0]!.is_root_admin)]).toEqual([0, 0]);
    expectError(await t.http.post('/api/v2/system/admin/session').send({ email: 'mallory@example.com', password: 'mallory-pass-1' }), 401, 'AUTH_CREDENTIALS_INVALID');
    const session = await login(t, 'mallory@example.com', 'mallory-pass-1');
    expect(session.is_sys_admin).toBe(false);
    expectError(await t.http.get('/api/v2/system/user').set(bearer(session.session_token)), 403, 'ACCESS_ADMIN_REQUIRED');
    const proto = await t.http.post('/api/v2/system/user').set(auth).set('Content-Type', 'application/json').send('{"resource":[{"email":"p@example.com","__proto__":{"is_sys_admin":true}}]}');
    expectError(proto, 400, 'REQUEST_FORBIDDEN_KEY');
    const nested = await t.http.patch(`/api/v2/system/user/${String(mallory.id)}`).set(auth).set('Content-Type', 'application/json').send('{"constructor":{"prototype":{"x":1}}}');
    expectError(nested, 400, 'REQUEST_FORBIDDEN_KEY');
  });

  it('creates admins through system/admin; they log in at the admin path only', async () => {
    const [id] = await createRecords(t, auth, 'admin', [{ email: 'second.admin@example.com', password: 'admin-two-pass', first_name: 'Second' }]);
    const read = await t.http.get(`/api/v2/system/admin/${id}`).set(auth).expect(200);
    expect(read.body).toMatchObject({ email: 'second.admin@example.com', name: 'Second', is_root_admin: false });
    const session = await login(t, 'second.admin@example.com', 'admin-two-pass', { admin: true });
    expect(session).toMatchObject({ is_sys_admin: true, is_root_admin: false });
    await t.http.get('/api/v2/system/user').set(bearer(session.session_token)).expect(200);
    expectError(await t.http.post('/api/v2/user/session').send({ email: 'second.admin@example.com', password: 'admin-two-pass' }), 401, 'AUTH_CREDENTIALS_INVALID');
  });

  it('validates: e-mail unique across kinds (case-insensitive), formats, lengths and password policy', async () => {
    const dup = await t.http.post('/api/v2/system/user').set(auth).send([{ email: 'ALICE@Example.com', password: 'long-enough-1' }]).expect(400);
    expect((dup.body as { error: { context: { resource: { reason: string }[] } } }).error.context.resource[0]!.reason).toBe('CONFLICT');
    const adminDup = await t.http.post('/api/v2/system/user').set(auth).send([{ email: ADMIN_EMAIL.toUpperCase() }]).expect(400);
    expect((adminDup.body as { error: { context: { resource: { reason: string }[] } } }).error.context.resource[0]!.reason).toBe('CONFLICT');
    const [bobId] = (await t.http.get('/api/v2/system/user').query({ filter: "email = 'bob@example.com'", as_list: 'true' }).set(auth).expect(200)).body.resource as number[];
    expectError(await t.http.patch(`/api/v2/system/user/${bobId}`).set(auth).send({ email: 'Alice@example.com' }), 409, 'CONFLICT');
    const bad = await t.http.post('/api/v2/system/user').set(auth).send([{ email: 'not-an-email', password: 'short', first_name: 'x'.repeat(65), username: 'a b' }]).expect(400);
    const inner = (bad.body as { error: { context: { resource: { reason: string; message: string; context: Record<string, string[]> }[] } } }).error.context.resource[0]!;
    expect(inner).toMatchObject({ reason: 'VALUE_INVALID', message: 'Invalid data supplied.' });
    expect(Object.keys(inner.context).sort()).toEqual(['email', 'first_name', 'password', 'username']);
  });

  it('honours is_active false at create; the user cannot log in', async () => {
    const ids = await createRecords(t, auth, 'user', [{ email: 'off1@example.com', password: 'off-password-1', is_active: false }, { email: 'off2@example.com', password: 'off-password-1', is_active: '' }]);
    const read = await t.http.get('/api/v2/system/user').query({ ids: ids.join(','), fields: 'is_active' }).set(auth).expect(200);
    expect(read.body).toEqual({ resource: [{ is_active: false }, { is_active: false }] });
    expectError(await t.http.post('/api/v2/user/session').send({ email: 'off1@example.com', password: 'off-password-1' }), 401, 'AUTH_CREDENTIALS_INVALID');
  });

  it('protects the root admin and the caller', async () => {
    expect(expectError(await t.http.delete('/api/v2/system/admin/1').set(auth), 403, 'ACCESS_NOT_ALLOWED')).toBe('Cannot delete your account.');
    const [other] = (await t.http.get('/api/v2/system/admin').query({ filter: "email = 'second.admin@example.com'", as_list: 'true' }).set(auth).expect(200)).body.resource as number[];
    const second = bearer((await login(t, 'second.admin@example.com', 'admin-two-pass', { admin: true })).session_token);
    expectError(await t.http.delete('/api/v2/system/admin/1').set(second), 403, 'ACCESS_NOT_ALLOWED');
    expectError(await t.http.patch('/api/v2/system/admin/1').set(second).send({ is_active: false }), 403, 'ACCESS_NOT_ALLOWED');
    await t.http.delete(`/api/v2/system/admin/${other}`).set(auth).expect(200, { id: other });
    await login(t, ADMIN_EMAIL, ADMIN_PASSWORD, { admin: true });
  });

  it('writes role mappings as related records: one per (user, app), update, delete by parent key null', async () => {
    const app2 = await createApp(t, auth, { name: 'web' });
    const [id] = await createRecords(t, auth, 'user', [{ email: 'carol@example.com', user_to_app_to_role_by_user_id: [{ app_id: app.id, role_id: reader }] }]);
    const twice = await t.http.patch(`/api/v2/system/user/${id}`).set(auth).send({ user_to_app_to_role_by_user_id: [{ app_id: app.id, role_id: reader }] });
    expectError(twice, 409, 'CONFLICT');
    const read = async () => ((await t.http.get(`/api/v2/system/user/${id}?related=user_to_app_to_role_by_user_id&fields=id`).set(auth).expect(200)).body as { user_to_app_to_role_by_user_id: { id: number; app_id: number }[] }).user_to_app_to_role_by_user_id;
    const [mapping] = await read();
    await t.http.patch(`/api/v2/system/user/${id}`).set(auth).send({ user_to_app_to_role_by_user_id: [{ id: mapping!.id, app_id: app2.id }, { app_id: app.id, role_id: reader }] }).expect(200);
    expect((await read()).map((m) => m.app_id).sort()).toEqual([app.id, app2.id].sort());
    await t.http.patch(`/api/v2/system/user/${id}`).set(auth).send({ user_to_app_to_role_by_user_id: [{ id: mapping!.id, user_id: null }] }).expect(200);
    expect((await read()).map((m) => m.app_id)).toEqual([app.id]);
    expectError(await t.http.patch(`/api/v2/system/user/${id}`).set(auth).send({ user_to_app_to_role_by_user_id: [{ app_id: 9999, role_id: reader }] }), 400, 'VALUE_INVALID');
  });

  it('follows the shared conventions: batches, ids, PUT = PATCH, include_count, order, delete several', async () => {
    const ids = await createRecords(t, auth, 'user', [{ email: 'u1@example.com' }, { email: 'u2@example.com' }, { email: 'u3@example.com' }]);
    const failed = await t.http.post('/api/v2/system/user?rollback=true').set(auth).send([{ email: 'u4@example.com' }, { email: 'u1@example.com' }]).expect(400);
    expect((failed.body as { error: { code: number } }).error.code).toBe(1000);
    await t.http.get('/api/v2/system/user').query({ filter: "email = 'u4@example.com'", count_only: 'true' }).set(auth).expect(200, '0');
    await t.http.put('/api/v2/system/user').set(auth).send([{ id: ids[0], phone: '111' }, { id: ids[1], phone: '222' }]).expect(200, { resource: [{ id: ids[0] }, { id: ids[1] }] });
    const page = await t.http.get('/api/v2/system/user').query({ filter: "email LIKE 'u_@example.com'", order: 'email desc', fields: 'email,phone', include_count: 'true', limit: '2', offset: '1' }).set(auth).expect(200);
    expect(page.body).toEqual({ resource: [{ email: 'u2@example.com', phone: '222' }, { email: 'u1@example.com', phone: '111' }], meta: { count: 3 } });
    await t.http.delete('/api/v2/system/user').query({ ids: ids.join(','), fields: 'email' }).set(auth).expect(200, { resource: [{ email: 'u1@example.com' }, { email: 'u2@example.com' }, { email: 'u3@example.com' }] });
    expectError(await t.http.post(`/api/v2/system/user/${ids[0]}`).set(auth).send({}), 400, 'REQUEST_VERB_UNSUPPORTED');
    expectError(await t.http.post('/api/v2/system/user').set(auth).send({ email: 'bare@example.com' }), 400, 'REQUEST_NO_RECORDS');
  });
});
