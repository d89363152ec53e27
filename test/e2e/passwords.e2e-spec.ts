import { bearer, createRecords, expectError, login } from '../helpers/accounts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';
import { codeOf, SmtpCatcher } from '../helpers/smtp-catcher';

const INVALID_CODE = 'Invalid or expired confirmation code.';

describeEachEngine('passwords: change, reset request and reset with a mailed code', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let smtp: SmtpCatcher;

  beforeAll(async () => {
    smtp = await new SmtpCatcher().start();
    t = await createTestApp({ systemEngine: engine, env: { ...smtp.env(), PASSWORD_MIN_LENGTH: '10', PUBLIC_URL: 'https://app.example.com' } });
    auth = bearer(await adminToken(t));
    await createRecords(t, auth, 'user', [
      { email: 'alice@example.com', password: 'alice-password-1' }, { email: 'bob@example.com', password: 'bob-password-1' },
      { email: 'carol@example.com', password: 'carol-password-1' }, { email: 'sleepy@example.com', password: 'sleepy-password', is_active: false },
    ]);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const reset = (email: string) => t.http.post('/api/v2/user/password?reset=true').send({ email });
  const complete = (body: object, query = '') => t.http.post(`/api/v2/user/password${query}`).send(body);

  it('resets a password end to end through real mail; the code works once and revokes old tokens', async () => {
    const old = await login(t, 'alice@example.com', 'alice-password-1');
    await reset('Alice@Example.com').expect(200, { success: true });
    const mail = await smtp.next('alice@example.com');
    expect(mail.subject).toBe('Password reset');
    const code = codeOf(mail);
    expect(mail.text).toContain(`https://app.example.com/#/auth/reset-password?code=${code}&email=alice%40example.com`);
    const stored = await t.systemDbQuery("SELECT confirm_code_hash FROM system_user WHERE email_key = 'alice@example.com'");
    expect(String(stored[0]!.confirm_code_hash)).not.toContain(code);
    const done = await complete({ email: 'alice@example.com', code, new_password: 'alice-password-2' }, '?login=true').expect(200);
    const token = (done.body as { success: boolean; session_token: string }).session_token;
    expect(done.body).toEqual({ success: true, session_token: expect.any(String) as string });
    await t.http.get('/api/v2/user/session').set(bearer(token)).expect(200);
    expectError(await t.http.get('/api/v2/user/session').set(bearer(old.session_token)), 403, 'AUTH_TOKEN_REVOKED');
    expect(expectError(await complete({ email: 'alice@example.com', code, new_password: 'alice-password-3' }), 400, 'VALUE_INVALID')).toBe(INVALID_CODE);
    await login(t, 'alice@example.com', 'alice-password-2');
  });

  it('answers every reset request identically and mails only active accounts', async () => {
    const answers = await Promise.all(['nobody@example.com', 'sleepy@example.com', ADMIN_EMAIL, 'bob@example.com'].map((email) => reset(email)));
    for (const res of answers) expect({ status: res.status, body: res.body as unknown }).toEqual({ status: 200, body: { success: true } });
    const alone = await t.http.post('/api/v2/system/admin/password').send({ email: 'nobody@example.com' }).expect(200);
    expect(alone.body).toEqual({ success: true });
    await smtp.next('bob@example.com');
    await smtp.next(ADMIN_EMAIL);
    expect(smtp.pending('nobody@example.com')).toEqual([]);
    expect(smtp.pending('sleepy@example.com')).toEqual([]);
  });

  it('serves every account on both paths: an admin resets through /user/password', async () => {
    const code = codeOf(await (async () => { await t.http.post('/api/v2/user/password').send({ email: ADMIN_EMAIL }).expect(200); return smtp.next(ADMIN_EMAIL); })());
    await complete({ email: ADMIN_EMAIL, code, new_password: 'admin-password-2' }).expect(200, { success: true });
    await login(t, ADMIN_EMAIL, 'admin-password-2', { admin: true });
    await t.http.post('/api/v2/system/admin/password?reset=true').send({ email: ADMIN_EMAIL }).expect(200);
    const again = codeOf(await smtp.next(ADMIN_EMAIL));
    await t.http.patch('/api/v2/system/admin/password').send({ email: ADMIN_EMAIL, code: again, new_password: ADMIN_PASSWORD }).expect(200, { success: true });
    auth = bearer(await adminToken(t));
  });

  it('compares codes exactly, keeps only the newest and voids it after five wrong tries', async () => {
    await reset('carol@example.com').expect(200);
    const first = codeOf(await smtp.next('carol@example.com'));
    await reset('carol@example.com').expect(200);
    const second = codeOf(await smtp.next('carol@example.com'));
    for (const wrong of [first, second.toLowerCase(), ` ${second}`, `${second}\u0000`, 'y', '']) {
      expect(expectError(await complete({ email: 'carol@example.com', code: wrong, new_password: 'carol-password-2' }), 400, 'VALUE_INVALID')).toBe(INVALID_CODE);
    }
    expect(expectError(await complete({ email: 'carol@example.com', code: second, new_password: 'carol-password-2' }), 400, 'VALUE_INVALID')).toBe(INVALID_CODE);
    await login(t, 'carol@example.com', 'carol-password-1');
  });

  it('refuses a short password only once the code is valid, and keeps the code for a retry', async () => {
    await reset('bob@example.com').expect(200);
    const code = codeOf(await smtp.next('bob@example.com'));
    expect(expectError(await complete({ email: 'nobody@example.com', code, new_password: 'x' }), 400, 'VALUE_INVALID')).toBe(INVALID_CODE);
    expect(expectError(await complete({ email: 'bob@example.com', code, new_password: 'short' }), 400, 'VALUE_INVALID')).toBe('The password must be at least 10 characters.');
    await complete({ email: 'bob@example.com', code, new_password: 'bob-password-2' }).expect(200, { success: true });
  });

  it('refuses an expired code and sends at most three reset mails per account per hour', async () => {
    const [id] = await createRecords(t, auth, 'user', [{ email: 'dan@example.com', password: 'dan-password-1' }]);
    await reset('dan@example.com').expect(200);
    const code = codeOf(await smtp.next('dan@example.com'));
    await t.systemDbQuery(`UPDATE system_user SET confirm_code_expires = 1000 WHERE id = ${id}`);
    expect(expectError(await complete({ email: 'dan@example.com', code, new_password: 'dan-password-2' }), 400, 'VALUE_INVALID')).toBe(INVALID_CODE);
    await reset('dan@example.com').expect(200);
    await reset('dan@example.com').expect(200);
    await reset('dan@example.com').expect(200, { success: true });
    await smtp.next('dan@example.com');
    await smtp.next('dan@example.com');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.pending('dan@example.com')).toEqual([]);
  });

  it('changes the own password with the old one, revoking every token; login=true hands out a new one', async () => {
    const a = await login(t, 'bob@example.com', 'bob-password-2');
    const b = await login(t, 'bob@example.com', 'bob-password-2');
    const wrong = await t.http.post('/api/v2/user/password').set(bearer(a.session_token)).send({ old_password: 'nope-nope-nope', new_password: 'bob-password-3' });
    expect(expectError(wrong, 400, 'VALUE_INVALID')).toBe('The password supplied does not match.');
    expect(expectError(await t.http.post('/api/v2/user/password').set(bearer(a.session_token)).send({ old_password: 'bob-password-2' }), 400, 'REQUEST_INVALID'))
      .toBe('Both old and new password are required to change the password.');
    expectError(await t.http.post('/api/v2/user/password').set(bearer(a.session_token)).send({ old_password: 'bob-password-2', new_password: 'short' }), 400, 'VALUE_INVALID');
    const res = await t.http.put('/api/v2/user/password?login=true').set(bearer(a.session_token)).send({ old_password: 'bob-password-2', new_password: 'bob-password-3' }).expect(200);
    const fresh = (res.body as { session_token: string }).session_token;
    for (const token of [a.session_token, b.session_token]) expectError(await t.http.get('/api/v2/user/session').set(bearer(token)), 403, 'AUTH_TOKEN_REVOKED');
    await t.http.get('/api/v2/user/session').set(bearer(fresh)).expect(200);
    await login(t, 'bob@example.com', 'bob-password-3');
  });

  it('needs a session to change a password; other shapes and verbs are refused', async () => {
    expectError(await t.http.post('/api/v2/user/password').send({ old_password: 'a-long-password', new_password: 'b-long-password' }), 401, 'AUTH_NO_SESSION');
    expect(expectError(await t.http.post('/api/v2/user/password').send({ foo: 'bar' }), 400, 'REQUEST_INVALID')).toBe('Not enough information provided to change password.');
    expectError(await t.http.get('/api/v2/user/password'), 400, 'REQUEST_VERB_UNSUPPORTED');
    expectError(await t.http.get('/api/v2/system/admin/password'), 400, 'REQUEST_VERB_UNSUPPORTED');
    expectError(await t.http.post('/api/v2/user/password').send([{ email: 'a@b.c' }]), 400, 'REQUEST_INVALID');
    const proto = await t.http.post('/api/v2/user/password').set('Content-Type', 'application/json').send('{"email":"bob@example.com","__proto__":{"reset":true}}');
    expectError(proto, 400, 'REQUEST_FORBIDDEN_KEY');
  });
});
