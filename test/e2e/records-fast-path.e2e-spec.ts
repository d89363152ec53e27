import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import request from 'supertest';
import { giveBackChunks, JsonBytes, takeChunk } from '../../src/common/values/json-text';
import { RecordsFastPath } from '../../src/database/table/records-fast-path';
import { bearer, createApp, createRecords, login } from '../helpers/accounts';
import { recordsFixture } from '../fixtures/records-schema';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/test-databases';

type Answer = { status: number; type: string | undefined; body: unknown; text: string; headers: Record<string, unknown> };

/**
 * The fast path for plain JSON reads (RecordsFastPath) against the full Express/Nest pipeline of the
 * same application: every request gets the same status, headers and body from both, whether the fast
 * path answers it or hands it on.
 */
describeEachEngine('records fast path', (engine) => {
  let t: TestApp;
  let svc: DataServiceHandle;
  let full: Server;
  let fast: RecordsFastPath;
  let base: string;
  const callers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const admin = bearer(await adminToken(t));
    svc = await createDataService(t, admin, engine, recordsFixture(engine));
    base = `/api/v2/${svc.name}/_table`;
    const serviceId = ((await t.http.get(`/api/v2/system/service?filter=name="${svc.name}"`).set(admin).expect(200)).body as { resource: { id: number }[] }).resource[0]!.id;
    const mine = [{ name: 'owner_id', operator: '=', value: '{user.id}' }];
    const access = (component: string, filters: object[] = []) => ({ service_id: serviceId, component, verb_mask: 1, filters });
    const reader = (await createRecords(t, admin, 'role', [{ name: 'reader', role_service_access_by_role_id: [access('_table/contact'), access('_table/contact/*')] }]))[0]!;
    const owner = (await createRecords(t, admin, 'role', [{ name: 'owner', role_service_access_by_role_id: [access('_table/contact', mine), access('_table/contact/*', mine), access('_table/orders/*')] }]))[0]!;
    const readerApp = await createApp(t, admin, { name: 'reader-app', role_id: reader });
    const ownerApp = await createApp(t, admin, { name: 'owner-app', role_id: owner });
    await createRecords(t, admin, 'user', [{ email: 'alice@example.com', password: 'alice-pass-1' }]);
    const alice = await login(t, 'alice@example.com', 'alice-pass-1', { apiKey: ownerApp.apiKey });
    callers.admin = admin;
    callers.guest = { 'X-DreamFactory-API-Key': readerApp.apiKey };
    callers.alice = { ...bearer(alice.session_token), 'X-DreamFactory-API-Key': ownerApp.apiKey };
    callers.nobody = {};
    callers.badKey = { 'X-DreamFactory-API-Key': 'no-such-key' };
    await createRecords(t, admin, 'cors', [{ path: `api/v2/${svc.name}/*`, origin: 'https://app.example.com', header: 'Content-Type', exposed_header: 'X-Request-Id', method: 3 }]);
    full = createServer(t.app.getHttpAdapter().getInstance());
    fast = t.app.get(RecordsFastPath);
  });

  afterAll(async () => {
    await t?.close();
    await svc?.drop();
  });

  const answer = async (server: Server | ReturnType<TestApp['app']['getHttpServer']>, path: string, headers: Record<string, string>): Promise<Answer> => {
    const res = await request(server).get(path).set(headers);
    const { date: _date, 'x-request-id': id, ...rest } = res.headers as Record<string, unknown>;
    expect(typeof id).toBe('string');
    return { status: res.status, type: res.headers['content-type'], body: res.body as unknown, text: res.text, headers: rest };
  };

  /** The answer of the full pipeline and of the fast path (asked twice, so a session token is in the verified cache). */
  const both = async (path: string, who: string, extra: Record<string, string> = {}) => {
    const headers = { ...callers[who]!, ...extra };
    const expected = await answer(full, path, headers);
    await answer(t.app.getHttpServer(), path, headers);
    const before = fast.answered;
    const actual = await answer(t.app.getHttpServer(), path, headers);
    return { expected, actual, fast: fast.answered > before };
  };

  const taken: [string, string][] = [
    ['/contact/2', 'admin'],
    ['/contact/99', 'admin'],
    ['/contact/2?fields=first_name,age', 'admin'],
    ['/contact/1?related=orders_by_contact_id', 'admin'],
    ['/contact/x', 'admin'],
    ['/contact?filter=(age>20) AND (last_name="Doe")&order=id DESC&limit=1&include_count=true', 'admin'],
    ['/contact?ids=3,1,42&continue=true', 'admin'],
    ['/contact?count_only=true', 'admin'],
    ['/contact?include_schema=true&limit=1&offset=1', 'admin'],
    ['/contact?group=last_name&fields=last_name', 'admin'],
    ['/contact?related=*&order=id', 'admin'],
    ['/contact?filter=(age>', 'admin'],
    ['/contact?fields=nope', 'admin'],
    ['/contact?order=id;DROP TABLE contact', 'admin'],
    ['/no_such_table', 'admin'],
    ['/adult', 'admin'],
    ['/event_log', 'admin'],
    ['/contact', 'guest'],
    ['/contact/2?fields=first_name', 'guest'],
    ['/orders', 'guest'],
    ['/contact', 'alice'],
    ['/contact/3', 'alice'],
    ['/orders/1', 'alice'],
    ['/contact', 'nobody'],
    ['/contact/1', 'badKey'],
  ];

  it.each(taken)('answers GET %s as %s like the full pipeline', async (path, who) => {
    const { expected, actual, fast: answered } = await both(`${base}${path}`, who);
    expect(actual).toEqual(expected);
    expect(answered).toBe(true);
  });

  it.each([
    ['/contact/2', 'https://app.example.com'],
    ['/contact?limit=1', 'https://other.example.com'],
    ['/nope', 'https://app.example.com'],
  ])('answers GET %s from origin %s with the CORS rule\'s headers like the full pipeline', async (path, origin) => {
    const { expected, actual, fast: answered } = await both(`${base}${path}`, 'admin', { Origin: origin });
    expect(actual).toEqual(expected);
    expect(answered).toBe(true);
    expect(actual.headers['access-control-allow-origin']).toBe(origin === 'https://app.example.com' ? origin : undefined);
  });

  it('answers on a service it does not know like the full pipeline', async () => {
    const { expected, actual } = await both('/api/v2/no_such_service/_table/contact', 'admin');
    expect(actual).toEqual(expected);
    expect(actual.status).toBe(404);
  });

  const handedOn: [string, string, Record<string, string>][] = [
    ['/contact?accept=application/xml', 'admin', {}],
    ['/contact?file=contacts.csv', 'admin', {}],
    ['/contact', 'admin', { Accept: 'text/csv' }],
    ['/contact?limit=1&limit=2', 'admin', {}],
    ['/contact?filter[x]=1', 'admin', {}],
    ['/contact?__proto__=1', 'admin', {}],
    ['/contact/%E0%A4%A', 'admin', {}],
    ['/contact/', 'admin', {}],
  ];

  it.each(handedOn)('hands GET %s (%s, %j) to the full pipeline', async (path, who, extra) => {
    const { expected, actual, fast: answered } = await both(`${base}${path}`, who, extra);
    expect(actual).toEqual(expected);
    expect(answered).toBe(false);
  });

  /**
   * A POST to the full pipeline and the same POST (with its own `{n}` values) to the fast path,
   * which is asked once first so a session token is in the verified cache.
   */
  let serial = 0;
  const post = async (server: Server | ReturnType<TestApp['app']['getHttpServer']>, path: string, who: string, body: string, extra: Record<string, string> = {}) => {
    const res = await request(server).post(path).set({ 'Content-Type': 'application/json', ...callers[who]!, ...extra }).send(body.replace(/\{n\}/g, () => String(++serial)));
    const { date: _date, 'x-request-id': id, 'content-length': _length, ...rest } = res.headers as Record<string, unknown>;
    expect(typeof id).toBe('string');
    // Keys and the unique values differ between the two writes; everything else must not.
    return { status: res.status, headers: rest, text: res.text.replace(/"id":\d+/g, '"id":N').replace(/"contact_id":\d+/g, '"contact_id":N').replace(/\[\d+\]/g, '[N]').replace(/\d+@/g, 'N@') };
  };
  const bothPost = async (path: string, who: string, body: string, extra: Record<string, string> = {}) => {
    const expected = await post(full, path, who, body, extra);
    await post(t.app.getHttpServer(), `${base}/no_such_table`, who, '[{}]', extra);
    const before = fast.answered;
    const actual = await post(t.app.getHttpServer(), path, who, body, extra);
    return { expected, actual, fast: fast.answered > before };
  };
  const contact = (extra = '') => `{"first_name":"P","email":"p{n}@example.com"${extra}}`;
  const orderCount = async () => Number((await svc.query('SELECT COUNT(*) AS n FROM orders'))[0]!.n);

  const creates: [string, string, string, string][] = [
    ['creates records from a wrapped body', '/contact', 'admin', `{"resource":[${contact()},${contact(',"age":"41"')}]}`],
    ['creates records from a bare array, reading fields back', '/contact?fields=first_name,age', 'admin', `[${contact(',"age":7')}]`],
    ['creates a parent with nested children', '/contact?related=orders_by_contact_id', 'admin', `[${contact(',"orders_by_contact_id":[{"total":"1.50","status":"new"}]')}]`],
    ['reports a bad value in a batch', '/contact', 'admin', `[${contact()},${contact(',"age":"old"')}]`],
    ['reports a unique violation', '/contact', 'admin', '[{"first_name":"Dup","email":"jo@example.com"}]'],
    ['keeps nothing of a failed rollback batch', '/contact?rollback=true', 'admin', `[${contact()},{"last_name":"no first name"}]`],
    ['writes the good records with continue', '/contact?continue=true', 'admin', `[${contact()},{"first_name":null},${contact()}]`],
    ['refuses invalid JSON', '/contact', 'admin', '[{"first_name":'],
    ['refuses prototype keys', '/contact', 'admin', '[{"__proto__":{"x":1},"first_name":"X"}]'],
    ['refuses a body without records', '/contact', 'admin', '{"first_name":"X"}'],
    ['answers an unknown table', '/nope', 'admin', `[${contact()}]`],
    ['tunnels a PATCH by filter through the body', '/contact?filter=id%3D4', 'admin', '{"_method":"PATCH","resource":[{"age":31}]}'],
    ['tunnels a GET by ids through the body', '/contact', 'admin', '{"_method":"get","resource":[{"id":2},{"id":1}]}'],
    ['refuses a tunnelled verb that is not allowed', '/contact', 'admin', '{"_method":"TRACE","resource":[]}'],
    ['asks a guest for a login', '/contact', 'guest', `[${contact()}]`],
    ['denies a role without POST', '/contact', 'alice', `[${contact()}]`],
    ['refuses an unknown API key', '/contact', 'badKey', `[${contact()}]`],
  ];

  it.each(creates)('%s like the full pipeline (POST %s as %s)', async (_title, path, who, body) => {
    const orders = await orderCount();
    const { expected, actual, fast: answered } = await bothPost(`${base}${path}`, who, body);
    expect(actual).toEqual(expected);
    expect(answered).toBe(true);
    if (expected.status >= 400) expect(await orderCount()).toBe(orders);
  });

  it('creates from a browser origin with the CORS rule\'s headers like the full pipeline', async () => {
    const { expected, actual, fast: answered } = await bothPost(`${base}/contact`, 'admin', `[${contact()}]`, { Origin: 'https://app.example.com' });
    expect(actual).toEqual(expected);
    expect(answered).toBe(true);
    expect(actual.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });

  it('writes the same rows through both paths', async () => {
    const before = Number((await svc.query('SELECT COUNT(*) AS n FROM contact'))[0]!.n);
    const { expected, actual } = await bothPost(`${base}/contact`, 'admin', `[${contact(',"age":"12","score":"3.5"')}]`);
    expect(actual).toEqual(expected);
    const rows = await svc.query('SELECT first_name, age, score FROM contact ORDER BY id DESC LIMIT 2');
    expect(rows.map((r) => [Number(r.age), Number(r.score)])).toEqual([[12, 3.5], [12, 3.5]]);
    expect(Number((await svc.query('SELECT COUNT(*) AS n FROM contact'))[0]!.n)).toBe(before + 2);
  });

  const postsHandedOn: [string, string, Record<string, string>][] = [
    ['/contact', '[{"first_name":"Csv"}]', { 'Content-Type': 'text/csv' }],
    ['/contact', '[{"first_name":"X"}]', { 'X-HTTP-Method': 'DELETE' }],
    ['/contact?_method=GET', '[{"id":1}]', {}],
    ['/contact', '[{"first_name":"X"}]', { 'Content-Type': 'application/json; charset=utf-16' }],
    ['/contact', '[{"first_name":"X"}]', { 'Content-Encoding': 'gzip' }],
    ['/contact/1', '[{"first_name":"X"}]', {}],
  ];

  it.each(postsHandedOn)('hands POST %s (%s, %j) to the full pipeline', async (path, body, extra) => {
    const { expected, actual, fast: answered } = await bothPost(`${base}${path}`, 'admin', body, extra);
    expect(actual).toEqual(expected);
    expect(answered).toBe(false);
    expect(expected.status).toBeLessThan(500);
  });

  it('sends concurrent pages of several chunks intact while their chunks are reused', async () => {
    const message = (i: number) => `${String(i).padStart(4, '0')} ${'é'.repeat(40)}${'m'.repeat(50)}`;
    const server = t.app.getHttpServer();
    const created = await request(server).post(`${base}/event_log`).set(callers.admin!).send({ resource: Array.from({ length: 900 }, (_, i) => ({ message: message(i), level: 9 })) });
    expect(created.status).toBeLessThan(300);
    try {
      const before = fast.answered;
      const pages = Array.from({ length: 24 }, (_, k) => ({ offset: k * 7, limit: 600 + k * 10 }));
      const answers = await Promise.all(pages.map(({ offset, limit }) =>
        request(server).get(`${base}/event_log?filter=level=9&order=message&offset=${offset}&limit=${limit}`).set(callers.admin!)));
      answers.forEach((res, k) => {
        const { offset, limit } = pages[k]!;
        expect(res.status).toBe(200);
        expect(Number(res.headers['content-length'])).toBeGreaterThan(64 * 1024);
        const records = (res.body as { resource: { message: string }[] }).resource;
        expect(records.map((r) => r.message)).toEqual(Array.from({ length: Math.min(limit, 900 - offset) }, (_, i) => message(offset + i)));
      });
      expect(fast.answered - before).toBe(pages.length);
    } finally {
      await request(server).delete(`${base}/event_log?filter=level=9`).set(callers.admin!).expect(200);
    }
  });

  it('gives a page\'s chunks back for reuse only once the socket has finished with them', () => {
    const chunk = takeChunk();
    const length = chunk.write('[{"id":1}]');
    const body = new JsonBytes([chunk.subarray(0, length)], [chunk]).wrap(Buffer.from('{"resource":'), '}');
    const written: Buffer[] = [];
    let finished: (() => void) | undefined;
    const res = {
      headersSent: false, destroyed: false, statusCode: 200,
      writeHead: () => res, cork: () => undefined,
      write: (piece: Buffer) => written.push(piece),
      end: (callback: () => void) => { finished = callback; },
    };
    (fast as unknown as { send: (...args: unknown[]) => void }).send({ method: 'GET', url: '/', headers: {} }, res, 'request-id', 200, body, Date.now());
    expect(Buffer.concat(written).toString()).toBe('{"resource":[{"id":1}]}');
    // Still being written: a new page must not get this chunk.
    const other = takeChunk();
    expect(other).not.toBe(chunk);
    finished!();
    expect(takeChunk()).toBe(chunk);
    giveBackChunks([chunk, other]);
  });

  it('hands on a session token it has not seen verified, which the guards then reject', async () => {
    const token = callers.admin!['X-DreamFactory-Session-Token']!;
    const forged = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const before = fast.answered;
    const res = await request(t.app.getHttpServer()).get(`${base}/contact`).set(bearer(forged));
    expect(res.status).toBe(401);
    expect(fast.answered).toBe(before);
  });

  it('stops answering for a session at once when it is logged out', async () => {
    const apiKey = callers.alice!['X-DreamFactory-API-Key']!;
    const session = { ...bearer((await login(t, 'alice@example.com', 'alice-pass-1', { apiKey })).session_token), 'X-DreamFactory-API-Key': apiKey };
    await answer(t.app.getHttpServer(), `${base}/contact/1`, session);
    const before = fast.answered;
    expect((await answer(t.app.getHttpServer(), `${base}/contact/1`, session)).status).toBe(200);
    expect(fast.answered).toBe(before + 1);
    await request(t.app.getHttpServer()).delete('/api/v2/user/session').set(session).expect(200);
    const after = await answer(t.app.getHttpServer(), `${base}/contact/1`, session);
    expect(after.status).toBe(403);
    expect(after.body).toMatchObject({ error: { reason: 'AUTH_TOKEN_REVOKED' } });
    expect(fast.answered).toBe(before + 1);
  });
});

