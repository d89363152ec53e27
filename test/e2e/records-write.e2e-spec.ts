import { recordsFixture } from '../fixtures/records-schema';
import { closeTableApp, openTableApp, type DataServiceHandle } from '../helpers/data-service';
import type { TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

type ErrorBody = { error: { code: number; reason: string; message: string; context: { error: number[]; resource: Record<string, unknown>[] } } };

describeEachEngine('records API: writes and batches', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let base: string;

  beforeAll(async () => {
    ({ t, auth, svc, base } = await openTableApp(engine, recordsFixture(engine)));
  });

  afterAll(() => closeTableApp(t, svc));

  const count = async (where = '1 = 1') => Number((await svc.query(`SELECT COUNT(*) AS n FROM contact WHERE ${where}`))[0]!.n);
  const people = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ first_name: `${tag}${i}`, email: `${tag}${i}@batch.test`, age: 20 + i }));

  it('creates records, returning keys in request order, or the fields asked for', async () => {
    const res = await t.http.post(`${base}/contact`).set(auth).send({ resource: [{ first_name: 'Jane', email: 'jane@example.com', age: '31' }, { first_name: 'Ola', email: 'ola@example.com' }] }).expect(200);
    const ids = (res.body as { resource: { id: number }[] }).resource.map((r) => r.id);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBeGreaterThan(ids[0]!);
    const withFields = await t.http.post(`${base}/contact?fields=first_name,age`).set(auth).send([{ first_name: 'Kim', email: 'kim@example.com', age: 50 }]).expect(200);
    expect(withFields.body).toEqual({ resource: [{ first_name: 'Kim', age: 50 }] });
  });

  it('refuses bad values with a message naming the field, never a driver message', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ first_name: 'X', age: 'abc' }, "Field 'age' must be a valid integer."],
      [{ first_name: 'x'.repeat(65) }, "Field 'first_name' value is too long (max 64)."],
      [{ email: 'nofirst@example.com' }, "Required field 'first_name' can not be NULL."],
      [{ first_name: null }, "Field 'first_name' can not be NULL."],
      [{ first_name: 'X', age: { nested: 1 } }, "Field 'age' must be a scalar value."],
      [{ first_name: 'X', created_at: { expression: 'pg_sleep(5)' } }, "SQL expression 'pg_sleep(5)' is not permitted."],
    ];
    for (const [record, message] of cases) {
      const body = (await t.http.post(`${base}/contact`).set(auth).send([record]).expect(400)).body as ErrorBody;
      expect(body.error.context.resource[0]).toMatchObject({ reason: 'VALUE_INVALID', message });
    }
    const fk = (await t.http.post(`${base}/orders`).set(auth).send([{ contact_id: 9999, total: 1 }]).expect(400)).body as ErrorBody;
    expect(fk.error.context.resource[0]).toMatchObject({ code: 409, reason: 'CONFLICT' });
  });

  it('answers a unique violation on a single-record update with 409', async () => {
    const res = await t.http.patch(`${base}/contact/2`).set(auth).send({ email: 'jo@example.com' }).expect(409);
    expect((res.body as ErrorBody).error).toMatchObject({ reason: 'CONFLICT', message: "Duplicate value for unique field(s) 'email'." });
  });

  it.each([0, 2, 4])('default batch mode keeps records before a failure at index %i and stops there', async (bad) => {
    const tag = `d${bad}x`;
    const records: Record<string, unknown>[] = people(5, tag);
    records[bad] = { ...records[bad], email: 'jo@example.com' };
    const body = (await t.http.post(`${base}/contact`).set(auth).send(records).expect(400)).body as ErrorBody;
    expect(body.error.context.error).toEqual([bad]);
    expect(body.error.context.resource).toHaveLength(bad + 1);
    expect(await count(`first_name LIKE '${tag}%'`)).toBe(bad);
  });

  it.each([0, 3])('continue writes every good record and reports the bad one at %i', async (bad) => {
    const tag = `c${bad}x`;
    const records: Record<string, unknown>[] = people(5, tag);
    records[bad] = { ...records[bad], age: 'old' };
    const body = (await t.http.post(`${base}/contact?continue=true`).set(auth).send(records).expect(400)).body as ErrorBody;
    expect(body.error.context.error).toEqual([bad]);
    expect(body.error.context.resource).toHaveLength(5);
    expect(await count(`first_name LIKE '${tag}%'`)).toBe(4);
  });

  it.each([0, 2, 4])('rollback leaves nothing when index %i fails', async (bad) => {
    const tag = `r${bad}x`;
    const records: Record<string, unknown>[] = people(5, tag);
    records[bad] = { ...records[bad], email: 'jo@example.com' };
    const body = (await t.http.post(`${base}/contact?rollback=true`).set(auth).send(records).expect(400)).body as ErrorBody;
    expect(body.error.message).toBe('Batch Error: Not all requested records could be created. All changes rolled back.');
    expect(body.error.context.error).toEqual([bad]);
    expect(await count(`first_name LIKE '${tag}%'`)).toBe(0);
  });

  it('refuses rollback with continue, and batches over the size limit before writing', async () => {
    await t.http.post(`${base}/contact?rollback=true&continue=true`).set(auth).send(people(1, 'rc')).expect(400);
    const res = await t.http.post(`${base}/contact`).set(auth).send(people(1001, 'big')).expect(413);
    expect((res.body as ErrorBody).error.reason).toBe('REQUEST_TOO_LARGE');
    expect(await count("first_name LIKE 'big%'")).toBe(0);
  });

  it('updates by id, ids, records and filter (PUT ≡ PATCH)', async () => {
    await t.http.put(`${base}/contact/3`).set(auth).send({ age: 18 }).expect(200, { id: 3 });
    await t.http.patch(`${base}/contact?ids=1,2&fields=id,active`).set(auth).send({ resource: [{ active: false }] }).expect(200, { resource: [{ id: 1, active: false }, { id: 2, active: false }] });
    await t.http.patch(`${base}/contact`).set(auth).send([{ id: 1, age: 45 }, { id: 2, age: 62 }]).expect(200, { resource: [{ id: 1 }, { id: 2 }] });
    const byFilter = await t.http.patch(`${base}/contact?filter=owner_id%3D3&fields=id,owner_id`).set(auth).send({ resource: [{ owner_id: 7 }] }).expect(200);
    expect(byFilter.body).toEqual({ resource: [{ id: 3, owner_id: 7 }, { id: 4, owner_id: 7 }] });
    expect((await svc.query('SELECT age FROM contact WHERE id = 3'))[0]!.age).toBe(18);
    await t.http.patch(`${base}/contact/999`).set(auth).send({ age: 1 }).expect(404);
    const unchanged = await t.http.patch(`${base}/contact/1`).set(auth).send({ age: 45 }).expect(200);
    expect(unchanged.body).toEqual({ id: 1 });
  });

  it('rolls back a failing update batch', async () => {
    const res = await t.http.put(`${base}/contact?rollback=true`).set(auth).send({ resource: [{ id: 1, age: 33 }, { id: 2, age: 'old' }] }).expect(400);
    expect((res.body as ErrorBody).error.context.resource[1]).toMatchObject({ message: "Field 'age' must be a valid integer." });
    expect(Number((await svc.query('SELECT age FROM contact WHERE id = 1'))[0]!.age)).toBe(45);
  });

  it('deletes by id, ids, records and filter; refuses a delete without selector', async () => {
    const created = await t.http.post(`${base}/contact`).set(auth).send(people(5, 'del')).expect(200);
    const ids = (created.body as { resource: { id: number }[] }).resource.map((r) => r.id);
    await t.http.delete(`${base}/contact/${ids[0]}?fields=first_name`).set(auth).expect(200, { first_name: 'del0' });
    await t.http.delete(`${base}/contact/${ids[0]}`).set(auth).expect(404);
    await t.http.delete(`${base}/contact?ids=${ids[1]}`).set(auth).expect(200, { resource: [{ id: ids[1] }] });
    await t.http.post(`${base}/contact`).set(auth).set('X-HTTP-Method', 'DELETE').send({ resource: [{ id: ids[2] }] }).expect(200, { resource: [{ id: ids[2] }] });
    const byFilter = await t.http.delete(`${base}/contact?filter=${encodeURIComponent("first_name LIKE 'del%'")}&fields=first_name`).set(auth).expect(200);
    expect(byFilter.body).toEqual({ resource: [{ first_name: 'del3' }, { first_name: 'del4' }] });
    expect(await count("first_name LIKE 'del%'")).toBe(0);
    expect(((await t.http.delete(`${base}/contact`).set(auth).expect(400)).body as ErrorBody).error.reason).toBe('REQUEST_INVALID');
  });

  it('refuses id-based writes on a keyless table and POST by id', async () => {
    expect(((await t.http.patch(`${base}/event_log/1`).set(auth).send({ level: 3 }).expect(400)).body as ErrorBody).error.reason).toBe('KEY_UNDETERMINED');
    await t.http.post(`${base}/event_log`).set(auth).send([{ message: 'more', level: 3 }]).expect(200);
    expect(((await t.http.post(`${base}/contact/1`).set(auth).send({}).expect(400)).body as ErrorBody).error.reason).toBe('REQUEST_VERB_UNSUPPORTED');
  });

  it('refuses bodies of the wrong shape', async () => {
    expect(((await t.http.post(`${base}/contact`).set(auth).send({ first_name: 'x' }).expect(400)).body as ErrorBody).error.reason).toBe('REQUEST_NO_RECORDS');
    expect(((await t.http.post(`${base}/contact`).set(auth).send({ resource: [] }).expect(400)).body as ErrorBody).error.reason).toBe('REQUEST_NO_RECORDS');
    expect(((await t.http.post(`${base}/contact`).set(auth).send({ resource: [1, 2] }).expect(400)).body as ErrorBody).error.reason).toBe('REQUEST_INVALID');
    await t.http.patch(`${base}/contact/1`).set(auth).send({ resource: [{ age: 1 }] }).expect(400);
  });
});
