import { recordsFixture } from '../fixtures/records-schema';
import { closeTableApp, openTableApp, type DataServiceHandle } from '../helpers/data-service';
import type { TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

type Body = { resource: Record<string, unknown>[]; meta?: Record<string, unknown>; error?: { reason: string; message: string; context: unknown } };

describeEachEngine('records API: reads', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let base: string;

  beforeAll(async () => {
    ({ t, auth, svc, base } = await openTableApp(engine, recordsFixture(engine), { max_records: 3 }));
  });

  afterAll(() => closeTableApp(t, svc));

  const get = (path: string, query: Record<string, string> = {}) => t.http.get(`${base}${path}`).query(query).set(auth);

  it('lists tables and views by name', async () => {
    expect((await get('').expect(200)).body).toEqual({ resource: ['adult', 'contact', 'event_log', 'order_line', 'orders'].map((name) => ({ name })) });
    expect((await get('', { as_list: 'true' }).expect(200)).body).toEqual({ resource: ['adult', 'contact', 'event_log', 'order_line', 'orders'] });
  });

  it('types every value as the contract says', async () => {
    const body = (await get('/contact', { order: 'id', limit: '3' }).expect(200)).body as Body;
    expect(body.resource[0]).toEqual({ id: 1, first_name: 'Jo', last_name: 'Doe', email: 'jo@example.com', age: 44, active: true, owner_id: 2, score: 12.5, created_at: '2026-11-02 10:15:00' });
    expect(body.resource[2]).toMatchObject({ last_name: null, active: null, score: null, created_at: null });
    const raw = (await get('/contact/1', { fields: 'score' }).expect(200)).text;
    expect(raw).toBe('{"score":12.50}');
    const fraction = (await get('/contact/4', { fields: 'created_at' }).expect(200)).body as Record<string, unknown>;
    expect(fraction.created_at).toBe('2026-11-04 12:00:00.5');
  });

  it('filters, orders, pages and counts', async () => {
    const page = (await get('/contact', { filter: "(age > 20) AND (last_name = 'Doe')", fields: 'id,first_name', order: 'age desc', include_count: 'true', limit: '1' }).expect(200)).body as Body;
    expect(page).toEqual({ resource: [{ id: 1, first_name: 'Jo' }], meta: { count: 2, next: 1 } });
    expect((await get('/contact', { filter: 'age > 20', count_only: 'true' }).expect(200)).text).toBe('3');
    expect((await get('/contact', { filter: 'owner_id = 3', as_list: 'true' }).expect(200)).body).toEqual({ resource: [3, 4] });
    const offset = (await get('/contact', { fields: 'id', limit: '2', offset: '2' }).expect(200)).body as Body;
    expect(offset).toEqual({ resource: [{ id: 3 }, { id: 4 }] });
  });

  it('clamps to max_records and says where the next page starts', async () => {
    expect((await get('/contact', { fields: 'id' }).expect(200)).body).toEqual({ resource: [{ id: 1 }, { id: 2 }, { id: 3 }], meta: { count: 4, next: 3 } });
    expect((await get('/contact', { fields: 'id', limit: '3' }).expect(200)).body).toEqual({ resource: [{ id: 1 }, { id: 2 }, { id: 3 }] });
  });

  it('reads by ids in request order and reports missing ids as a batch error', async () => {
    expect((await get('/contact', { ids: '3,1', fields: 'id' }).expect(200)).body).toEqual({ resource: [{ id: 3 }, { id: 1 }] });
    const missing = (await get('/contact', { ids: '3,99,1', fields: 'id' }).expect(400)).body as { error: { code: number; reason: string; context: { error: number[]; resource: unknown[] } } };
    expect(missing.error).toMatchObject({ code: 1000, reason: 'BATCH_FAILED', context: { error: [1], resource: [{ id: 3 }, { reason: 'RECORD_NOT_FOUND' }] } });
    const all = (await get('/contact', { ids: '3,99,1', fields: 'id', continue: 'true' }).expect(400)).body as { error: { context: { resource: unknown[] } } };
    expect(all.error.context.resource).toEqual([{ id: 3 }, expect.objectContaining({ reason: 'RECORD_NOT_FOUND' }), { id: 1 }]);
  });

  it('reads one record, 404 when missing, and a composite key by its values', async () => {
    expect((await get('/contact/2', { fields: 'first_name' }).expect(200)).body).toEqual({ first_name: 'Ana' });
    const missing = (await get('/contact/99').expect(404)).body as Body;
    expect(missing.error).toMatchObject({ reason: 'RECORD_NOT_FOUND', message: "Record with identifier '99' not found." });
    expect((await get('/order_line/1,2').expect(200)).body).toEqual({ order_id: 1, line_no: 2, qty: 7 });
    await get('/order_line/1').expect(400);
    expect(((await get('/contact/abc').expect(400)).body as Body).error!.reason).toBe('VALUE_INVALID');
  });

  it('reads views and keyless tables, refusing id reads on the latter', async () => {
    expect((await get('/adult', { order: 'id', fields: 'first_name' }).expect(200)).body).toEqual({ resource: [{ first_name: 'Jo' }, { first_name: 'Ana' }, { first_name: 'Max' }] });
    expect((await get('/event_log').expect(200)).body).toEqual({ resource: [{ message: 'boot', level: 1 }, { message: 'ready', level: 2 }] });
    expect(((await get('/event_log/1').expect(400)).body as Body).error!.reason).toBe('KEY_UNDETERMINED');
    expect((await get('/event_log/ready', { id_field: 'message' }).expect(200)).body).toEqual({ message: 'ready', level: 2 });
  });

  it('groups with aggregates and having', async () => {
    const grouped = (await get('/orders', { group: 'status', fields: 'status,COUNT(*),SUM(total)', having: 'SUM(total) > 10', order: 'status' }).expect(200)).body as Body;
    expect(grouped.resource).toEqual([{ status: 'open', COUNT_ALL: 2, SUM_total: 15.25 }, { status: 'paid', COUNT_ALL: 1, SUM_total: 20.5 }]);
    expect(((await get('/orders', { having: 'COUNT(*) > 1' }).expect(400)).body as Body).error!.reason).toBe('REQUEST_INVALID');
  });

  it('reads with a tunnelled GET and a body filter with params', async () => {
    const res = await t.http.post(`${base}/contact`).set(auth).set('X-HTTP-Method', 'GET').send({ filter: 'last_name = :ln', params: { ':ln': 'Doe' }, fields: 'id' }).expect(200);
    expect(res.body).toEqual({ resource: [{ id: 1 }, { id: 4 }] });
  });

  it('answers 404 for a missing service or table and 400 for bad parameters', async () => {
    expect(((await t.http.get('/api/v2/nosuch/_table/contact').set(auth).expect(404)).body as Body).error!.reason).toBe('SERVICE_NOT_FOUND');
    expect(((await get('/contcat').expect(404)).body as Body).error).toMatchObject({ reason: 'TABLE_NOT_FOUND', message: 'Table "contcat" does not exist in the database.' });
    expect(((await get('/contact', { limit: 'abc' }).expect(400)).body as Body).error!.reason).toBe('REQUEST_INVALID');
    expect(((await get('/contact', { filter: 'salary > 1' }).expect(400)).body as Body).error!.reason).toBe('FILTER_UNKNOWN_FIELD');
    expect(((await get('/contact', { filter: "age > 'abc'" }).expect(400)).body as Body).error!.message).toBe("Field 'age' must be a valid integer.");
    expect(((await get('/contact', { related: 'nope' }).expect(400)).body as Body).error!.reason).toBe('RELATION_UNKNOWN');
  });

  it('refuses hostile identifiers with 4xx and changes nothing', async () => {
    const hostile = ['contact"; DROP TABLE contact; --', 'contact`', "contact' OR '1'='1", 'contact/*x*/', 'pg_catalog.pg_tables', 'sqlite_master', 'information_schema.tables'];
    for (const name of hostile) {
      const res = await t.http.get(`${base}/${encodeURIComponent(name)}`).set(auth);
      expect([400, 404]).toContain(res.status);
    }
    const params: Record<string, string>[] = [
      { fields: 'id; DROP TABLE contact' }, { fields: 'id,(SELECT 1)' }, { order: 'id; DROP TABLE contact' }, { order: 'id DESC, (SELECT 1)' },
      { order: 'id ASC --' }, { group: 'status`' }, { group: 'status; DROP TABLE contact' }, { id_field: 'id"' }, { filter: "first_name = 'x' UNION SELECT 1" },
      { filter: 'id = 1; DROP TABLE contact' }, { fields: 'SLEEP(5)' }, { order: 'pg_sleep(5)' },
    ];
    for (const query of params) {
      const res = await get('/contact', query);
      expect(res.status).toBe(400);
    }
    const rows = await svc.query('SELECT COUNT(*) AS n FROM contact');
    expect(Number(rows[0]!.n)).toBe(4);
  });
});
