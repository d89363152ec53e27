import { Client } from 'pg';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { availableEngines, createTestDatabase, describeEachEngine, PG_HOST, PG_PORT, PG_USER, uniqueName, type TestDatabase } from '../helpers/test-databases';

const PG_FIXTURE = `
CREATE TABLE orders (id serial PRIMARY KEY, status varchar(16), total numeric(10,2));
INSERT INTO orders (status, total) VALUES ('open', 10.50), ('open', 5.25), ('paid', 99.00);
CREATE FUNCTION order_total(p_status varchar) RETURNS numeric LANGUAGE sql AS $$ SELECT sum(total) FROM orders WHERE status = p_status $$;
CREATE FUNCTION orders_by_status(p_status varchar) RETURNS SETOF orders LANGUAGE sql AS $$ SELECT * FROM orders WHERE status = p_status ORDER BY id $$;
CREATE PROCEDURE count_orders(IN p_status varchar, OUT p_count integer) LANGUAGE plpgsql AS $$ BEGIN SELECT count(*) INTO p_count FROM orders WHERE status = p_status; END $$;
`;

const MYSQL_FIXTURE = `
CREATE TABLE orders (id int AUTO_INCREMENT PRIMARY KEY, status varchar(16), total decimal(10,2));
INSERT INTO orders (status, total) VALUES ('open', 10.50), ('open', 5.25), ('paid', 99.00);
CREATE FUNCTION order_total(p_status varchar(16)) RETURNS decimal(10,2) READS SQL DATA RETURN (SELECT sum(total) FROM orders WHERE status = p_status);
CREATE PROCEDURE orders_by_status(IN p_status varchar(16), OUT p_count int) BEGIN SELECT id, status FROM orders WHERE status = p_status ORDER BY id; SELECT count(*) INTO p_count FROM orders WHERE status = p_status; END;
`;

describeEachEngine('routines over HTTP', (engine) => {
  let t: TestApp;
  let db: TestDatabase | undefined;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
    if (engine === 'sqlite') return;
    db = await createTestDatabase(engine, 'rt');
    await db.exec(engine === 'postgres' ? PG_FIXTURE : MYSQL_FIXTURE);
    const config = engine === 'postgres'
      ? { host: PG_HOST, port: PG_PORT, username: PG_USER, database: db.name }
      : { host: '127.0.0.1', port: 3306, username: 'root', database: db.name };
    await t.http.post('/api/v2/system/service').set(auth).send([{ name: 'rt', type: engine === 'postgres' ? 'pgsql' : 'mysql', config }]).expect(201);
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  if (engine === 'sqlite') {
    it('answers _proc and _func on SQLite with the contract 404', async () => {
      const res = await t.http.get('/api/v2/db/_proc').set(auth).expect(404);
      expect(res.body).toEqual({ error: { code: 404, context: null, message: "Resource '_proc' not found for service 'db'. SQLite databases have no stored procedures or functions.", status_code: 404, reason: 'ROUTINES_UNSUPPORTED' } });
      expect(((await t.http.post('/api/v2/db/_func/x').set(auth).expect(404)).body as { error: { reason: string } }).error.reason).toBe('ROUTINES_UNSUPPORTED');
      await t.http.get('/api/v2/db').set(auth).expect(200, { resource: [{ name: '_schema' }, { name: '_table' }] });
    });
    return;
  }

  it('lists the service resources and its routines', async () => {
    await t.http.get('/api/v2/rt?as_list=true').set(auth).expect(200, { resource: ['_schema', '_table', '_proc', '_func'] });
    const funcs = await t.http.get('/api/v2/rt/_func').set(auth).expect(200);
    expect(funcs.body).toEqual({ resource: [{ name: 'order_total' }] });
    const procs = await t.http.get('/api/v2/rt/_proc?as_list=true').set(auth).expect(200);
    expect((procs.body as { resource: string[] }).resource).toEqual(engine === 'postgres' ? ['count_orders', 'orders_by_status'] : ['orders_by_status']);
  });

  it('calls a scalar function with GET and query parameters', async () => {
    const res = await t.http.get('/api/v2/rt/_func/order_total?p_status=open').set(auth).expect(200);
    expect(res.text).toBe('15.75');
  });

  it('calls a procedure with POST params and returns OUT values', async () => {
    const name = engine === 'postgres' ? 'count_orders' : 'orders_by_status';
    const res = await t.http.post(`/api/v2/rt/_proc/${name}`).set(auth).send({ params: [{ name: 'p_status', value: 'open' }] }).expect(200);
    expect(res.body).toMatchObject({ p_count: 2 });
  });

  it('refuses unknown routines, wrong verbs and injection in the name', async () => {
    expect(((await t.http.get('/api/v2/rt/_func/nope').set(auth).expect(404)).body as { error: { reason: string } }).error.reason).toBe('ROUTINE_NOT_FOUND');
    await t.http.get(`/api/v2/rt/_func/${encodeURIComponent('order_total; DROP TABLE orders')}`).set(auth).expect(404);
    await t.http.put('/api/v2/rt/_proc/orders_by_status').set(auth).send({}).expect(400);
    const rows = await db!.query('SELECT count(*) AS n FROM orders');
    expect(Number(rows[0]!.n)).toBe(3);
  });
});

describe('a data service whose database goes away', () => {
  const run = availableEngines().includes('postgres') ? it : it.skip;

  run('answers 503 with Retry-After for that service only, then recovers without a restart', async () => {
    const t = await createTestApp();
    const auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
    const name = uniqueName('late');
    try {
      await t.http.post('/api/v2/system/service').set(auth).send([{ name: 'late', type: 'pgsql', config: { host: PG_HOST, port: PG_PORT, username: PG_USER, database: name } }]).expect(201);
      const down = await t.http.get('/api/v2/late').set(auth).expect(503);
      expect(down.headers['retry-after']).toBe('5');
      expect((down.body as { error: { reason: string; message: string } }).error).toMatchObject({ reason: 'DB_UNAVAILABLE', message: "Could not connect to the database of service 'late'." });
      await t.http.get('/api/v2/db').set(auth).expect(200);
      const admin = new Client({ host: PG_HOST, port: PG_PORT, user: PG_USER, database: 'postgres' });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      await t.http.get('/api/v2/late').set(auth).expect(200);
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    } finally {
      await t.close();
    }
  });
});
