import { jest } from '@jest/globals';
import { SqlRunner } from '../../src/database/engines/runner';
import { relatedFixture } from '../fixtures/related-schema';
import { createDataService, closeTableApp, openTableApp, type DataServiceHandle } from '../helpers/data-service';
import type { TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

type Row = Record<string, unknown>;
type Body = { resource: Row[]; meta?: Row; error?: { reason: string; message: string } };

const JO_INFO = [{ id: 1, contact_id: 1, info_type: 'work', phone: '555-0100' }, { id: 2, contact_id: 1, info_type: 'home', phone: '555-0101' }];
const JO_ORDERS = [{ id: 1, contact_id: 1, total: 10, status: 'open' }, { id: 2, contact_id: 1, total: 20.5, status: 'paid' }];

describeEachEngine('records API: related records (reads)', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let base: string;

  beforeAll(async () => {
    ({ t, auth, svc, base } = await openTableApp(engine, relatedFixture(engine), { max_records: 50 }));
  });

  afterAll(() => closeTableApp(t, svc));

  const get = (path: string, query: Record<string, string> = {}) => t.http.get(`${base}${path}`).query(query).set(auth);

  /** Statements run through the data plane while `request` runs (the app runs in this process). */
  async function statements<T>(request: () => Promise<T>): Promise<{ result: T; count: number }> {
    const spy = jest.spyOn(SqlRunner.prototype, 'run');
    try {
      const result = await request();
      return { result, count: spy.mock.calls.length };
    } finally {
      spy.mockRestore();
    }
  }

  it('embeds has_many children in a page, typed like top-level records', async () => {
    const res = await get('/contact', { fields: 'id,first_name', related: 'contact_info_by_contact_id,orders_by_contact_id', order: 'id' }).expect(200);
    const body = res.body as Body;
    expect(body.resource).toEqual([
      { id: 1, first_name: 'Jo', contact_info_by_contact_id: JO_INFO, orders_by_contact_id: JO_ORDERS },
      { id: 2, first_name: 'Ana', contact_info_by_contact_id: [{ id: 3, contact_id: 2, info_type: 'work', phone: '555-0200' }], orders_by_contact_id: [{ id: 3, contact_id: 2, total: 5.25, status: 'open' }] },
      { id: 3, first_name: 'Li', contact_info_by_contact_id: [], orders_by_contact_id: [] },
    ]);
    // Decimals keep the column's digits inside related records, as at the top level.
    expect(res.text).toContain('"orders_by_contact_id":[{"id":1,"contact_id":1,"total":10.00,"status":"open"},{"id":2,"contact_id":1,"total":20.50,"status":"paid"}]');
  });

  it('embeds belongs_to and has_one as an object or null, and many_many through the junction', async () => {
    const orders = (await get('/orders', { fields: 'id', related: 'contact_by_contact_id', 'contact_by_contact_id.fields': 'first_name,active,score,created_at' }).expect(200)).body as Body;
    expect(orders.resource).toEqual([
      { id: 1, contact_id: 1, contact_by_contact_id: { first_name: 'Jo', active: true, score: 12.5, created_at: '2026-11-02 10:15:00' } },
      { id: 2, contact_id: 1, contact_by_contact_id: { first_name: 'Jo', active: true, score: 12.5, created_at: '2026-11-02 10:15:00' } },
      { id: 3, contact_id: 2, contact_by_contact_id: { first_name: 'Ana', active: false, score: 99.99, created_at: '2026-11-03 08:00:00.5' } },
    ]);
    const contacts = (await get('/contact', { fields: 'id', related: 'profile_by_contact_id,contact_group_by_contact_group_relationship' }).expect(200)).body as Body;
    expect(contacts.resource).toEqual([
      { id: 1, profile_by_contact_id: { contact_id: 1, bio: 'Hi', photo: 'YWJj' }, contact_group_by_contact_group_relationship: [{ id: 1, name: 'Customers' }, { id: 3, name: 'VIP' }] },
      { id: 2, profile_by_contact_id: null, contact_group_by_contact_group_relationship: [{ id: 2, name: 'Newsletter' }] },
      { id: 3, profile_by_contact_id: null, contact_group_by_contact_group_relationship: [] },
    ]);
  });

  it('embeds every relationship with related=*', async () => {
    const one = (await get('/contact/3', { fields: 'id', related: '*' }).expect(200)).body as Row;
    expect(one).toEqual({
      id: 3, profile_by_contact_id: null, contact_info_by_contact_id: [], orders_by_contact_id: [],
      contact_group_relationship_by_contact_id: [], contact_group_by_contact_group_relationship: [],
    });
    const line = (await get('/order_line/1,2', { related: '*' }).expect(200)).body as Row;
    expect(line).toEqual({
      order_id: 1, line_no: 2, qty: 7, orders_by_order_id: { id: 1, contact_id: 1, total: 10, status: 'open' },
      shipment_by_order_id_line_no: [{ id: 2, order_id: 1, line_no: 2, carrier: 'DHL' }, { id: 3, order_id: 1, line_no: 2, carrier: 'FedEx' }],
    });
  });

  it('applies fields, limit (per parent) and order in both spellings; local keys stay in the output', async () => {
    const body = (await get('/contact', {
      fields: 'first_name', related: 'orders_by_contact_id,contact_info_by_contact_id', filter: 'id < 3',
      'orders_by_contact_id.fields': 'id,total', 'orders_by_contact_id.order': 'total desc', 'orders_by_contact_id.limit': '1',
      contact_info_by_contact_id_fields: 'phone', contact_info_by_contact_id_order: 'phone DESC',
    }).expect(200)).body as Body;
    expect(body.resource).toEqual([
      { first_name: 'Jo', id: 1, orders_by_contact_id: [{ id: 2, total: 20.5 }], contact_info_by_contact_id: [{ phone: '555-0101' }, { phone: '555-0100' }] },
      { first_name: 'Ana', id: 2, orders_by_contact_id: [{ id: 3, total: 5.25 }], contact_info_by_contact_id: [{ phone: '555-0200' }] },
    ]);
    const keys = (await get('/contact/1', { fields: '', related: 'orders_by_contact_id', 'orders_by_contact_id.fields': '' }).expect(200)).body as Row;
    expect(keys).toEqual({ id: 1, orders_by_contact_id: [{ id: 1 }, { id: 2 }] });
  });

  it('reads by ids (request order) and through a tunnelled GET with related records', async () => {
    const byIds = (await get('/contact', { ids: '2,1', fields: 'id', related: 'orders_by_contact_id', 'orders_by_contact_id.fields': 'id' }).expect(200)).body as Body;
    expect(byIds.resource).toEqual([{ id: 2, orders_by_contact_id: [{ id: 3 }] }, { id: 1, orders_by_contact_id: [{ id: 1 }, { id: 2 }] }]);
    const tunnelled = await t.http.post(`${base}/contact`).query({ related: 'orders_by_contact_id', 'orders_by_contact_id.fields': 'id' })
      .set(auth).set('X-HTTP-Method', 'GET').send({ filter: 'id = :id', params: { ':id': 2 }, fields: 'first_name' }).expect(200);
    expect(tunnelled.body).toEqual({ resource: [{ first_name: 'Ana', id: 2, orders_by_contact_id: [{ id: 3 }] }] });
  });

  it('nests two and three levels: dotted paths, nested options and the {rel}.related option', async () => {
    const dotted = (await get('/contact/1', {
      fields: 'id', related: 'orders_by_contact_id.order_line_by_order_id', 'orders_by_contact_id.fields': 'id',
      'orders_by_contact_id.order_line_by_order_id.fields': 'line_no,qty', 'orders_by_contact_id.order_line_by_order_id.order': 'line_no desc',
    }).expect(200)).body as Row;
    expect(dotted).toEqual({ id: 1, orders_by_contact_id: [{ id: 1, order_line_by_order_id: [{ line_no: 2, qty: 7 }, { line_no: 1, qty: 5 }] }, { id: 2, order_line_by_order_id: [] }] });
    const option = (await get('/contact/1', {
      fields: 'id', related: 'orders_by_contact_id', 'orders_by_contact_id.related': 'order_line_by_order_id.shipment_by_order_id_line_no',
      'orders_by_contact_id.fields': 'id', 'orders_by_contact_id.limit': '1', 'orders_by_contact_id.order_line_by_order_id.fields': 'qty',
      'orders_by_contact_id.order_line_by_order_id.shipment_by_order_id_line_no.fields': 'carrier',
      'orders_by_contact_id.order_line_by_order_id.shipment_by_order_id_line_no.limit': '1',
    }).expect(200)).body as Row;
    // Local keys of nested levels stay too (order_id, line_no match the shipments).
    expect(option).toEqual({ id: 1, orders_by_contact_id: [{ id: 1, order_line_by_order_id: [
      { qty: 5, order_id: 1, line_no: 1, shipment_by_order_id_line_no: [{ carrier: 'UPS' }] },
      { qty: 7, order_id: 1, line_no: 2, shipment_by_order_id_line_no: [{ carrier: 'DHL' }] },
    ] }] });
    const back = (await get('/order_line/3,1', { related: 'orders_by_order_id.contact_by_contact_id', 'orders_by_order_id.fields': 'id', 'orders_by_order_id.contact_by_contact_id.fields': 'first_name' }).expect(200)).body as Row;
    expect(back).toEqual({ order_id: 3, line_no: 1, qty: 2, orders_by_order_id: { id: 3, contact_id: 2, contact_by_contact_id: { first_name: 'Ana' } } });
  });

  it('runs ONE statement for a read with related records, whatever the number of parents and levels', async () => {
    const query = { related: '*,orders_by_contact_id.order_line_by_order_id.shipment_by_order_id_line_no', include_count: 'true' };
    const page = await statements(() => get('/contact', query).expect(200));
    expect(page.count).toBe(1);
    expect((page.result.body as Body).resource).toHaveLength(3);
    const byId = await statements(() => get('/contact/1', query).expect(200));
    expect(byId.count).toBe(1);
    const byIds = await statements(() => get('/contact', { ...query, ids: '1,2,3' }).expect(200));
    expect(byIds.count).toBe(1);
  });

  it('answers 400 for unknown relationships (naming them), related with group and bad options', async () => {
    const unknown = (await get('/contact', { related: 'orders_by_contact_id,nope' }).expect(400)).body as Body;
    expect(unknown.error).toMatchObject({ reason: 'RELATION_UNKNOWN', message: 'Invalid relationship requested: nope' });
    const nested = (await get('/contact', { related: 'orders_by_contact_id.nope' }).expect(400)).body as Body;
    expect(nested.error).toMatchObject({ reason: 'RELATION_UNKNOWN', message: 'Invalid relationship requested: orders_by_contact_id.nope' });
    const viaOption = (await get('/contact', { related: 'orders_by_contact_id', 'orders_by_contact_id.related': 'contact_info_by_contact_id' }).expect(400)).body as Body;
    expect(viaOption.error!.reason).toBe('RELATION_UNKNOWN');
    expect(((await get('/orders', { group: 'status', fields: 'status', related: 'contact_by_contact_id' }).expect(400)).body as Body).error!.reason).toBe('REQUEST_INVALID');
    expect(((await get('/contact', { related: 'orders_by_contact_id', 'orders_by_contact_id.fields': 'nope' }).expect(400)).body as Body).error!.reason).toBe('FIELD_UNKNOWN');
    expect(((await get('/contact', { related: 'orders_by_contact_id', 'orders_by_contact_id.limit': 'x' }).expect(400)).body as Body).error!.reason).toBe('REQUEST_INVALID');
    expect(((await get('/contact', { related: 'orders_by_contact_id', 'orders_by_contact_id.order': 'id sideways' }).expect(400)).body as Body).error!.reason).toBe('REQUEST_INVALID');
  });

  it('embeds related records in tables with binary columns (the rows path on SQLite)', async () => {
    const query = { related: 'contact_by_contact_id', 'contact_by_contact_id.fields': 'first_name', fields: 'photo' };
    expect((await get('/profile', query).expect(200)).body).toEqual({ resource: [{ photo: 'YWJj', contact_id: 1, contact_by_contact_id: { first_name: 'Jo' } }] });
    expect((await get('/profile/1', query).expect(200)).body).toEqual({ photo: 'YWJj', contact_id: 1, contact_by_contact_id: { first_name: 'Jo' } });
    expect((await get('/profile/1', { fields: 'photo', related: '*' }).expect(200)).body).toMatchObject({ contact_by_contact_id: { id: 1, first_name: 'Jo' } });
  });

  it('uses aliases, always_fetch and virtual relationships stored through the schema API', async () => {
    const other = await createDataService(t, auth, engine, relatedFixture(engine));
    try {
      const schema = `/api/v2/${other.name}/_schema`;
      const table = `/api/v2/${other.name}/_table`;
      await t.http.patch(`${schema}/contact/_related/orders_by_contact_id`).set(auth).send({ alias: 'orders', always_fetch: true }).expect(200);
      await t.http.post(`${schema}/contact_info/_related`).set(auth).send({ resource: [{ is_virtual: true, type: 'belongs_to', field: 'contact_id', ref_table: 'profile', ref_field: 'contact_id' }] }).expect(200);
      const always = (await t.http.get(`${table}/contact/2`).query({ fields: 'id', 'orders.fields': 'id' }).set(auth).expect(200)).body as Row;
      expect(always).toEqual({ id: 2, orders: [{ id: 3 }] });
      const aliased = (await t.http.get(`${table}/contact/2`).query({ fields: 'id', related: 'orders_by_contact_id', 'orders_by_contact_id.fields': 'total' }).set(auth).expect(200)).body as Row;
      expect(aliased).toEqual({ id: 2, orders: [{ total: 5.25 }] });
      const grouped = (await t.http.get(`${table}/contact`).query({ group: 'active', fields: 'active', order: 'active' }).set(auth).expect(200)).body as Body;
      expect(grouped.resource[0]).not.toHaveProperty('orders');
      const virtual = (await t.http.get(`${table}/contact_info`).query({ fields: 'id', related: 'profile_by_contact_id', 'profile_by_contact_id.fields': 'bio', filter: 'id < 4' }).set(auth).expect(200)).body as Body;
      expect(virtual.resource).toEqual([
        { id: 1, contact_id: 1, profile_by_contact_id: { bio: 'Hi' } }, { id: 2, contact_id: 1, profile_by_contact_id: { bio: 'Hi' } }, { id: 3, contact_id: 2, profile_by_contact_id: null },
      ]);
    } finally {
      await other.drop();
    }
  });

  it('embeds a table in itself (self reference)', async () => {
    const body = (await get('/person', { fields: 'name', related: 'person_by_manager_id,person_by_manager_id_2', 'person_by_manager_id.fields': 'name', 'person_by_manager_id_2.fields': 'name' }).expect(200)).body as Body;
    expect(body.resource).toEqual([
      { name: 'Boss', manager_id: null, id: 1, person_by_manager_id: null, person_by_manager_id_2: [{ name: 'Ann' }, { name: 'Bob' }] },
      { name: 'Ann', manager_id: 1, id: 2, person_by_manager_id: { name: 'Boss' }, person_by_manager_id_2: [] },
      { name: 'Bob', manager_id: 1, id: 3, person_by_manager_id: { name: 'Boss' }, person_by_manager_id_2: [] },
    ]);
  });

  it('matches relationship names case-insensitively and keeps the API name as the output key', async () => {
    const body = (await get('/contact/2', { fields: 'id', related: 'Orders_By_Contact_Id', 'orders_by_contact_id.fields': 'id' }).expect(200)).body as Row;
    expect(body).toEqual({ id: 2, orders_by_contact_id: [{ id: 3 }] });
  });
});
