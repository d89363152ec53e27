import { bearer, createApp, createRecords, expectError, insertRole, login } from '../helpers/accounts';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';
import { codeOf, SmtpCatcher } from '../helpers/smtp-catcher';

describeEachEngine('registration, invitations and profiles', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let smtp: SmtpCatcher;
  let reader: number;

  beforeAll(async () => {
    smtp = await new SmtpCatcher().start();
    t = await createTestApp({ systemEngine: engine, env: smtp.env() });
    auth = bearer(await adminToken(t));
    reader = await insertRole(t, 'reader');
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const configure = (config: object) => t.http.patch('/api/v2/system/service/3').set(auth).send({ config }).expect(200);
  const register = (body: object, query = '') => t.http.post(`/api/v2/user/register${query}`).send(body);

  it('refuses registration while open registration is off', async () => {
    const res = await register({ email: 'early@example.com', password: 'early-password' });
    expect(expectError(res, 403, 'REGISTRATION_CLOSED')).toBe('Open Registration is not enabled.');
    expectError(await t.http.get('/api/v2/user/register'), 400, 'REQUEST_VERB_UNSUPPORTED');
  });

  it('registers with login=true: a working session, defaults, the open role for every app, no privileges from the body', async () => {
    const app = await createApp(t, auth, { name: 'mobile' });
    await configure({ allow_open_registration: true, open_reg_role_id: reader });
    const res = await register({ email: 'bob@example.com', password: 'blue-sky-42', last_name: 'Ray', is_sys_admin: true, is_active: false, role_id: 1 }, '?login=true').expect(200);
    const body = res.body as { success: boolean; session_token: string };
    expect(body).toEqual({ success: true, session_token: expect.any(String) as string });
    const session = await t.http.get('/api/v2/user/session').set(bearer(body.session_token)).set('X-DreamFactory-API-Key', app.apiKey).expect(200);
    expect(session.body).toMatchObject({ email: 'bob@example.com', first_name: 'bob', last_name: 'Ray', name: 'bob Ray', is_sys_admin: false, role: 'reader', role_id: reader });
    await register({ email: 'plain@example.com', password: 'plain-password' }).expect(200, { success: true });
    await login(t, 'plain@example.com', 'plain-password');
  });

  it('answers validation failures with a field map, the taken e-mail included', async () => {
    const taken = await register({ email: 'BOB@example.com', password: 'another-pass-1' });
    expectError(taken, 400, 'VALUE_INVALID');
    expect((taken.body as { error: { context: unknown } }).error.context).toEqual({ email: ['The email has already been taken.'] });
    const bad = await register({ email: 'nope', password: 'short', password_confirmation: 'other' });
    expect(Object.keys((bad.body as { error: { context: object } }).error.context).sort()).toEqual(['email', 'password', 'password_confirmation']);
    expectError(await register({ email: 'nopass@example.com' }), 400, 'VALUE_INVALID');
  });

  it('registers with a mailed confirmation code; login waits until the code sets the password', async () => {
    await configure({ open_reg_require_confirmation: true });
    await register({ email: 'carol@example.com', password: 'not-stored-1', first_name: 'Carol' }, '?login=true').expect(200, { success: true, confirmation_required: true });
    const mail = await smtp.next('carol@example.com');
    expect(mail.subject).toBe('Confirm your registration');
    expect(mail.text).toContain('/#/auth/register-confirm?code=');
    expectError(await t.http.post('/api/v2/user/session').send({ email: 'carol@example.com', password: 'not-stored-1' }), 401, 'AUTH_CREDENTIALS_INVALID');
    const listed = await t.http.get('/api/v2/system/user').query({ filter: "email = 'carol@example.com'", fields: 'confirmed' }).set(auth).expect(200);
    expect(listed.body).toEqual({ resource: [{ confirmed: false }] });
    const done = await t.http.post('/api/v2/user/password?login=true').send({ email: 'carol@example.com', code: codeOf(mail), new_password: 'carol-chosen-1' }).expect(200);
    await t.http.get('/api/v2/user/session').set(bearer((done.body as { session_token: string }).session_token)).expect(200);
    await login(t, 'carol@example.com', 'carol-chosen-1');
  });

  it('deletes the new account and answers 503 when the confirmation mail cannot be sent', async () => {
    smtp.refuse = true;
    try {
      expectError(await register({ email: 'lost@example.com', first_name: 'Lost' }), 503, 'MAIL_FAILED');
    } finally {
      smtp.refuse = false;
    }
    await t.http.get('/api/v2/system/user').query({ filter: "email = 'lost@example.com'", count_only: 'true' }).set(auth).expect(200, '0');
    await configure({ allow_open_registration: false, open_reg_require_confirmation: false, open_reg_role_id: null });
  });

  it('invites a user with send_invite; the invitation completes through the password endpoint', async () => {
    const res = await t.http.post('/api/v2/system/user?send_invite=true&fields=email,confirmed').set(auth).send([{ email: 'dave@example.com', first_name: 'Dave' }]).expect(201);
    expect(res.body).toEqual({ resource: [{ email: 'dave@example.com', confirmed: false }] });
    const mail = await smtp.next('dave@example.com');
    expect(mail.text).toContain('/#/auth/user-invite?code=');
    await t.http.post('/api/v2/user/password').send({ email: 'dave@example.com', code: codeOf(mail), new_password: 'dave-chosen-1' }).expect(200, { success: true });
    await login(t, 'dave@example.com', 'dave-chosen-1');
    smtp.refuse = true;
    try {
      expectError(await t.http.post('/api/v2/system/user?send_invite=true').set(auth).send([{ email: 'erin@example.com' }]), 503, 'MAIL_FAILED');
    } finally {
      smtp.refuse = false;
    }
    await t.http.get('/api/v2/system/user').query({ filter: "email = 'erin@example.com'", count_only: 'true' }).set(auth).expect(200, '0');
  });

  it('reads and updates the own profile; other keys are ignored', async () => {
    const session = await login(t, 'bob@example.com', 'blue-sky-42');
    const me = bearer(session.session_token);
    await t.http.get('/api/v2/user/profile').set(me).expect(200, { username: 'bob@example.com', first_name: 'bob', last_name: 'Ray', name: 'bob Ray', email: 'bob@example.com', phone: null });
    await t.http.post('/api/v2/user/profile').set(me).send({ first_name: 'Bob', phone: '555-0100', is_sys_admin: true, is_active: false, password: 'hijack-hijack', role_id: 1 }).expect(200, { success: true });
    await t.http.patch('/api/v2/user/profile').set(me).send({ name: 'Bob Ray' }).expect(200, { success: true });
    const profile = await t.http.get('/api/v2/user/profile').set(me).expect(200);
    expect(profile.body).toMatchObject({ first_name: 'Bob', name: 'Bob Ray', phone: '555-0100' });
    const rows = await t.systemDbQuery("SELECT is_sys_admin, is_active FROM system_user WHERE email_key = 'bob@example.com'");
    expect([Number(rows[0]!.is_sys_admin), Number(rows[0]!.is_active)]).toEqual([0, 1]);
    await login(t, 'bob@example.com', 'blue-sky-42');
    expect(expectError(await t.http.put('/api/v2/user/profile').set(me).send({ is_sys_admin: true }), 400, 'REQUEST_INVALID')).toBe('No data supplied for operation.');
  });

  it('changes the e-mail only with the current password, revoking tokens and returning a new one', async () => {
    const session = await login(t, 'plain@example.com', 'plain-password');
    const me = bearer(session.session_token);
    expect(expectError(await t.http.post('/api/v2/user/profile').set(me).send({ email: 'new@example.com' }), 400, 'VALUE_INVALID')).toBe('Current Password required to change email');
    expect(expectError(await t.http.post('/api/v2/user/profile').set(me).send({ email: 'new@example.com', current_password: 'wrong-one' }), 400, 'VALUE_INVALID'))
      .toBe('The password supplied does not match.');
    expectError(await t.http.post('/api/v2/user/profile').set(me).send({ email: 'Bob@example.com', current_password: 'plain-password' }), 409, 'CONFLICT');
    const res = await t.http.post('/api/v2/user/profile').set(me).send({ email: 'new@example.com', current_password: 'plain-password' }).expect(200);
    const fresh = (res.body as { success: boolean; session_token: string }).session_token;
    expectError(await t.http.get('/api/v2/user/profile').set(me), 403, 'AUTH_TOKEN_REVOKED');
    await t.http.get('/api/v2/user/profile').set(bearer(fresh)).expect(200);
    await login(t, 'new@example.com', 'plain-password');
  });

  it('needs a session for profiles; the admin profile needs an admin', async () => {
    expectError(await t.http.get('/api/v2/user/profile'), 401, 'AUTH_NO_SESSION');
    expectError(await t.http.post('/api/v2/system/admin/profile').send({ name: 'x' }), 401, 'AUTH_NO_SESSION');
    const user = bearer((await login(t, 'new@example.com', 'plain-password')).session_token);
    expectError(await t.http.get('/api/v2/system/admin/profile').set(user), 403, 'ACCESS_ADMIN_REQUIRED');
    const admin = await t.http.get('/api/v2/system/admin/profile').set(auth).expect(200);
    expect(admin.body).toMatchObject({ first_name: 'Administrator' });
    await createRecords(t, auth, 'user', [{ email: 'zed@example.com', password: 'zed-password-1' }]);
  });
});
