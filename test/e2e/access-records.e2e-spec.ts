import { bearer, createApp, createRecords, expectError, login } from '../helpers/accounts';
import { recordsFixture } from '../fixtures/records-schema';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

type Row = Record<string, unknown>;
type Body = { resource: Row[]; meta?: Row };
type BatchError = { error: { context: { resource: { reason: string }[] } } };

const ALL = 1 | 2 | 4 | 8 | 16;
const mine = [{ name: 'owner_id', operator: '=', value: '{user.id}' }];

/** Roles over records (API.md 6.3–6.6): verbs per table, record filters on reads and writes, isolation between apps. */
describeEachEngine('access control on records', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let serviceId: number;
  let base: string;
  let readerRole: number;
  let ownerRole: number;
  let readOnly: { id: number; apiKey: string };
  let owners: { id: number; apiKey: string };
  const as: Record<string, Record<string, string>> = {};

  const rows = (component: string, verbMask: number, filters: object[] = []) => ({ service_id: serviceId, component, verb_mask: verbMask, filters });
  const ids = (res: { body: unknown }) => (res.body as Body).resource.map((r) => r.id).sort();
  const count = async (where: string) => Number((await svc.query(`SELECT COUNT(*) AS n FROM contact WHERE ${where}`))[0]!.n);

  beforeAll(async () => {
    t = await createTestApp();
    auth = bearer(await adminToken(t));
    svc = await createDataService(t, auth, engine, recordsFixture(engine));
    base = `/api/v2/${svc.name}/_table`;
    serviceId = ((await t.http.get(`/api/v2/system/service?filter=name="${svc.name}"`).set(auth).expect(200)).body as Body).resource[0]!.id as number;
    readerRole = (await createRecords(t, auth, 'role', [{ name: 'contact-reader', role_service_access_by_role_id: [rows('_table/contact', 1), rows('_table/contact/*', 1)] }]))[0]!;
    ownerRole = (await createRecords(t, auth, 'role', [{ name: 'owner', role_service_access_by_role_id: [
      rows('_table/contact', ALL, mine), rows('_table/contact/*', ALL, mine), rows('_table/orders/*', 1),
    ] }]))[0]!;
    readOnly = await createApp(t, auth, { name: 'read-only', role_id: readerRole });
    owners = await createApp(t, auth, { name: 'owners', role_id: ownerRole });
    // Users 2 and 3 own the fixture's contacts (owner_id 2: Jo, Ana; 3: Li, Max).
    await createRecords(t, auth, 'user', [
      { email: 'alice@example.com', password: 'alice-pass-1' }, { email: 'bob@example.com', password: 'bob-pass-12' },
      { email: 'carol@example.com', password: 'carol-pass-1', user_to_app_to_role_by_user_id: [{ app_id: readOnly.id, role_id: ownerRole }] },
    ]);
    for (const [name, password, app] of [['alice', 'alice-pass-1', owners], ['bob', 'bob-pass-12', owners], ['carol', 'carol-pass-1', owners], ['ro', 'alice-pass-1', readOnly]] as const) {
      const email = name === 'ro' ? 'alice@example.com' : `${name}@example.com`;
      as[name] = { ...bearer((await login(t, email, password, { apiKey: app.apiKey })).session_token), 'X-DreamFactory-API-Key': app.apiKey };
    }
  });

  afterAll(async () => {
    await t?.close();
    await svc?.drop();
  });

  it('grants a read-only role on one table: reads pass, writes and other tables are denied', async () => {
    const guest = { 'X-DreamFactory-API-Key': readOnly.apiKey };
    expect(ids(await t.http.get(`${base}/contact`).set(guest).expect(200))).toEqual([1, 2, 3, 4]);
    await t.http.get(`${base}/contact/2?fields=first_name`).set(guest).expect(200, { first_name: 'Ana' });
    expectError(await t.http.post(`${base}/contact`).set(guest).send([{ first_name: 'X' }]), 401, 'AUTH_LOGIN_REQUIRED');
    const message = expectError(await t.http.post(`${base}/contact`).set(as.ro!).send([{ first_name: 'X' }]), 403, 'ACCESS_DENIED');
    expect(message).toBe(`Access Forbidden. POST access to component '_table/contact' of service '${svc.name}' is not allowed by this user's role.`);
    expectError(await t.http.delete(`${base}/contact/1`).set(as.ro!), 403, 'ACCESS_DENIED');
    expectError(await t.http.get(`${base}/orders`).set(as.ro!), 403, 'ACCESS_DENIED');
    expectError(await t.http.get(`${base}/no_such_table`).set(as.ro!), 403, 'ACCESS_DENIED');
    await t.http.get(base).set(as.ro!).expect(200, { resource: [{ name: 'contact' }] });
    expect(await count('1 = 1')).toBe(4);
  });

  it('ANDs the record filter around the client filter on every read', async () => {
    expect(ids(await t.http.get(`${base}/contact`).set(as.alice!).expect(200))).toEqual([1, 2]);
    expect(ids(await t.http.get(`${base}/contact`).query({ filter: '(owner_id=3) OR (id>0)' }).set(as.alice!).expect(200))).toEqual([1, 2]);
    expect(ids(await t.http.get(`${base}/contact`).set(as.bob!).expect(200))).toEqual([3, 4]);
    expect((await t.http.get(`${base}/contact?count_only=true`).set(as.alice!).expect(200)).text).toBe('2');
    expect(((await t.http.get(`${base}/contact?include_count=true&limit=1`).set(as.alice!).expect(200)).body as Body).meta).toMatchObject({ count: 2 });
    await t.http.get(`${base}/contact?as_list=true`).set(as.bob!).expect(200, { resource: [3, 4] });
    expectError(await t.http.get(`${base}/contact/3`).set(as.alice!), 404, 'RECORD_NOT_FOUND');
    expectError(await t.http.get(`${base}/contact?ids=1,3`).set(as.alice!), 400, 'BATCH_FAILED');
    const guest = { 'X-DreamFactory-API-Key': owners.apiKey };
    expect(ids(await t.http.get(`${base}/contact`).set(guest).expect(200))).toEqual([]);
  });

  it('applies the related table filter and permission to related rows', async () => {
    const res = await t.http.get(`${base}/contact?fields=id&related=orders_by_contact_id&orders_by_contact_id.fields=id`).set(as.alice!).expect(200);
    expect((res.body as Body).resource).toEqual([{ id: 1, orders_by_contact_id: [{ id: 1 }, { id: 2 }] }, { id: 2, orders_by_contact_id: [{ id: 3 }] }]);
    const starred = await t.http.get(`${base}/contact/1?fields=id&related=*`).set(as.ro!).expect(200);
    expect(starred.body).toEqual({ id: 1 });
    expectError(await t.http.get(`${base}/contact/1?related=orders_by_contact_id`).set(as.ro!), 403, 'ACCESS_DENIED');
  });

  it('refuses writes outside the filter: keyed ones as not found, new values with 403, nothing written', async () => {
    expectError(await t.http.patch(`${base}/contact/3`).set(as.alice!).send({ age: 1 }), 404, 'RECORD_NOT_FOUND');
    expectError(await t.http.delete(`${base}/contact/3`).set(as.alice!), 404, 'RECORD_NOT_FOUND');
    expect(expectError(await t.http.patch(`${base}/contact/1`).set(as.alice!).send({ owner_id: 3 }), 403, 'ACCESS_RECORD_DENIED')).toBe('Denied access to some of the requested fields.');
    const created = await t.http.post(`${base}/contact`).set(as.alice!).send([{ first_name: 'Sneaky', owner_id: 3 }]).expect(400);
    expect((created.body as BatchError).error.context.resource[0]!.reason).toBe('ACCESS_RECORD_DENIED');
    const batch = await t.http.post(`${base}/contact?rollback=true`).set(as.alice!).send([{ first_name: 'Ok', owner_id: 2 }, { first_name: 'Sneaky2', owner_id: 3 }]).expect(400);
    expect((batch.body as BatchError).error.context.resource[1]!.reason).toBe('ACCESS_RECORD_DENIED');
    const byFilter = await t.http.patch(`${base}/contact?filter=id>0`).set(as.alice!).send({ resource: [{ owner_id: 3 }] });
    expectError(byFilter, 403, 'ACCESS_RECORD_DENIED');
    expect(await count("first_name LIKE 'Sneaky%' OR first_name = 'Ok'")).toBe(0);
    expect(await count('owner_id = 2')).toBe(2);
    await t.http.patch(`${base}/contact/1`).set(as.alice!).send({ age: 45 }).expect(200, { id: 1 });
    const made = await t.http.post(`${base}/contact`).set(as.alice!).send([{ first_name: 'Mine', owner_id: 2 }]).expect(200);
    const madeId = (made.body as Body).resource[0]!.id as number;
    await t.http.patch(`${base}/contact?filter=id>0`).set(as.alice!).send({ resource: [{ age: 50 }] }).expect(200);
    expect(await count('age = 50')).toBe(3);
    const removed = await t.http.delete(`${base}/contact`).query({ filter: "(first_name = 'Mine') OR (id = 3)" }).set(as.alice!).expect(200);
    expect(ids(removed)).toEqual([madeId]);
    expect(await count(`id = ${madeId}`)).toBe(0);
    expect(await count('owner_id = 3')).toBe(2);
  });

  it('lets force delete only rows inside the filter', async () => {
    await svc.query(`INSERT INTO contact (first_name, owner_id) VALUES ('Bob1', 3), ('Other', 9)`);
    await t.http.delete(`${base}/contact?force=true`).set(as.bob!).expect(200, { success: true });
    expect(await count('owner_id = 3')).toBe(0);
    expect(await count('owner_id = 9')).toBe(1);
    expectError(await t.http.delete(`${base}/contact?force=true`).set(as.ro!), 403, 'ACCESS_DENIED');
  });

  it('keeps apps apart: a mapping for one app never applies through another', async () => {
    // carol: default role (owner) through `owners`; through `read-only` her mapping gives her the owner role too.
    await t.http.post(`${base}/contact`).set(as.carol!).send([{ first_name: 'Carol', owner_id: 4 }]).expect(200);
    const [dave] = await createRecords(t, auth, 'user', [{ email: 'dave@example.com', password: 'dave-pass-12', user_to_app_to_role_by_user_id: [{ app_id: owners.id, role_id: readerRole }] }]);
    const viaOwners = { ...bearer((await login(t, 'dave@example.com', 'dave-pass-12', { apiKey: owners.apiKey })).session_token), 'X-DreamFactory-API-Key': owners.apiKey };
    const viaReadOnly = { ...viaOwners, 'X-DreamFactory-API-Key': readOnly.apiKey };
    expectError(await t.http.post(`${base}/contact`).set(viaOwners).send([{ first_name: 'Dave', owner_id: dave }]), 403, 'ACCESS_DENIED');
    expectError(await t.http.post(`${base}/contact`).set(viaReadOnly).send([{ first_name: 'Dave', owner_id: dave }]), 403, 'ACCESS_DENIED');
    expect(ids(await t.http.get(`${base}/contact`).set(viaOwners).expect(200)).length).toBeGreaterThan(1);
  });

  it('applies role changes at once: grants, deactivation, unusable filters', async () => {
    const role = (await t.http.get(`/api/v2/system/role/${readerRole}?related=role_service_access_by_role_id`).set(auth).expect(200)).body as { role_service_access_by_role_id: Row[] };
    const [first] = role.role_service_access_by_role_id;
    await t.http.patch(`/api/v2/system/role/${readerRole}`).set(auth).send({ role_service_access_by_role_id: [{ id: first!.id, verb_mask: 3 }] }).expect(200);
    await t.http.post(`${base}/contact`).set(as.ro!).send([{ first_name: 'Granted' }]).expect(200);
    await t.http.patch(`/api/v2/system/role/${readerRole}`).set(auth).send({ is_active: false }).expect(200);
    expectError(await t.http.get(`${base}/contact`).set(as.ro!), 403, 'ACCESS_ROLE_INACTIVE');
    expectError(await t.http.get(`${base}/contact`).set('X-DreamFactory-API-Key', readOnly.apiKey), 403, 'ACCESS_ROLE_INACTIVE');
    await t.http.patch(`/api/v2/system/role/${readerRole}`).set(auth).send({ is_active: true, role_service_access_by_role_id: [{ id: first!.id, filters: [{ name: 'salary', operator: '>', value: '1' }] }] }).expect(200);
    expectError(await t.http.get(`${base}/contact`).set(as.ro!), 403, 'ACCESS_DENIED');
    await t.http.patch(`/api/v2/system/role/${readerRole}`).set(auth).send({ role_service_access_by_role_id: [{ id: first!.id, filters: [{ name: 'age', operator: '>', value: '{nope}' }] }] }).expect(200);
    expectError(await t.http.get(`${base}/contact`).set(as.ro!), 403, 'ACCESS_DENIED');
  });

  it('checks nested writes against the related table: its verbs and its record filter', async () => {
    const open = [{ name: 'status', operator: '=', value: 'open' }];
    const [role] = await createRecords(t, auth, 'role', [{ name: 'nester', role_service_access_by_role_id: [
      rows('_table/contact', 3), rows('_table/contact/*', 3), rows('_table/orders', 2 | 8, open), rows('_table/orders/*', 2 | 8, open),
    ] }]);
    const guest = { 'X-DreamFactory-API-Key': (await createApp(t, auth, { name: 'nester-app', role_id: role })).apiKey };
    const orders = async (total: number) => Number((await svc.query(`SELECT COUNT(*) AS n FROM orders WHERE total = ${total}`))[0]!.n);
    await t.http.post(`${base}/contact`).set(guest).send([{ first_name: 'Nest', orders_by_contact_id: [{ total: 3, status: 'open' }] }]).expect(200);
    expect(await orders(3)).toBe(1);
    const outside = await t.http.post(`${base}/contact`).set(guest).send([{ first_name: 'Nest2', orders_by_contact_id: [{ total: 4, status: 'paid' }] }]).expect(400);
    expect((outside.body as BatchError).error.context.resource[0]!.reason).toBe('ACCESS_RECORD_DENIED');
    expect([await orders(4), await count("first_name = 'Nest2'")]).toEqual([0, 0]);
    expectError(await t.http.patch(`${base}/contact/1`).set(as.alice!).send({ orders_by_contact_id: [{ total: 5, status: 'open' }] }), 403, 'ACCESS_DENIED');
    expect(await orders(5)).toBe(0);
  });

  it('resolves custom lookups in filters: the user’s before the role’s before global ones', async () => {
    const [role] = await createRecords(t, auth, 'role', [{ name: 'by-name', lookup_by_role_id: [{ name: 'who', value: 'Ana' }],
      role_service_access_by_role_id: [rows('_table/contact', 1, [{ name: 'first_name', operator: '=', value: '{who}' }])] }]);
    await createRecords(t, auth, 'lookup', [{ name: 'who', value: 'Jo' }]);
    const app = await createApp(t, auth, { name: 'lookups', role_id: role });
    const guest = { 'X-DreamFactory-API-Key': app.apiKey };
    const names = async (headers: Record<string, string>) => ((await t.http.get(`${base}/contact?fields=first_name`).set(headers).expect(200)).body as Body).resource.map((r) => r.first_name);
    expect(await names(guest)).toEqual(['Ana']);
    await t.http.patch(`/api/v2/system/user/2`).set(auth).send({ lookup_by_user_id: [{ name: 'who', value: 'Jo' }] }).expect(200);
    const alice = { ...bearer((await login(t, 'alice@example.com', 'alice-pass-1', { apiKey: app.apiKey })).session_token), 'X-DreamFactory-API-Key': app.apiKey };
    expect(await names(alice)).toEqual(['Jo']);
  });
});
