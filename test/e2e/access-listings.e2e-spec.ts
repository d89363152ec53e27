import { bearer, createApp, createRecords, expectError, login } from '../helpers/accounts';
import { recordsFixture } from '../fixtures/records-schema';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

const ROUTINES = `
CREATE FUNCTION order_total(p_status varchar) RETURNS numeric LANGUAGE sql AS $$ SELECT sum(total) FROM orders WHERE status = p_status $$;
CREATE PROCEDURE count_orders(IN p_status varchar, OUT p_count integer) LANGUAGE plpgsql AS $$ BEGIN SELECT count(*) INTO p_count FROM orders WHERE status = p_status; END $$;
CREATE PROCEDURE close_orders() LANGUAGE sql AS $$ UPDATE orders SET status = 'closed' $$;
`;

/** Listings show only what the role reaches (API.md 6.3, 3.1, 7.1). */
describeEachEngine('listings under a role', (engine) => {
  let t: TestApp;
  let svc: DataServiceHandle;
  let user: Record<string, string>;
  let guest: Record<string, string>;
  let serviceId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const auth = bearer(await adminToken(t));
    svc = await createDataService(t, auth, engine, recordsFixture(engine) + (engine === 'postgres' ? ROUTINES : ''));
    serviceId = ((await t.http.get(`/api/v2/system/service?filter=name="${svc.name}"`).set(auth).expect(200)).body as { resource: { id: number }[] }).resource[0]!.id;
    const rows = [
      { service_id: serviceId, component: '_table/contact', verb_mask: 1 },
      { service_id: serviceId, component: '_table/orders/*', verb_mask: 2 },
      { service_id: serviceId, component: '_schema/orders', verb_mask: 1 },
      ...(engine === 'postgres' ? [{ service_id: serviceId, component: '_proc/count_orders', verb_mask: 2 }] : []),
    ];
    const [role] = await createRecords(t, auth, 'role', [{ name: 'lister', role_service_access_by_role_id: rows }]);
    const app = await createApp(t, auth, { name: 'lister-app', role_id: role });
    await createRecords(t, auth, 'user', [{ email: 'lister@example.com', password: 'lister-pass-1' }]);
    user = { ...bearer((await login(t, 'lister@example.com', 'lister-pass-1', { apiKey: app.apiKey })).session_token), 'X-DreamFactory-API-Key': app.apiKey };
    guest = { 'X-DreamFactory-API-Key': app.apiKey };
  });

  afterAll(async () => {
    await t?.close();
    await svc?.drop();
  });

  it('shows the service resources the role reaches, and the components a role editor may offer', async () => {
    const expected = engine === 'postgres' ? ['_schema', '_table', '_proc'] : ['_schema', '_table'];
    await t.http.get(`/api/v2/${svc.name}?as_list=true`).set(user).expect(200, { resource: expected });
    const access = (await t.http.get(`/api/v2/${svc.name}?as_access_list=true`).set(user).expect(200)).body as { resource: string[] };
    expect(access.resource).toEqual(['', '*', '_schema/', '_schema/*', '_schema/orders', '_table/', '_table/*', '_table/contact', '_table/contact/*', '_table/orders', '_table/orders/*',
      ...(engine === 'postgres' ? ['_proc/', '_proc/*', '_proc/count_orders'] : [])]);
  });

  it('lists only the tables the role reaches, under _table and _schema', async () => {
    await t.http.get(`/api/v2/${svc.name}/_table?as_list=true`).set(user).expect(200, { resource: ['contact', 'orders'] });
    await t.http.get(`/api/v2/${svc.name}/_schema?as_list=true`).set(guest).expect(200, { resource: ['orders'] });
    expectError(await t.http.get(`/api/v2/${svc.name}/_schema/contact`).set(user), 403, 'ACCESS_DENIED');
  });

  it('describes each table with the verbs the role grants on its records', async () => {
    const tables = (await t.http.get(`/api/v2/${svc.name}/_table?fields=name,access`).set(user).expect(200)).body as { resource: { name: string; access: string[] }[] };
    expect(tables.resource).toEqual([{ name: 'contact', access: ['GET'] }, { name: 'orders', access: ['POST'] }]);
    const page = (await t.http.get(`/api/v2/${svc.name}/_table/contact?limit=1&include_schema=true`).set(user).expect(200)).body as { meta: { schema: { access: string[] } } };
    expect(page.meta.schema.access).toEqual(['GET']);
    const described = (await t.http.get(`/api/v2/${svc.name}/_schema/orders`).set(user).expect(200)).body as { access: number };
    expect(described.access).toBe(2);
    const listed = (await t.http.get(`/api/v2/${svc.name}/_schema?fields=*`).set(guest).expect(200)).body as { resource: { name: string; access: string[] }[] };
    expect(listed.resource.map((d) => [d.name, d.access])).toEqual([['orders', ['POST']]]);
  });

  it('denies listings with nothing granted below them: 403 for a user, 401 for a guest', async () => {
    const message = expectError(await t.http.get(`/api/v2/${svc.name}/_func`).set(user), 403, 'ACCESS_DENIED');
    expect(message).toBe(`Access Forbidden. GET access to component '_func' of service '${svc.name}' is not allowed by this user's role.`);
    expectError(await t.http.get(`/api/v2/${svc.name}/_func`).set(guest), 401, 'AUTH_LOGIN_REQUIRED');
    expectError(await t.http.get(`/api/v2/${svc.name}/_table/event_log`).set(user), 403, 'ACCESS_DENIED');
    expectError(await t.http.get('/api/v2/nosuchservice/_table/contact').set(user), 403, 'ACCESS_DENIED');
  });

  it('documents only the services and paths the role reaches', async () => {
    await t.http.get('/api/v2/api_docs?as_list=true').set(user).expect(200, { resource: [svc.name] });
    const doc = (await t.http.get(`/api/v2/api_docs/${svc.name}`).set(user).expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const paths = Object.keys(doc.paths);
    expect(paths.some((p) => p.includes('contact'))).toBe(true);
    expect(paths.some((p) => p.includes('event_log'))).toBe(false);
    await t.http.get(`/api/v2/${svc.name}/_spec`).set(user).expect(200);
    expectError(await t.http.get('/api/v2/api_docs/db').set(user), 403, 'ACCESS_DENIED');
  });

  if (engine === 'postgres') {
    it('lists and describes only the routines the role reaches; hidden ones are unknown', async () => {
      await t.http.get(`/api/v2/${svc.name}/_proc?as_list=true`).set(user).expect(200, { resource: ['count_orders'] });
      expectError(await t.http.get(`/api/v2/${svc.name}/_proc?ids=close_orders`).set(user), 404, 'ROUTINE_NOT_FOUND');
      expectError(await t.http.get(`/api/v2/${svc.name}/_func`).set(user), 403, 'ACCESS_DENIED');
      expectError(await t.http.post(`/api/v2/${svc.name}/_proc/close_orders`).set(user).send({}), 403, 'ACCESS_DENIED');
      const called = await t.http.post(`/api/v2/${svc.name}/_proc/count_orders(open)`).set(user).send({}).expect(200);
      expect(called.body).toMatchObject({ p_count: 2 });
    });
  }
});
