import { relatedFixture } from '../fixtures/related-schema';
import { closeTableApp, openTableApp, type DataServiceHandle } from '../helpers/data-service';
import type { TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

type Row = Record<string, unknown>;
type BatchError = { error: { code: number; reason: string; message: string; context: { error: number[]; resource: Row[] } } };

describeEachEngine('records API: nested writes', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let base: string;

  beforeAll(async () => {
    ({ t, auth, svc, base } = await openTableApp(engine, relatedFixture(engine)));
  });

  afterAll(() => closeTableApp(t, svc));

  const post = (path: string, body: unknown, query: Record<string, string> = {}) => t.http.post(`${base}${path}`).query(query).set(auth).send(body as object);
  const patch = (path: string, body: unknown, query: Record<string, string> = {}) => t.http.patch(`${base}${path}`).query(query).set(auth).send(body as object);
  const rows = async (sql: string) => (await svc.query(sql)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' || (typeof v === 'string' && /^\d+$/.test(v)) ? Number(v) : v])));
  const count = async (sql: string) => Number((await svc.query(sql))[0]!.n);
  const createdId = async (request: PromiseLike<{ status: number; body: unknown }>) => {
    const res = await request;
    expect(res.status).toBe(200);
    return ((res.body as { resource: { id: number }[] }).resource[0]!).id;
  };

  it('creates a record with has_many, has_one and many_many data, answering with fields and related', async () => {
    const res = await post('/contact', {
      resource: [{
        first_name: 'Ola', email: 'ola@example.com',
        contact_info_by_contact_id: [{ info_type: 'home', phone: '555-0199' }, { info_type: 'work', phone: '555-0198' }],
        profile_by_contact_id: { bio: 'New here' },
        contact_group_by_contact_group_relationship: [{ id: 2 }, { name: 'Partners' }],
      }],
    }, {
      fields: 'first_name', related: 'contact_info_by_contact_id,profile_by_contact_id,contact_group_by_contact_group_relationship',
      'contact_info_by_contact_id.fields': 'info_type,phone', 'profile_by_contact_id.fields': 'bio', 'contact_group_by_contact_group_relationship.fields': 'name',
    }).expect(200);
    const [created] = (res.body as { resource: Row[] }).resource;
    expect(created).toEqual({
      first_name: 'Ola', id: expect.any(Number),
      contact_info_by_contact_id: [{ info_type: 'home', phone: '555-0199' }, { info_type: 'work', phone: '555-0198' }],
      profile_by_contact_id: { bio: 'New here' },
      contact_group_by_contact_group_relationship: [{ name: 'Newsletter' }, { name: 'Partners' }],
    });
    const id = created!.id as number;
    expect(await count(`SELECT COUNT(*) AS n FROM contact_group_relationship WHERE contact_id = ${id}`)).toBe(2);
    // Linking again by key adds no second junction row.
    await patch(`/contact/${id}`, { contact_group_by_contact_group_relationship: [{ id: 2 }] }).expect(200);
    expect(await count(`SELECT COUNT(*) AS n FROM contact_group_relationship WHERE contact_id = ${id}`)).toBe(2);
  });

  it('writes belongs_to parents first: created without a key, updated with one; two levels of children', async () => {
    const created = await post('/orders', [{ total: 7.5, status: 'new', contact_by_contact_id: { first_name: 'Parent', email: 'parent@example.com' } }],
      { related: 'contact_by_contact_id', 'contact_by_contact_id.fields': 'first_name' }).expect(200);
    const [order] = (created.body as { resource: Row[] }).resource;
    expect(order).toEqual({ id: expect.any(Number), contact_id: expect.any(Number), contact_by_contact_id: { first_name: 'Parent' } });
    await post('/orders', [{ total: 1, status: 'new', contact_by_contact_id: { id: order!.contact_id, first_name: 'Renamed' } }]).expect(200);
    expect(await rows(`SELECT first_name FROM contact WHERE id = ${order!.contact_id as number}`)).toEqual([{ first_name: 'Renamed' }]);
    await post('/orders', [{ total: 2, status: 'new', contact_by_contact_id: { id: 500, first_name: 'Keyed', email: 'keyed@example.com' } }]).expect(200);
    expect(await rows('SELECT c.first_name, o.total FROM contact c JOIN orders o ON o.contact_id = c.id WHERE c.id = 500')).toEqual([{ first_name: 'Keyed', total: expect.anything() }]);

    const deep = await post('/contact', { resource: [{ first_name: 'Deep', email: 'deep@example.com', orders_by_contact_id: [
      { total: 3, status: 'open', order_line_by_order_id: [{ line_no: 1, qty: 4 }, { line_no: 2, qty: 6 }] },
    ] }] }, { fields: 'id', related: 'orders_by_contact_id.order_line_by_order_id', 'orders_by_contact_id.fields': 'total', 'orders_by_contact_id.order_line_by_order_id.fields': 'line_no,qty' }).expect(200);
    expect((deep.body as { resource: Row[] }).resource).toEqual([{ id: expect.any(Number), orders_by_contact_id: [{ total: 3, id: expect.any(Number), order_line_by_order_id: [{ line_no: 1, qty: 4 }, { line_no: 2, qty: 6 }] }] }]);
  });

  it('updates, links, creates and unlinks has_many children on PATCH', async () => {
    const id = await createdId(post('/contact', [{ first_name: 'Kim', email: 'kim@example.com', contact_info_by_contact_id: [{ info_type: 'a', phone: '1' }, { info_type: 'b', phone: '2' }] }]));
    const children = await rows(`SELECT id FROM contact_info WHERE contact_id = ${id} ORDER BY id`);
    const [first, second] = children.map((c) => c.id as number);
    const other = (await rows("SELECT id FROM contact_info WHERE phone = '555-0200'"))[0]!.id;
    const res = await patch(`/contact/${id}`, { first_name: 'Kimberly', contact_info_by_contact_id: [
      { id: first, phone: '1-updated' }, { id: second, contact_id: null }, { id: other }, { info_type: 'c', phone: '3' },
    ] }, { fields: 'first_name', related: 'contact_info_by_contact_id', 'contact_info_by_contact_id.fields': 'phone' }).expect(200);
    expect(res.body).toEqual({ first_name: 'Kimberly', id, contact_info_by_contact_id: [{ phone: '555-0200' }, { phone: '1-updated' }, { phone: '3' }] });
    expect(await rows(`SELECT contact_id FROM contact_info WHERE id = ${second!}`)).toEqual([{ contact_id: null }]);
  });

  it('refuses to unlink a NOT NULL foreign key unless allow_related_delete, which deletes the child', async () => {
    const id = await createdId(post('/contact', [{ first_name: 'Uma', email: 'uma@example.com', orders_by_contact_id: [{ total: 1, status: 'x' }], profile_by_contact_id: { bio: 'b' } }]));
    const orderId = (await rows(`SELECT id FROM orders WHERE contact_id = ${id}`))[0]!.id;
    const refused = await patch(`/contact/${id}`, { orders_by_contact_id: [{ id: orderId, contact_id: null }] }).expect(400);
    expect((refused.body as BatchError).error).toMatchObject({ reason: 'VALUE_INVALID', message: "Field 'contact_id' can not be NULL." });
    expect(await count(`SELECT COUNT(*) AS n FROM orders WHERE id = ${orderId as number}`)).toBe(1);
    await patch(`/contact/${id}`, { orders_by_contact_id: [{ id: orderId, contact_id: null }], profile_by_contact_id: null }, { allow_related_delete: 'true' }).expect(200);
    expect(await count(`SELECT COUNT(*) AS n FROM orders WHERE id = ${orderId as number}`)).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM profile WHERE contact_id = ${id}`)).toBe(0);
  });

  it('updates a has_one child and composite-key children whose key includes the foreign key', async () => {
    await patch('/contact/1', { profile_by_contact_id: { bio: 'Updated' } }).expect(200);
    expect(await rows('SELECT bio FROM profile WHERE contact_id = 1')).toEqual([{ bio: 'Updated' }]);
    const res = await patch('/orders/1', { order_line_by_order_id: [{ line_no: 1, qty: 50 }, { line_no: 9, qty: 1 }] },
      { fields: 'id', related: 'order_line_by_order_id', 'order_line_by_order_id.fields': 'line_no,qty' }).expect(200);
    expect(res.body).toEqual({ id: 1, order_line_by_order_id: [{ line_no: 1, qty: 50 }, { line_no: 2, qty: 7 }, { line_no: 9, qty: 1 }] });
  });

  it('reads related records of deleted rows before deleting them', async () => {
    const id = await createdId(post('/orders', [{ contact_id: 2, total: 4, status: 'x' }]));
    const res = await t.http.delete(`${base}/orders/${id}`).query({ fields: 'id', related: 'contact_by_contact_id', 'contact_by_contact_id.fields': 'first_name' }).set(auth).expect(200);
    expect(res.body).toEqual({ id, contact_id: 2, contact_by_contact_id: { first_name: 'Ana' } });
    expect(await count(`SELECT COUNT(*) AS n FROM orders WHERE id = ${id}`)).toBe(0);
  });

  it('leaves nothing of a record whose nested write fails, in every batch mode', async () => {
    const before = await count('SELECT COUNT(*) AS n FROM contact');
    const failing = { first_name: 'Bad', email: 'bad@example.com', orders_by_contact_id: [{ total: 'abc', status: 'x' }] };
    const single = await post('/contact', [failing]).expect(400);
    expect((single.body as BatchError).error).toMatchObject({ code: 1000, context: { error: [0], resource: [{ reason: 'VALUE_INVALID', message: "Field 'total' must be a valid number." }] } });
    const batch = await post('/contact', [{ first_name: 'Good', email: 'good@example.com' }, failing]).expect(400);
    expect((batch.body as BatchError).error.context.error).toEqual([1]);
    expect(await count('SELECT COUNT(*) AS n FROM contact')).toBe(before + 1);
    await post('/contact', [{ first_name: 'Good2', email: 'good2@example.com', contact_info_by_contact_id: [{ phone: 'p' }] }, failing], { rollback: 'true' }).expect(400);
    expect(await count('SELECT COUNT(*) AS n FROM contact')).toBe(before + 1);
    expect(await count("SELECT COUNT(*) AS n FROM contact_info WHERE phone = 'p'")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM contact WHERE email = 'bad@example.com'")).toBe(0);

    const dupGroup = await patch('/contact/1', { first_name: 'Changed', contact_group_by_contact_group_relationship: [{ name: 'Customers' }] }).expect(409);
    expect((dupGroup.body as BatchError).error.reason).toBe('CONFLICT');
    expect(await rows('SELECT first_name FROM contact WHERE id = 1')).toEqual([{ first_name: 'Jo' }]);
  });

  it('answers VALUE_INVALID for malformed related data and parents without a generated key', async () => {
    const shape = await post('/contact', [{ first_name: 'S', orders_by_contact_id: { total: 1 } }]).expect(400);
    expect((shape.body as BatchError).error.context.resource[0]).toMatchObject({ reason: 'VALUE_INVALID', message: "Related data for 'orders_by_contact_id' must be an array of records." });
    const keyless = await post('/shipment', [{ carrier: 'X', order_line_by_order_id_line_no: { qty: 1 } }]).expect(400);
    expect((keyless.body as BatchError).error.context.resource[0]).toMatchObject({ reason: 'VALUE_INVALID', message: "Related record has no primary key value for 'order_id'." });
    const missing = await patch('/contact/1', { contact_group_by_contact_group_relationship: [{ id: 999 }] }).expect(404);
    expect((missing.body as BatchError).error.reason).toBe('RECORD_NOT_FOUND');
  });
});
