import * as jwt from 'jsonwebtoken';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ServiceEntity } from '../../src/system/service/service.entity';
import { UserEntity } from '../../src/system/user/user.entity';
import { ADMIN_EMAIL, ADMIN_PASSWORD, adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

function expectEnvelope(body: unknown, status: number, reason: string): void {
  const error = (body as { error: Record<string, unknown> }).error;
  expect({ ...error, context: undefined }).toEqual({ code: status, context: undefined, message: expect.any(String) as unknown, status_code: status, reason });
  expect(Object.keys((body as { error: object }).error)).toEqual(['code', 'context', 'message', 'status_code', 'reason']);
}

describeEachEngine('foundation with the system database', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ systemEngine: engine });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('seeds the first admin and the four services exactly once across restarts', async () => {
    const count = async (app: TestApp) => {
      const ds = app.app.get(DataSource);
      return {
        admins: await ds.getRepository(UserEntity).count({ where: { isSysAdmin: true } }),
        services: (await ds.getRepository(ServiceEntity).find({ order: { id: 'ASC' } })).map((s) => `${s.name}:${s.type}`),
      };
    };
    const first = await count(t);
    expect(first).toEqual({ admins: 1, services: ['system:system', 'api_docs:swagger', 'user:user', 'db:sqlite'] });
    t = await t.restart();
    expect(await count(t)).toEqual(first);
    const token = await adminToken(t);
    const index = await t.http.get('/api/v2').set('X-DreamFactory-Session-Token', token).expect(200);
    expect((index.body as { services: { name: string }[] }).services.map((s) => s.name)).toEqual(['system', 'api_docs', 'user', 'db']);
  });

  it('logs an admin in, reads, refreshes and ends the session', async () => {
    const login = await t.http.post('/api/v2/system/admin/session').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    const session = login.body as Record<string, unknown>;
    expect(session).toMatchObject({ email: ADMIN_EMAIL, is_sys_admin: true, is_root_admin: true, id: expect.any(Number) });
    expect(session.session_id).toBe(session.session_token);
    expect(session.token_expiry_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const token = session.session_token as string;

    const current = await t.http.get('/api/v2/system/admin/session').set('Authorization', `Bearer ${token}`).expect(200);
    expect((current.body as { session_token: string }).session_token).toBe(token);

    const refreshed = await t.http.put('/api/v2/system/admin/session').set('X-DreamFactory-Session-Token', token).expect(200);
    const next = (refreshed.body as { session_token: string }).session_token;
    expect(next).not.toBe(token);
    expect((jwt.decode(next) as { orig_iat: number }).orig_iat).toBe((jwt.decode(token) as { orig_iat: number }).orig_iat);
    const old = await t.http.get('/api/v2/system').set('X-DreamFactory-Session-Token', token).expect(403);
    expectEnvelope(old.body, 403, 'AUTH_TOKEN_REVOKED');
    await t.http.get('/api/v2/system').query({ session_token: next }).expect(200);

    await t.http.delete('/api/v2/system/admin/session').set('X-DreamFactory-Session-Token', next).expect(200, { success: true });
    expectEnvelope((await t.http.get('/api/v2/system').set('X-DreamFactory-Session-Token', next).expect(403)).body, 403, 'AUTH_TOKEN_REVOKED');
  });

  it('refuses wrong passwords with the same answer as unknown e-mails', async () => {
    const wrong = await t.http.post('/api/v2/system/admin/session').send({ email: ADMIN_EMAIL, password: 'nope-nope-nope' }).expect(401);
    const unknown = await t.http.post('/api/v2/system/admin/session').send({ email: 'who@example.com', password: 'nope-nope-nope' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expectEnvelope(wrong.body, 401, 'AUTH_CREDENTIALS_INVALID');
  });

  it('answers 401 without credentials on a protected route', async () => {
    expectEnvelope((await t.http.get('/api/v2/system').expect(401)).body, 401, 'AUTH_REQUIRED');
  });

  it('refuses tampered, expired, unsigned and foreign tokens with 401', async () => {
    const token = await adminToken(t);
    const [header, payload] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const secret = readFileSync(join(t.storageDir, 'jwt-secret'), 'utf8').trim();
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, user_id: 999 })).toString('base64url')}.${token.split('.')[2]}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    const expired = jwt.sign({ ...claims, iat: 1000, exp: 2000, jti: 'expired-one' }, secret, { algorithm: 'HS256' });
    const foreign = jwt.sign(claims, 'another-secret-another-secret-another-secret', { algorithm: 'HS256' });
    const hs512 = jwt.sign(claims, secret, { algorithm: 'HS512' });
    for (const [bad, reason] of [[tampered, 'AUTH_TOKEN_INVALID'], [none, 'AUTH_TOKEN_INVALID'], [foreign, 'AUTH_TOKEN_INVALID'],
      [hs512, 'AUTH_TOKEN_INVALID'], ['not-a-jwt', 'AUTH_TOKEN_INVALID'], [expired, 'AUTH_TOKEN_EXPIRED']] as const) {
      const res = await t.http.get('/api/v2/system').set('X-DreamFactory-Session-Token', bad);
      expect(res.status).toBe(401);
      expectEnvelope(res.body, 401, reason);
    }
  });

  it('refuses two different tokens in one request', async () => {
    const a = await adminToken(t);
    const b = await adminToken(t);
    const res = await t.http.get('/api/v2/system').set('X-DreamFactory-Session-Token', a).set('Authorization', `Bearer ${b}`).expect(401);
    expectEnvelope(res.body, 401, 'AUTH_TOKEN_INVALID');
  });

  it('answers an unknown API key with 401 even on public routes', async () => {
    const res = await t.http.get('/api/v2/system/environment').set('X-DreamFactory-API-Key', 'f'.repeat(64)).expect(401);
    expectEnvelope(res.body, 401, 'AUTH_API_KEY_INVALID');
  });

  it('renders 400, 404, 405, 413 and 415 as envelopes without internals', async () => {
    const badJson = await t.http.post('/api/v2/system/admin/session').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expectEnvelope(badJson.body, 400, 'REQUEST_BODY_UNPARSABLE');
    const proto = await t.http.post('/api/v2/system/admin/session').set('Content-Type', 'application/json').send('{"__proto__":{"x":1}}').expect(400);
    expectEnvelope(proto.body, 400, 'REQUEST_FORBIDDEN_KEY');
    expectEnvelope((await t.http.get('/api/v2/no/such/route').expect(404)).body, 404, 'RESOURCE_NOT_FOUND');
    expectEnvelope((await t.http.trace('/api/v2/system').expect(405)).body, 405, 'REQUEST_METHOD_NOT_ALLOWED');
    const big = await t.http.post('/api/v2/system/admin/session').set('Content-Type', 'application/json').send(JSON.stringify({ email: 'x'.repeat(6 * 1024 * 1024) })).expect(413);
    expectEnvelope(big.body, 413, 'REQUEST_TOO_LARGE');
    expect((big.body as { error: { message: string } }).error.message).toBe('Request body exceeds 5mb.');
    expectEnvelope((await t.http.post('/api/v2/system/admin/session').set('Content-Type', 'text/plain').send('hello').expect(415)).body, 415, 'REQUEST_UNSUPPORTED_MEDIA_TYPE');
    expectEnvelope((await t.http.get('/api/v2/system/environment?limit=1&limit=2').expect(400)).body, 400, 'REQUEST_INVALID');
  });

  it('echoes a safe request id and replaces an unsafe one', async () => {
    expect((await t.http.get('/health').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe('abc-123');
    const replaced = (await t.http.get('/health').set('X-Request-Id', 'bad id;drop')).headers['x-request-id'];
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves health, readiness and the OpenAPI document', async () => {
    await t.http.get('/health').expect(200, { status: 'ok' });
    await t.http.get('/health/ready').expect(200, { status: 'ok', info: { system_db: { status: 'up' } } });
    const docs = await t.http.get('/api/docs-json').expect(200);
    const document = docs.body as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.0.3');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v2/system/admin/session', '/health', '/api/v2']));
    const ui = await t.http.get('/api/docs').redirects(1);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('tunnels a verb on POST only', async () => {
    const token = await adminToken(t);
    await t.http.post('/api/v2/system').set('X-DreamFactory-Session-Token', token).set('X-HTTP-Method', 'GET').expect(200);
    expectEnvelope((await t.http.post('/api/v2/system').set('X-HTTP-Method', 'TRACE').expect(400)).body, 400, 'REQUEST_INVALID');
  });

  it('shows platform details to admins only', async () => {
    const guest = await t.http.get('/api/v2/system/environment').expect(200);
    expect((guest.body as { platform: unknown }).platform).toEqual({ license: 'OPEN SOURCE' });
    const admin = await t.http.get('/api/v2/system/environment').set('X-DreamFactory-Session-Token', await adminToken(t)).expect(200);
    expect((admin.body as { platform: Record<string, unknown> }).platform).toMatchObject({ license: 'OPEN SOURCE', db_driver: engine === 'postgres' ? 'pgsql' : engine });
  });
});