describe('records fast path switched off', () => {
  it('sends every request through the full pipeline with FAST_RECORDS=false', async () => {
    const t = await createTestApp({ env: { FAST_RECORDS: 'false' } });
    try {
      const admin = bearer(await adminToken(t));
      await t.http.get('/api/v2/db/_table/nope').set(admin).expect(404);
      await t.http.get('/api/v2/db/_table/nope').set(admin).expect(404);
      expect(t.app.get(RecordsFastPath).answered).toBe(0);
    } finally {
      await t.close();
    }
  });
});

/** 1,000 notes of 12,000 characters (a 12 MB page, more than the kernel buffers of one connection). */
function bigNotes(engine: string): string {
  const body = { postgres: "repeat(lpad(g::text, 5, '0'), 2400)", mysql: "REPEAT(LPAD(g, 5, '0'), 2400)", sqlite: "replace(hex(zeroblob(2400)), '00', printf('%05d', g))" }[engine];
  const rows = engine === 'postgres' ? 'generate_series(1, 1000) g' : 's';
  const cte = engine === 'postgres' ? '' : 'WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 1000) ';
  return `CREATE TABLE note (id integer PRIMARY KEY, body text NOT NULL);\nINSERT INTO note (id, body) ${cte}SELECT g, ${body} FROM ${rows};`;
}

