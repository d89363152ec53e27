import { bearer, createApp, createRecords, expectError, login } from '../helpers/accounts';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

type Row = Record<string, unknown>;
type BatchError = { error: { context: { resource: { reason: string; context: Record<string, string[]> }[] } } };

const DB = 4;
const SYSTEM = 1;

describeEachEngine('system/role and its access rows', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ systemEngine: engine });
    auth = bearer(await adminToken(t));
  });

  afterAll(async () => {
    await t?.close();
  });

  const readerRows = [
    { service_id: DB, component: '_table/contact/*', verb_mask: 1, requestor_mask: 1, filters: [{ name: 'owner_id', operator: '=', value: '{user.id}' }], filter_op: 'AND' },
    { service_id: DB, component: '_table/orders/*', verb_mask: 3, requestor_mask: 1, filters: [], filter_op: 'AND' },
  ];

  it('creates a role with its access rows and answers with them (API.md 4.4)', async () => {
    const res = await t.http.post('/api/v2/system/role?related=role_service_access_by_role_id').set(auth)
      .send({ resource: [{ name: 'reader', description: 'Reads own contacts', is_active: true, role_service_access_by_role_id: readerRows }] }).expect(201);
    const [role] = (res.body as { resource: Row[] }).resource;
    const rows = role!.role_service_access_by_role_id as Row[];
    expect(rows.map((r) => Object.keys(r))).toEqual([0, 1].map(() => ['id', 'role_id', 'service_id', 'component', 'verb_mask', 'requestor_mask', 'filters', 'filter_op']));
    expect(rows).toEqual(readerRows.map((r) => ({ ...r, id: expect.any(Number), role_id: role!.id })));
    const one = await t.http.get(`/api/v2/system/role/${String(role!.id)}`).set(auth).expect(200);
    expect(one.body).toMatchObject({ id: role!.id, name: 'reader', description: 'Reads own contacts', is_active: true, created_by_id: 1 });
  });

  it('removes one row and adds one in a PATCH; rows not mentioned stay', async () => {
    const [id] = await createRecords(t, auth, 'role', [{ name: 'patchy', role_service_access_by_role_id: readerRows }]);
    const before = (await t.http.get(`/api/v2/system/role/${id}?related=role_service_access_by_role_id`).set(auth).expect(200)).body as { role_service_access_by_role_id: Row[] };
    const [first, second] = before.role_service_access_by_role_id;
    await t.http.patch(`/api/v2/system/role/${id}`).set(auth)
      .send({ role_service_access_by_role_id: [{ id: second!.id, role_id: null }, { service_id: DB, component: '_table/orders', verb_mask: 1, requestor_mask: 1 }] })
      .expect(200, { id });
    const after = (await t.http.get(`/api/v2/system/role/${id}?related=role_service_access_by_role_id`).set(auth).expect(200)).body as { role_service_access_by_role_id: Row[] };
    expect(after.role_service_access_by_role_id).toEqual([
      first,
      { id: expect.any(Number), role_id: id, service_id: DB, component: '_table/orders', verb_mask: 1, requestor_mask: 1, filters: [], filter_op: 'AND' },
    ]);
  });

  it('refuses the system service, bad masks, operators and filters with 400 VALUE_INVALID', async () => {
    const cases: [Row, string][] = [
      [{ service_id: SYSTEM, component: '*', verb_mask: 1 }, 'service_id'],
      [{ service_id: 999, component: '*', verb_mask: 1 }, 'service_id'],
      [{ service_id: DB, component: '*', verb_mask: 32 }, 'verb_mask'],
      [{ service_id: DB, component: '*', verb_mask: 1, requestor_mask: 4 }, 'requestor_mask'],
      [{ service_id: DB, component: '*', verb_mask: 1, filters: [{ name: 'a', operator: 'BETWEEN', value: '1' }] }, 'filters'],
      [{ service_id: DB, component: '*', verb_mask: 1, filters: Array.from({ length: 51 }, () => ({ name: 'a', operator: '=', value: '1' })) }, 'filters'],
      [{ service_id: DB, component: '*', verb_mask: 1, filter_op: 'XOR' }, 'filter_op'],
      [{ service_id: DB, component: 'x'.repeat(256), verb_mask: 1 }, 'component'],
    ];
    for (const [row, field] of cases) {
      const res = await t.http.post('/api/v2/system/role').set(auth).send([{ name: `bad-${field}`, role_service_access_by_role_id: [row] }]).expect(400);
      const inner = (res.body as BatchError).error.context.resource[0]!;
      expect(inner.reason).toBe('VALUE_INVALID');
      expect(Object.keys(inner.context)).toEqual([field]);
    }
    expect((await t.http.get('/api/v2/system/role?filter=name like "bad-%"&count_only=true').set(auth).expect(200)).text).toBe('0');
    const [id] = await createRecords(t, auth, 'role', [{ name: 'sys-attempt' }]);
    expectError(await t.http.patch(`/api/v2/system/role/${id}`).set(auth).send({ role_service_access_by_role_id: [{ service_id: SYSTEM, component: '', verb_mask: 31 }] }), 400, 'VALUE_INVALID');
  });

  it('validates role fields: name required and unique (409), description at most 255', async () => {
    await createRecords(t, auth, 'role', [{ name: 'unique-one' }]);
    expectError(await t.http.post('/api/v2/system/role?rollback=true').set(auth).send([{ name: 'x', description: 'd'.repeat(256) }]), 400, 'BATCH_FAILED');
    const [id] = await createRecords(t, auth, 'role', [{ name: 'taken-later' }]);
    expectError(await t.http.patch(`/api/v2/system/role/${id}`).set(auth).send({ name: 'unique-one' }), 409, 'CONFLICT');
    expectError(await t.http.patch(`/api/v2/system/role/${id}`).set(auth).send({ name: '' }), 400, 'VALUE_INVALID');
    expectError(await t.http.patch(`/api/v2/system/role/${id}`).set(auth).send({ is_active: 'maybe' }), 400, 'VALUE_INVALID');
    const created = await t.http.get(`/api/v2/system/role/${id}`).set(auth).expect(200);
    expect(created.body).toMatchObject({ is_active: true, description: null });
  });

  it('shows lookups (private ones masked), mappings and the apps whose default role it is', async () => {
    const [id] = await createRecords(t, auth, 'role', [{ name: 'related-role', lookup_by_role_id: [{ name: 'region', value: 'EU' }, { name: 'secret', value: 's3', private: true }] }]);
    const app = await createApp(t, auth, { name: 'related-app', role_id: id });
    await createRecords(t, auth, 'user', [{ email: 'mapped@example.com', user_to_app_to_role_by_user_id: [{ app_id: app.id, role_id: id }] }]);
    const res = await t.http.get(`/api/v2/system/role/${id}?related=*`).set(auth).expect(200);
    const body = res.body as Record<string, Row[]>;
    expect(body.lookup_by_role_id!.map((l) => [l.name, l.value])).toEqual([['region', 'EU'], ['secret', '**********']]);
    expect(body.user_to_app_to_role_by_role_id).toEqual([{ id: expect.any(Number), user_id: expect.any(Number), app_id: app.id, role_id: id }]);
    expect(body.app_by_role_id!.map((a) => a.name)).toEqual(['related-app']);
    expect(body.role_service_access_by_role_id).toEqual([]);
    const viaApp = await t.http.get(`/api/v2/system/app/${app.id}?related=role_by_role_id`).set(auth).expect(200);
    expect((viaApp.body as { role_by_role_id: Row }).role_by_role_id).toMatchObject({ id, name: 'related-role', is_active: true });
  });

  it('deletes a role with its rows, lookups and mappings, and clears it as a default role', async () => {
    const [id] = await createRecords(t, auth, 'role', [{ name: 'doomed', role_service_access_by_role_id: readerRows, lookup_by_role_id: [{ name: 'x', value: '1' }] }]);
    const app = await createApp(t, auth, { name: 'orphan-app', role_id: id });
    await t.http.delete(`/api/v2/system/role/${id}`).set(auth).expect(200, { id });
    expect(Number((await t.systemDbQuery(`SELECT COUNT(*) AS n FROM role_service_access WHERE role_id = ${id}`))[0]!.n)).toBe(0);
    expect(Number((await t.systemDbQuery(`SELECT COUNT(*) AS n FROM lookup WHERE role_id = ${id}`))[0]!.n)).toBe(0);
    expect((await t.http.get(`/api/v2/system/app/${app.id}`).set(auth).expect(200)).body).toMatchObject({ role_id: null });
    expectError(await t.http.get(`/api/v2/db/_table`).set('X-DreamFactory-API-Key', app.apiKey), 401, 'AUTH_SESSION_REQUIRED');
  });

  it('keeps system/* for admins: a role with an all-services row does not reach it, nor can a user make itself admin', async () => {
    const [id] = await createRecords(t, auth, 'role', [{ name: 'everything', role_service_access_by_role_id: [{ service_id: null, component: '*', verb_mask: 31 }] }]);
    const app = await createApp(t, auth, { name: 'everything-app', role_id: id });
    const [userId] = await createRecords(t, auth, 'user', [{ email: 'climber@example.com', password: 'climber-pass-1' }]);
    const session = await login(t, 'climber@example.com', 'climber-pass-1', { apiKey: app.apiKey });
    const user = { ...bearer(session.session_token), 'X-DreamFactory-API-Key': app.apiKey };
    for (const path of ['system', 'system/role', 'system/user', `system/user/${userId}`, 'system/app', 'system/lookup', 'system/cors', 'system/cache', 'system/service_type', 'system/service']) {
      expectError(await t.http.get(`/api/v2/${path}`).set(user), 403, 'ACCESS_ADMIN_REQUIRED');
    }
    expectError(await t.http.patch(`/api/v2/system/user/${userId}`).set(user).send({ is_sys_admin: true }), 403, 'ACCESS_ADMIN_REQUIRED');
    await t.http.post('/api/v2/user/profile').set(user).send({ is_sys_admin: true, first_name: 'Climber' }).expect(200);
    const rows = await t.systemDbQuery(`SELECT is_sys_admin FROM system_user WHERE id = ${userId}`);
    expect([false, 0, '0']).toContain(rows[0]!.is_sys_admin);
    expect((await t.http.get('/api/v2/user/session').set(user).expect(200)).body).toMatchObject({ is_sys_admin: false });
    expectError(await t.http.get('/api/v2/system/role').set('X-DreamFactory-API-Key', app.apiKey), 403, 'ACCESS_ADMIN_REQUIRED');
  });
});
