import { bearer, createRecords, expectError, login } from '../helpers/accounts';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

describeEachEngine('revocation and login throttling', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ systemEngine: engine, env: { LOGIN_MAX_ATTEMPTS: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '8', LOGIN_WINDOW_MINUTES: '5', TRUST_PROXY: 'true' } });
    auth = bearer(await adminToken(t));
  });

  afterAll(async () => {
    await t?.close();
  });

  const newUser = async (email: string) => (await createRecords(t, auth, 'user', [{ email, password: 'first-password-1' }]))[0]!;
  const fromAddress = (address: string) => ({ 'X-Forwarded-For': address });

  it('revokes every token of a user whose password an admin changes, in the same second too', async () => {
    const id = await newUser('pat@example.com');
    const a = await login(t, 'pat@example.com', 'first-password-1');
    const b = await login(t, 'pat@example.com', 'first-password-1');
    await t.http.patch(`/api/v2/system/user/${id}`).set(auth).send({ password: 'second-password-2' }).expect(200, { id });
    for (const token of [a.session_token, b.session_token]) expectError(await t.http.get('/api/v2/user/session').set(bearer(token)), 403, 'AUTH_TOKEN_REVOKED');
    expectError(await t.http.put('/api/v2/user/session').set(bearer(a.session_token)), 401, 'AUTH_CREDENTIALS_INVALID');
    const fresh = await login(t, 'pat@example.com', 'second-password-2');
    await t.http.get('/api/v2/user/session').set(bearer(fresh.session_token)).expect(200);
  });

  it('refuses the tokens of a deactivated user (401 User is not active.) and does not revive them on reactivation', async () => {
    const id = await newUser('dee@example.com');
    const session = await login(t, 'dee@example.com', 'first-password-1');
    await t.http.patch(`/api/v2/system/user/${id}`).set(auth).send({ is_active: false }).expect(200);
    const res = await t.http.get('/api/v2/user/session').set(bearer(session.session_token));
    expect(expectError(res, 401, 'AUTH_TOKEN_INVALID')).toBe('Invalid token: User is not active.');
    expectError(await t.http.post('/api/v2/user/session').send({ email: 'dee@example.com', password: 'first-password-1' }), 401, 'AUTH_CREDENTIALS_INVALID');
    await t.http.patch(`/api/v2/system/user/${id}`).set(auth).send({ is_active: true }).expect(200);
    expectError(await t.http.get('/api/v2/user/session').set(bearer(session.session_token)), 403, 'AUTH_TOKEN_REVOKED');
    await login(t, 'dee@example.com', 'first-password-1');
  });

  it('refuses the tokens of a deleted user and of one whose e-mail changed', async () => {
    const gone = await newUser('gone@example.com');
    const goneSession = await login(t, 'gone@example.com', 'first-password-1');
    await t.http.delete(`/api/v2/system/user/${gone}`).set(auth).expect(200, { id: gone });
    expectError(await t.http.get('/api/v2/user/session').set(bearer(goneSession.session_token)), 401, 'AUTH_TOKEN_INVALID');
    const moved = await newUser('moved@example.com');
    const movedSession = await login(t, 'moved@example.com', 'first-password-1');
    await t.http.patch(`/api/v2/system/user/${moved}`).set(auth).send({ email: 'moved2@example.com' }).expect(200);
    expectError(await t.http.get('/api/v2/user/session').set(bearer(movedSession.session_token)), 403, 'AUTH_TOKEN_REVOKED');
    await login(t, 'moved2@example.com', 'first-password-1');
  });

  it('answers 429 with Retry-After after repeated bad logins for one e-mail, even for the right password', async () => {
    await newUser('target@example.com');
    for (let i = 0; i < 3; i++) {
      expectError(await t.http.post('/api/v2/user/session').set(fromAddress(`10.0.0.${i + 1}`)).send({ email: 'target@example.com', password: 'guess-guess' }), 401, 'AUTH_CREDENTIALS_INVALID');
    }
    const blocked = await t.http.post('/api/v2/user/session').set(fromAddress('10.0.0.9')).send({ email: 'TARGET@example.com', password: 'first-password-1' });
    const message = expectError(blocked, 429, 'AUTH_RATE_LIMITED');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(290);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(message).toBe(`Too many attempts. Try again in ${retryAfter} seconds.`);
    expectError(await t.http.post('/api/v2/system/admin/session').send({ email: 'target@example.com', password: 'x-x-x-x-x' }), 429, 'AUTH_RATE_LIMITED');
    await login(t, 'pat@example.com', 'second-password-2');
  });

  it('limits failed logins per client address across e-mails', async () => {
    for (let i = 0; i < 8; i++) {
      expectError(await t.http.post('/api/v2/user/session').set(fromAddress('192.0.2.7')).send({ email: `spray${i}@example.com`, password: 'guess-guess' }), 401, 'AUTH_CREDENTIALS_INVALID');
    }
    expectError(await t.http.post('/api/v2/user/session').set(fromAddress('192.0.2.7')).send({ email: 'pat@example.com', password: 'second-password-2' }), 429, 'AUTH_RATE_LIMITED');
    await t.http.post('/api/v2/user/session').set(fromAddress('192.0.2.8')).send({ email: 'pat@example.com', password: 'second-password-2' }).expect(200);
  });

  it('counts reset requests per client address too', async () => {
    for (let i = 0; i < 8; i++) {
      await t.http.post('/api/v2/user/password?reset=true').set(fromAddress('198.51.100.3')).send({ email: `who${i}@example.com` }).expect(200, { success: true });
    }
    const blocked = await t.http.post('/api/v2/user/password?reset=true').set(fromAddress('198.51.100.3')).send({ email: 'who@example.com' });
    expectError(blocked, 429, 'AUTH_RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});
