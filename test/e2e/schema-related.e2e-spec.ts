import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { describeEachEngine } from '../helpers/test-databases';

type Rel = Record<string, unknown>;
type ErrorBody = { error: { reason: string; message: string } };

const TABLES = [
  { name: 'contact', field: [{ name: 'id', type: 'id' }, { name: 'name', type: 'string', length: 64 }] },
  { name: 'contact_group', field: [{ name: 'id', type: 'id' }, { name: 'name', type: 'string', length: 64 }] },
  {
    name: 'contact_group_relationship',
    field: [
      { name: 'id', type: 'id' },
      { name: 'contact_id', type: 'reference', ref_table: 'contact', ref_on_delete: 'CASCADE' },
      { name: 'contact_group_id', type: 'reference', ref_table: 'contact_group', ref_field: 'id' },
    ],
  },
  { name: 'orders', field: [{ name: 'id', type: 'id' }, { name: 'contact_id', type: 'integer', allow_null: true }, { name: 'total', type: 'decimal', precision: 8, scale: 2 }] },
];

const brief = (r: Rel) => [r.type, r.name, r.field, r.ref_table, r.ref_field, r.junction_table ?? null];

describeEachEngine('schema API: relationships', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let base: string;
  const related = async (table: string): Promise<Rel[]> => ((await t.http.get(`${base}/_schema/${table}/_related`).set(auth).expect(200)).body as { resource: Rel[] }).resource;
  const error = (body: unknown) => (body as ErrorBody).error;

  beforeAll(async () => {
    t = await createTestApp();
    auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
    svc = await createDataService(t, auth, engine, 'CREATE TABLE unrelated (id integer PRIMARY KEY);');
    base = `/api/v2/${svc.name}`;
    await t.http.post(`${base}/_schema`).set(auth).send({ resource: TABLES }).expect(200);
  });

  afterAll(async () => {
    await t?.close();
    await svc?.drop();
  });

  it('shows a created foreign key on both tables, and many_many through the junction', async () => {
    expect((await related('contact')).map(brief)).toEqual([
      ['has_many', 'contact_group_relationship_by_contact_id', 'id', 'contact_group_relationship', 'contact_id', null],
      ['many_many', 'contact_group_by_contact_group_relationship', 'id', 'contact_group', 'id', 'contact_group_relationship'],
    ]);
    // Same type: ordered by constraint name (fk_…_contact_group_id before fk_…_contact_id).
    expect((await related('contact_group_relationship')).map(brief)).toEqual([
      ['belongs_to', 'contact_group_by_contact_group_id', 'contact_group_id', 'contact_group', 'id', null],
      ['belongs_to', 'contact_by_contact_id', 'contact_id', 'contact', 'id', null],
    ]);
    const [junction] = (await related('contact_group')).filter((r) => r.type === 'many_many');
    expect(junction).toMatchObject({ name: 'contact_by_contact_group_relationship', junction_field: 'contact_group_id', junction_ref_field: 'contact_id', is_virtual: false });
    const described = await t.http.get(`${base}/_schema/contact/_related/contact_group_relationship_by_contact_id`).set(auth).expect(200);
    expect(described.body).toMatchObject({ label: 'Contact Group Relationship By Contact Id', ref_on_delete: 'CASCADE', always_fetch: false, native: [] });
  });

  it('adds relationships when a foreign key is added through _field, and drops them with it', async () => {
    await t.http.post(`${base}/_schema/orders/_field`).set(auth).send([{ name: 'contact_id', type: 'reference', allow_null: true, ref_table: 'contact' }]).then((res) => {
      // SQLite cannot add a foreign key to an existing column.
      expect(res.status).toBe(engine === 'sqlite' ? 400 : 200);
    });
    await t.http.post(`${base}/_schema/orders/_field`).set(auth).send([{ name: 'buyer_id', type: 'reference', allow_null: true, ref_table: 'contact' }]).expect(200);
    expect((await related('orders')).map((r) => r.name)).toEqual(
      engine === 'sqlite' ? ['contact_by_buyer_id'] : ['contact_by_buyer_id', 'contact_by_contact_id'],
    );
    expect((await related('contact')).map((r) => r.name)).toContain('orders_by_buyer_id');
    await t.http.delete(`${base}/_schema/orders/_field/buyer_id`).set(auth).expect(200);
    expect((await related('contact')).map((r) => r.name)).not.toContain('orders_by_buyer_id');
  });

  it('creates, renames, finds and removes a virtual relationship', async () => {
    await t.http.delete(`${base}/_schema/orders/_field/contact_id`).set(auth);
    await t.http.post(`${base}/_schema/orders/_field`).set(auth).send([{ name: 'customer_id', type: 'integer', allow_null: true }]).expect(200);
    const created = await t.http.post(`${base}/_schema/orders/_related`).set(auth)
      .send({ resource: [{ is_virtual: true, type: 'belongs_to', field: 'customer_id', ref_table: 'contact', ref_field: 'id', alias: 'customer' }] }).expect(200);
    expect(created.body).toEqual({ resource: [{ name: 'customer' }] });
    const described = await t.http.get(`${base}/_schema/orders/_related/CUSTOMER`).set(auth).expect(200);
    expect(described.body).toMatchObject({ alias: 'customer', name: 'contact_by_customer_id', type: 'belongs_to', is_virtual: true, field: 'customer_id', ref_table: 'contact', ref_on_delete: null });
    await t.http.patch(`${base}/_schema/orders/_related/customer`).set(auth).send({ alias: 'buyer', always_fetch: true }).expect(200, { name: 'buyer' });
    expect((await related('orders')).filter((r) => r.is_virtual)).toMatchObject([{ alias: 'buyer', always_fetch: true }]);
    expect((await related('contact')).some((r) => r.is_virtual)).toBe(false);
    await t.http.delete(`${base}/_schema/orders/_related/buyer`).set(auth).expect(200, { success: true });
    expect((await related('orders')).filter((r) => r.is_virtual)).toEqual([]);
  });

  it('stores extras of a discovered relationship and clears them on DELETE (the foreign key stays)', async () => {
    await t.http.put(`${base}/_schema/contact/_related`).set(auth).send([{ name: 'contact_group_relationship_by_contact_id', alias: 'memberships', label: 'Memberships' }]).expect(200, { resource: [{ name: 'memberships' }] });
    expect(await t.http.get(`${base}/_schema/contact/_related/memberships`).set(auth).expect(200).then((r) => r.body as Rel)).toMatchObject({ name: 'contact_group_relationship_by_contact_id', label: 'Memberships' });
    await t.http.delete(`${base}/_schema/contact/_related?ids=memberships`).set(auth).expect(200, { resource: [{ name: 'memberships' }] });
    const after = await related('contact');
    expect(after.find((r) => r.name === 'contact_group_relationship_by_contact_id')).toMatchObject({ alias: null, label: 'Contact Group Relationship By Contact Id' });
  });

  it('answers RELATION_NOT_FOUND, refuses other services and bad definitions', async () => {
    expect(error((await t.http.get(`${base}/_schema/contact/_related/nope`).set(auth).expect(404)).body)).toMatchObject({ reason: 'RELATION_NOT_FOUND', message: "No requested relationships found in table 'contact'." });
    const other = await t.http.post(`${base}/_schema/orders/_related/x`).set(auth).send({ is_virtual: true, type: 'belongs_to', field: 'customer_id', ref_table: 'contact', ref_field: 'id', ref_service_id: 999 }).expect(400);
    expect(error(other.body).reason).toBe('FEATURE_UNSUPPORTED');
    const badField = await t.http.post(`${base}/_schema/orders/_related/x`).set(auth).send({ is_virtual: true, type: 'belongs_to', field: 'nope', ref_table: 'contact', ref_field: 'id' }).expect(400);
    expect(error(badField.body)).toMatchObject({ reason: 'VALUE_INVALID', message: "Property 'field' of relationship 'virtual' names field 'nope', which table 'orders' does not have." });
    await t.http.post(`${base}/_schema/orders/_related/x`).set(auth).send({ is_virtual: true, type: 'sideways', field: 'customer_id', ref_table: 'contact', ref_field: 'id' }).expect(400);
    await t.http.post(`${base}/_schema/orders/_related`).set(auth).send([{ name: 'nope', alias: 'x' }]).expect(400);
    expect((await related('orders')).filter((r) => r.is_virtual)).toEqual([]);
  });
});
