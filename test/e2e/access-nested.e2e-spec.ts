import { bearer, createApp, createRecords, expectError, login } from '../helpers/accounts';
import { relatedFixture } from '../fixtures/related-schema';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

const GET = 1;
const POST = 2;

/**
 * Roles over nested writes (API.md 3.9, 6.6): a many_many link by key names a far record, which
 * must be one the role may read; outside its GET filter the record is not found, and without GET
 * on the far table the link is denied. Nothing of such a request is written.
 */
describeEachEngine('access control on nested links', (engine) => {
  let t: TestApp;
  let svc: DataServiceHandle;
  let base: string;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const admin = bearer(await adminToken(t));
    svc = await createDataService(t, admin, engine, relatedFixture(engine));
    base = `/api/v2/${svc.name}/_table`;
    const serviceId = ((await t.http.get(`/api/v2/system/service?filter=name="${svc.name}"`).set(admin).expect(200)).body as { resource: { id: number }[] }).resource[0]!.id;
    const rule = (component: string, verbMask: number, filters: object[] = []) => ({ service_id: serviceId, component, verb_mask: verbMask, filters });
    // Groups 1 (Customers) and 2 (Newsletter) are readable; 3 (VIP) is not.
    const [linker, blind] = await createRecords(t, admin, 'role', [
      { name: 'linker', role_service_access_by_role_id: [
        rule('_table/contact', GET | POST), rule('_table/contact_group_relationship', POST), rule('_table/contact_group', GET, [{ name: 'id', operator: '<', value: '3' }]),
      ] },
      { name: 'blind', role_service_access_by_role_id: [rule('_table/contact', GET | POST), rule('_table/contact_group_relationship', POST)] },
    ]);
    const linkerApp = await createApp(t, admin, { name: 'linker-app', role_id: linker });
    const blindApp = await createApp(t, admin, { name: 'blind-app', role_id: blind });
    await createRecords(t, admin, 'user', [{ email: 'lin@example.com', password: 'lin-pass-12' }]);
    for (const [name, app] of [['linker', linkerApp], ['blind', blindApp]] as const) {
      as[name] = { ...bearer((await login(t, 'lin@example.com', 'lin-pass-12', { apiKey: app.apiKey })).session_token), 'X-DreamFactory-API-Key': app.apiKey };
    }
  });

  afterAll(async () => {
    await t?.close();
    await svc?.drop();
  });

  const counts = async () => ({
    contacts: Number((await svc.query('SELECT COUNT(*) AS n FROM contact'))[0]!.n),
    links: Number((await svc.query('SELECT COUNT(*) AS n FROM contact_group_relationship'))[0]!.n),
  });
  const contact = (email: string, groups: object[]) => [{ first_name: 'Nested', email, contact_group_by_contact_group_relationship: groups }];

  it('links a far record the role may read', async () => {
    const before = await counts();
    await t.http.post(`${base}/contact`).set(as.linker!).send(contact('ok@example.com', [{ id: 2 }])).expect(200);
    expect(await counts()).toEqual({ contacts: before.contacts + 1, links: before.links + 1 });
  });

  it('answers not found for a far record outside the role\'s read filter, and writes nothing', async () => {
    const before = await counts();
    const res = await t.http.post(`${base}/contact`).set(as.linker!).send(contact('vip@example.com', [{ id: 3 }]));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('RECORD_NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('denies a link to a table the role may not read, and writes nothing', async () => {
    const before = await counts();
    const res = await t.http.post(`${base}/contact`).set(as.blind!).send(contact('blind@example.com', [{ id: 1 }]));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('ACCESS_DENIED');
    expect(await counts()).toEqual(before);
    expectError(await t.http.get(`${base}/contact_group`).set(as.blind!), 403, 'ACCESS_DENIED');
  });
});
