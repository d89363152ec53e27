import * as jwt from 'jsonwebtoken';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, createApp, createRecords, expectError, insertRole, login } from '../helpers/accounts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

type Claims = { sub: string; user_id: number; iat: number; exp: number; orig_iat: number; jti: string; forever: boolean };

describeEachEngine('user sessions', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let reader: number;
  let writer: number;
  let mobile: { id: number; apiKey: string };
  let web: { id: number; apiKey: string };

  beforeAll(async () => {
    t = await createTestApp({ systemEngine: engine });
    auth = bearer(await adminToken(t));
    reader = await insertRole(t, 'reader');
    writer = await insertRole(t, 'writer');
    mobile = await createApp(t, auth, { name: 'mobile', role_id: reader });
    web = await createApp(t, auth, { name: 'web' });
    await createRecords(t, auth, 'user', [{ email: 'alice@example.com', password: 'correct-horse-9', first_name: 'Alice', last_name: 'Ng',
      user_to_app_to_role_by_user_id: [{ app_id: web.id, role_id: writer }] }]);
  });

  afterAll(async () => {
    await t?.close();
  });

  const decode = (token: string) => jwt.decode(token) as Claims;

  it('lists the user resources publicly', async () => {
    await t.http.get('/api/v2/user').expect(200, { resource: [{ name: 'password' }, { name: 'profile' }, { name: 'register' }, { name: 'session' }] });
  });

  it('logs a user in and returns the session object of the contract', async () => {
    const session = await login(t, 'ALICE@example.com', 'correct-horse-9');
    expect(Object.keys(session)).toEqual(['session_token', 'session_id', 'id', 'name', 'first_name', 'last_name', 'email', 'is_sys_admin', 'is_root_admin', 'last_login_date', 'token_expiry_date']);
    expect(session).toMatchObject({ name: 'Alice Ng', first_name: 'Alice', last_name: 'Ng', email: 'alice@example.com', is_sys_admin: false, is_root_admin: false });
    expect(session.session_id).toBe(session.session_token);
    expect(session.last_login_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const claims = decode(session.session_token);
    expect(jwt.decode(session.session_token, { complete: true })!.header.alg).toBe('HS256');
    expect(claims).toMatchObject({ sub: String(session.id), user_id: session.id, orig_iat: claims.iat, forever: false, jti: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(claims.exp - claims.iat).toBe(1440 * 60);
    expect(session.token_expiry_date).toBe(new Date(claims.exp * 1000).toISOString().slice(0, 19).replace('T', ' '));
    const current = await t.http.get('/api/v2/user/session').set(bearer(session.session_token)).expect(200);
    expect(current.body).toEqual({ ...session, last_login_date: session.last_login_date });
  });

  it('adds the role resolved for the calling app: the mapping, else the default role; never for admins', async () => {
    const viaWeb = await login(t, 'alice@example.com', 'correct-horse-9', { apiKey: web.apiKey });
    expect(viaWeb).toMatchObject({ role: 'writer', role_id: writer });
    const viaMobile = await login(t, 'alice@example.com', 'correct-horse-9', { apiKey: mobile.apiKey });
    expect(viaMobile).toMatchObject({ role: 'reader', role_id: reader });
    const current = await t.http.get('/api/v2/user/session').set(bearer(viaWeb.session_token)).set('X-DreamFactory-API-Key', mobile.apiKey).expect(200);
    expect(current.body).toMatchObject({ role: 'reader', role_id: reader });
    const admin = await login(t, ADMIN_EMAIL, ADMIN_PASSWORD, { admin: true, apiKey: mobile.apiKey });
    expect(admin).not.toHaveProperty('role');
    const adminAtUser = await t.http.get('/api/v2/user/session').set(bearer(admin.session_token)).set('X-DreamFactory-API-Key', mobile.apiKey).expect(200);
    expect(adminAtUser.body).toMatchObject({ is_sys_admin: true, is_root_admin: true });
    expect(adminAtUser.body).not.toHaveProperty('role_id');
  });

  it('refuses a login whose role for the app is inactive, and the key of an inactive app', async () => {
    const sleepy = await insertRole(t, 'sleepy', false);
    const app = await createApp(t, auth, { name: 'sleepy-app', role_id: sleepy });
    const res = await t.http.post('/api/v2/user/session').set('X-DreamFactory-API-Key', app.apiKey).send({ email: 'alice@example.com', password: 'correct-horse-9' });
    expect(expectError(res, 403, 'ACCESS_ROLE_INACTIVE')).toBe('Role is not active.');
    await t.http.patch(`/api/v2/system/app/${app.id}`).set(auth).send({ is_active: false }).expect(200);
    expectError(await t.http.post('/api/v2/user/session').set('X-DreamFactory-API-Key', app.apiKey).send({ email: 'alice@example.com', password: 'correct-horse-9' }), 403, 'AUTH_APP_INACTIVE');
  });

  it('keeps users and admins on their own login paths with one answer for every failure', async () => {
    const answers = await Promise.all([
      t.http.post('/api/v2/user/session').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
      t.http.post('/api/v2/system/admin/session').send({ email: 'alice@example.com', password: 'correct-horse-9' }),
      t.http.post('/api/v2/user/session').send({ email: 'alice@example.com', password: 'wrong-password' }),
      t.http.post('/api/v2/user/session').send({ email: 'nobody@example.com', password: 'wrong-password' }),
    ]);
    for (const res of answers) expect(expectError(res, 401, 'AUTH_CREDENTIALS_INVALID')).toBe('Invalid credentials supplied.');
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(expectError(await t.http.post('/api/v2/user/session').send({ password: 'x' }), 400, 'REQUEST_INVALID')).toBe('Login request is missing required email.');
    expect(expectError(await t.http.post('/api/v2/user/session').send({ email: 'a@b.c' }), 400, 'REQUEST_INVALID')).toBe('Login request is missing required password.');
    expectError(await t.http.post('/api/v2/user/session').send([{ email: 'a@b.c' }]), 400, 'REQUEST_INVALID');
  });

  it('serves GET /user/session to admins and users, /system/admin/session to admins only', async () => {
    const user = await login(t, 'alice@example.com', 'correct-horse-9');
    expectError(await t.http.get('/api/v2/system/admin/session').set(bearer(user.session_token)), 403, 'ACCESS_ADMIN_REQUIRED');
    expectError(await t.http.get('/api/v2/user/session'), 401, 'AUTH_NO_SESSION');
    expectError(await t.http.get('/api/v2/user/session').set('X-DreamFactory-API-Key', mobile.apiKey), 401, 'AUTH_NO_SESSION');
    expectError(await t.http.patch('/api/v2/user/session').send({}), 400, 'REQUEST_VERB_UNSUPPORTED');
  });

  it('refreshes with every claim re-issued and orig_iat kept; the old token is revoked (403)', async () => {
    const first = await login(t, 'alice@example.com', 'correct-horse-9', { apiKey: web.apiKey });
    const res = await t.http.put('/api/v2/user/session').set(bearer(first.session_token)).set('X-DreamFactory-API-Key', web.apiKey).expect(200);
    const refreshed = res.body as Record<string, unknown> & { session_token: string };
    expect(refreshed).toMatchObject({ id: first.id, email: 'alice@example.com', role: 'writer', role_id: writer });
    const [before, after] = [decode(first.session_token), decode(refreshed.session_token)];
    expect(after).toMatchObject({ sub: before.sub, user_id: before.user_id, orig_iat: before.orig_iat, forever: false });
    expect(after.jti).not.toBe(before.jti);
    expect(after.exp - after.iat).toBe(1440 * 60);
    await t.http.get('/api/v2/user/session').set(bearer(refreshed.session_token)).expect(200);
    const old = await t.http.get('/api/v2/user/session').set(bearer(first.session_token));
    expect(expectError(old, 403, 'AUTH_TOKEN_REVOKED')).toBe('The token has been blacklisted: Session terminated. Please re-login.');
    expectError(await t.http.put('/api/v2/user/session').set(bearer(first.session_token)), 401, 'AUTH_CREDENTIALS_INVALID');
  });

  it('refreshes an expired token inside the window, and nothing outside it', async () => {
    const secret = readFileSync(join(t.storageDir, 'jwt-secret'), 'utf8').trim();
    const session = await login(t, 'alice@example.com', 'correct-horse-9');
    const claims = decode(session.session_token);
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt.sign({ ...claims, iat: now - 7200, exp: now - 3600, orig_iat: now - 7200, jti: 'e'.repeat(32) }, secret, { algorithm: 'HS256' });
    expectError(await t.http.get('/api/v2/user/session').set(bearer(expired)), 401, 'AUTH_TOKEN_EXPIRED');
    const renewed = await t.http.put('/api/v2/user/session').set(bearer(expired)).expect(200);
    expect(decode((renewed.body as { session_token: string }).session_token).orig_iat).toBe(now - 7200);
    const stale = jwt.sign({ ...claims, iat: now - 15 * 86400, exp: now - 14 * 86400, orig_iat: now - 15 * 86400, jti: 'f'.repeat(32) }, secret, { algorithm: 'HS256' });
    const refused = await t.http.put('/api/v2/user/session').set(bearer(stale));
    expect(expectError(refused, 401, 'AUTH_CREDENTIALS_INVALID')).toBe('Token refresh failed. Token can no longer be refreshed.');
  });

  it('refuses tampered, unsigned, foreign-secret and other-algorithm tokens with 401', async () => {
    const token = (await login(t, 'alice@example.com', 'correct-horse-9')).session_token;
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = decode(token);
    const secret = readFileSync(join(t.storageDir, 'jwt-secret'), 'utf8').trim();
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, user_id: 1, sub: '1' })).toString('base64url')}.${signature}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    const foreign = jwt.sign(claims, 'x'.repeat(48), { algorithm: 'HS256' });
    const hs384 = jwt.sign(claims, secret, { algorithm: 'HS384' });
    const { exp: _exp, ...noExp } = claims;
    const withoutExp = jwt.sign(noExp, secret, { algorithm: 'HS256' });
    for (const bad of [tampered, none, foreign, hs384, withoutExp, 'garbage']) {
      expectError(await t.http.get('/api/v2/user/session').set(bearer(bad)), 401, 'AUTH_TOKEN_INVALID');
      expectError(await t.http.get('/api/v2/user').set('Authorization', `Bearer ${bad}`), 401, 'AUTH_TOKEN_INVALID');
    }
    expectError(await t.http.put('/api/v2/user/session').set(bearer(none)), 401, 'AUTH_CREDENTIALS_INVALID');
  });

  it('logs out (200 with any token or none) and the token is revoked', async () => {
    const session = await login(t, 'alice@example.com', 'correct-horse-9');
    await t.http.delete('/api/v2/user/session').set(bearer(session.session_token)).expect(200, { success: true });
    expectError(await t.http.get('/api/v2/user/session').set(bearer(session.session_token)), 403, 'AUTH_TOKEN_REVOKED');
    await t.http.delete('/api/v2/user/session').expect(200, { success: true });
    await t.http.delete('/api/v2/user/session').set(bearer('garbage')).expect(200, { success: true });
    await t.http.delete('/api/v2/user/session').set(bearer(session.session_token)).expect(200, { success: true });
  });

  it('ignores a token sent with a login, even a revoked one', async () => {
    const session = await login(t, 'alice@example.com', 'correct-horse-9');
    await t.http.delete('/api/v2/user/session').set(bearer(session.session_token)).expect(200);
    await t.http.post('/api/v2/user/session').set(bearer(session.session_token)).send({ email: 'alice@example.com', password: 'correct-horse-9' }).expect(200);
  });
});