describeEachEngine('records fast path under backpressure', (engine) => {
  it('keeps a page intact while its client reads slowly and other pages are sent', async () => {
    const t = await createTestApp();
    const svc = await createDataService(t, bearer(await adminToken(t)), engine, bigNotes(engine));
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const admin = bearer(await adminToken(t));
      const expected = (id: number) => String(id).padStart(5, '0').repeat(2400);
      // The slow client: asks for the whole table, then stops reading for a while.
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
      const received: Buffer[] = [];
      const ended = new Promise<void>((resolve) => socket.on('end', resolve));
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.write(`GET /api/v2/${svc.name}/_table/note?order=id&limit=1000 HTTP/1.1\r\nHost: localhost\r\nX-DreamFactory-Session-Token: ${admin['X-DreamFactory-Session-Token']}\r\nConnection: close\r\n\r\n`);
      socket.pause();
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Meanwhile other pages are read and sent through the same buffers' pool.
      for (let round = 0; round < 3; round++) {
        const others = await Promise.all([0, 100, 200, 300].map((offset) =>
          request(server).get(`/api/v2/${svc.name}/_table/note?order=id&offset=${offset + round}&limit=60`).set(admin)));
        for (const [i, res] of others.entries()) expect((res.body as { resource: { id: number }[] }).resource[0]!.id).toBe([0, 100, 200, 300][i]! + round + 1);
      }
      socket.resume();
      await ended;
      const text = Buffer.concat(received).toString('utf8');
      const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { resource: { id: number; body: string }[] };
      expect(body.resource).toHaveLength(1000);
      const damaged = body.resource.filter((r) => r.body !== expected(Number(r.id))).map((r) => r.id);
      expect(damaged).toEqual([]);
    } finally {
      await t.close();
      await svc.drop();
    }
  }, 60_000);
});
