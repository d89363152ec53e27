import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

describeEachEngine('system/service and the system-resource conventions', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ systemEngine: engine });
    auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
  });

  afterAll(async () => {
    await t?.close();
  });

  const create = (records: unknown, query = '') => t.http.post(`/api/v2/system/service${query}`).set(auth).send(records as object);

  it('creates a service (201), masks its password and keeps it when the mask is sent back', async () => {
    const created = await create({ resource: [{ name: 'Sales', label: '<b>Sales</b> DB', type: 'pgsql', config: { host: 'db.example', database: 'sales', username: 'api', password: 's3cret', max_records: 500 } }] }).expect(201);
    const id = (created.body as { resource: { id: number }[] }).resource[0]!.id;
    const read = await t.http.get(`/api/v2/system/service/${id}`).set(auth).expect(200);
    expect(read.body).toMatchObject({
      id, name: 'sales', label: 'Sales DB', type: 'pgsql', is_active: true, mutable: true, deletable: true,
      config: { host: 'db.example', port: 5432, database: 'sales', username: 'api', password: '**********', schema: 'public', ssl: false, max_records: 500, allow_upsert: false },
      created_by_id: 1,
    });
    expect(JSON.stringify(read.body)).not.toContain('s3cret');
    expect((read.body as { created_date: string }).created_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    await t.http.patch(`/api/v2/system/service/${id}`).set(auth).send({ config: { password: '**********', max_records: 200 } }).expect(200, { id });
    const stored = await t.systemDbQuery(`SELECT config FROM service WHERE id = ${id}`);
    const config = JSON.parse(String(stored[0]!.config)) as { password: string; max_records: number };
    expect(config.max_records).toBe(200);
    expect(config.password).toMatch(/^enc:v1:/);
  });

  it('names the bad config field in a 400', async () => {
    const res = await create([{ name: 'broken', type: 'mysql', config: { database: 'x', port: 'abc' } }]).expect(400);
    const inner = (res.body as { error: { context: { resource: { reason: string; context: Record<string, string[]> }[] } } }).error.context.resource[0]!;
    expect(inner.reason).toBe('VALUE_INVALID');
    expect(Object.keys(inner.context).sort()).toEqual(['config.host', 'config.port']);
  });

  it('refuses SQLite paths outside the storage directory and unknown types', async () => {
    for (const database of ['../x.sqlite', '/etc/passwd', 'sub/../../x.sqlite', ...(engine === 'sqlite' ? ['system.sqlite'] : [])]) {
      const res = await create([{ name: 'escape', type: 'sqlite', config: { database } }]).expect(400);
      expect(JSON.stringify(res.body)).toContain('config.database');
    }
    const res = await create([{ name: 'odd', type: 'oracle', config: {} }]).expect(400);
    expect(JSON.stringify(res.body)).toContain("Unsupported service type 'oracle'.");
  });

  it('answers a taken name with CONFLICT inside the batch error', async () => {
    await create([{ name: 'dup', type: 'sqlite', config: { database: 'dup.sqlite' } }]).expect(201);
    const res = await create([{ name: 'DUP', type: 'sqlite', config: { database: 'dup2.sqlite' } }]).expect(400);
    expect((res.body as { error: { code: number; context: { resource: { reason: string }[] } } }).error).toMatchObject({ code: 1000, context: { resource: [{ reason: 'CONFLICT' }] } });
  });

  it('lists with filter, fields, order, limit, include_count, ids and count_only', async () => {
    const list = await t.http.get('/api/v2/system/service').query({ filter: "type = 'sqlite'", fields: 'id,name', order: 'name desc', include_count: 'true' }).set(auth).expect(200);
    const body = list.body as { resource: { id: number; name: string }[]; meta: { count: number } };
    expect(body.resource.map((s) => s.name)).toEqual(['dup', 'db']);
    expect(Object.keys(body.resource[0]!)).toEqual(['id', 'name']);
    expect(body.meta.count).toBe(2);
    const paged = await t.http.get('/api/v2/system/service').query({ limit: '2', offset: '1', fields: 'id' }).set(auth).expect(200);
    expect((paged.body as { resource: { id: number }[] }).resource.map((s) => s.id)).toEqual([2, 3]);
    expect(paged.body).not.toHaveProperty('meta');
    await t.http.get('/api/v2/system/service').query({ count_only: 'true', filter: 'deletable = false' }).set(auth).expect(200, '3');
    const byIds = await t.http.get('/api/v2/system/service').query({ ids: '4,1', fields: 'name' }).set(auth).expect(200);
    expect(byIds.body).toEqual({ resource: [{ name: 'db' }, { name: 'system' }] });
    const missing = await t.http.get('/api/v2/system/service').query({ ids: '1,999' }).set(auth).expect(400);
    expect((missing.body as { error: { context: { error: number[] } } }).error.context.error).toEqual([1]);
  });

  it('refuses filters on secret fields and unknown fields', async () => {
    const res = await t.http.get('/api/v2/system/service').query({ filter: "config LIKE '%pass%'" }).set(auth).expect(400);
    expect((res.body as { error: { reason: string } }).error.reason).toBe('FILTER_UNKNOWN_FIELD');
    expect(((await t.http.get('/api/v2/system/service').query({ fields: 'nope' }).set(auth).expect(400)).body as { error: { reason: string } }).error.reason).toBe('FIELD_UNKNOWN');
  });

  it('updates several records and rolls a failing batch back', async () => {
    const created = await create([{ name: 'a1', type: 'sqlite', config: { database: 'a1.sqlite' } }, { name: 'a2', type: 'sqlite', config: { database: 'a2.sqlite' } }]).expect(201);
    const [a1, a2] = (created.body as { resource: { id: number }[] }).resource.map((r) => r.id);
    await t.http.patch('/api/v2/system/service').set(auth).send({ resource: [{ id: a1, label: 'One' }, { id: a2, label: 'Two' }] }).expect(200, { resource: [{ id: a1 }, { id: a2 }] });
    const failed = await t.http.put('/api/v2/system/service?rollback=true').set(auth).send([{ id: a1, label: 'Changed' }, { id: a2, type: 'mysql' }]).expect(400);
    expect((failed.body as { error: { message: string } }).error.message).toBe('Batch Error: Not all requested records could be updated. All changes rolled back.');
    const after = await t.http.get('/api/v2/system/service').query({ ids: `${a1},${a2}`, fields: 'label' }).set(auth).expect(200);
    expect(after.body).toEqual({ resource: [{ label: 'One' }, { label: 'Two' }] });
    await t.http.patch('/api/v2/system/service?filter=id%3D1').set(auth).send([{ label: 'x' }]).expect(400);
  });

  it('deletes by id and by ids, refuses built-ins and a delete without selector', async () => {
    const created = await create([{ name: 'd1', type: 'sqlite', config: { database: 'd1.sqlite' } }, { name: 'd2', type: 'sqlite', config: { database: 'd2.sqlite' } }]).expect(201);
    const [d1, d2] = (created.body as { resource: { id: number }[] }).resource.map((r) => r.id);
    await t.http.delete(`/api/v2/system/service/${d1}`).set(auth).expect(200, { id: d1 });
    await t.http.delete(`/api/v2/system/service/${d1}`).set(auth).expect(404);
    await t.http.delete(`/api/v2/system/service?ids=${d2}&fields=name`).set(auth).expect(200, { resource: [{ name: 'd2' }] });
    expect(((await t.http.delete('/api/v2/system/service/2').set(auth).expect(403)).body as { error: { reason: string } }).error.reason).toBe('ACCESS_NOT_ALLOWED');
    await t.http.delete('/api/v2/system/service').set(auth).expect(400);
  });

  it('lists the access rows that name a service as a related resource', async () => {
    const role = await t.http.post('/api/v2/system/role').set(auth).send({ resource: [{ name: 'svc-reader', role_service_access_by_role_id: [{ service_id: 4, component: '_table/*', verb_mask: 1, requestor_mask: 1 }] }] }).expect(201);
    const roleId = (role.body as { resource: { id: number }[] }).resource[0]!.id;
    const res = await t.http.get('/api/v2/system/service/4?fields=name&related=role_service_access_by_service_id').set(auth).expect(200);
    expect(res.body).toMatchObject({ name: 'db', role_service_access_by_service_id: [{ role_id: roleId, service_id: 4, component: '_table/*', verb_mask: 1 }] });
    await t.http.patch('/api/v2/system/service/4').set(auth).send({ role_service_access_by_service_id: [{ component: '*' }] }).expect(200);
    const after = await t.http.get('/api/v2/system/service/4?related=role_service_access_by_service_id').set(auth).expect(200);
    expect((after.body as { role_service_access_by_service_id: unknown[] }).role_service_access_by_service_id).toHaveLength(1);
  });

  it('refuses callers without credentials and bodies of the wrong kind', async () => {
    await t.http.get('/api/v2/system/service').expect(401);
    const bare = await create({ name: 'x', type: 'sqlite' }).expect(400);
    expect((bare.body as { error: { reason: string } }).error.reason).toBe('REQUEST_NO_RECORDS');
    await t.http.post('/api/v2/system/service/4').set(auth).send({}).expect(400);
    await t.http.get('/api/v2/system/service/abc').set(auth).expect(400);
  });
});
