import fc from 'fast-check';
import {
  clientFilterText, commandArb, grantFor, matchesClient, matchesFilter, roleFilters, USERS, VERB_BITS,
  type Command, type Grant, type Item, type ModelVerb,
} from '../access/record-model';
import { bearer, createApp, createRecords, login } from '../helpers/accounts';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine, type EngineName } from '../helpers/test-databases';

type Body = { resource: Record<string, unknown>[]; error?: { reason: string; context?: { resource?: { reason: string }[] } } };

const fixture = (engine: EngineName) => {
  const id = engine === 'postgres' ? 'serial PRIMARY KEY' : engine === 'mysql' ? 'int AUTO_INCREMENT PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
  return `CREATE TABLE item (id ${id}, owner integer NOT NULL, grp integer NOT NULL, val integer NOT NULL);`;
};
const SEED: [number, number, number][] = [[0, 1, 1], [0, 2, 5], [1, 1, 7], [1, 3, 2], [2, 2, 9], [2, 3, 0], [3, 1, 4], [3, 2, 6]];

/**
 * Random grants, revokes, reads and writes by several users, checked against the in-memory model
 * of test/access/record-model.ts: every response holds exactly the rows the caller's filter
 * allows, and after every command the table equals the model (no write lands outside a filter).
 */
describeEachEngine('record filters against a model', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let serviceId: number;
  let base: string;
  const users: { id: number; headers: Record<string, string>; role: number; rows: number[] }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    auth = bearer(await adminToken(t));
    svc = await createDataService(t, auth, engine, fixture(engine));
    base = `/api/v2/${svc.name}/_table/item`;
    serviceId = ((await t.http.get(`/api/v2/system/service?filter=name="${svc.name}"`).set(auth).expect(200)).body as Body).resource[0]!.id as number;
    const app = await createApp(t, auth, { name: 'model-app' });
    for (let i = 0; i < USERS; i++) {
      const [role] = await createRecords(t, auth, 'role', [{ name: `model-${i}` }]);
      const [id] = await createRecords(t, auth, 'user', [{ email: `m${i}@example.com`, password: 'model-pass-1', user_to_app_to_role_by_user_id: [{ app_id: app.id, role_id: role }] }]);
      const session = await login(t, `m${i}@example.com`, 'model-pass-1', { apiKey: app.apiKey });
      users.push({ id: id!, role: role!, rows: [], headers: { ...bearer(session.session_token), 'X-DreamFactory-API-Key': app.apiKey } });
    }
  });

  afterAll(async () => {
    await t?.close();
    await svc?.drop();
  });

  const ownerId = (index: number) => (index < USERS ? users[index]!.id : 999);

  async function setGrants(user: (typeof users)[number], grants: readonly Grant[]): Promise<void> {
    const rows = grants.flatMap((g) => ['_table/item', '_table/item/*'].map((component) => ({
      service_id: serviceId, component, verb_mask: g.verbs.reduce((m, v) => m | VERB_BITS[v], 0), ...roleFilters(g.filter),
    })));
    const res = await t.http.patch(`/api/v2/system/role/${user.role}?related=role_service_access_by_role_id`).set(auth)
      .send({ role_service_access_by_role_id: [...user.rows.map((id) => ({ id, role_id: null })), ...rows] }).expect(200);
    user.rows = (res.body as { role_service_access_by_role_id: { id: number }[] }).role_service_access_by_role_id.map((r) => r.id);
  }

  async function tableState(): Promise<Item[]> {
    const rows = await svc.query('SELECT id, owner, grp, val FROM item ORDER BY id');
    return rows.map((r) => ({ id: Number(r.id), owner: Number(r.owner), grp: Number(r.grp), val: Number(r.val) }));
  }

  /** Runs one command against the server and the model; returns the model after it. */
  async function step(command: Command, items: Item[], grants: Grant[][], known: number[]): Promise<Item[]> {
    const user = users[command.user]!;
    const granted = (verb: ModelVerb) => grantFor(grants[command.user]!, verb);
    const inside = (verb: ModelVerb, item: Item) => matchesFilter(granted(verb)!.filter, item, user.id);
    const denied = (verb: ModelVerb, status: number) => {
      if (!granted(verb)) {
        expect(status).toBe(403);
        return true;
      }
      return false;
    };
    const pickId = (n: number) => known[n % known.length]!;
    switch (command.op) {
      case 'grant':
      case 'revoke': {
        grants[command.user] = command.op === 'grant' ? command.grants : [];
        await setGrants(user, grants[command.user]!);
        return items;
      }
      case 'read': {
        const res = await t.http.get(base).query({ filter: clientFilterText(command.filter), fields: 'id' }).set(user.headers);
        if (denied('GET', res.status)) return items;
        expect(res.status).toBe(200);
        const expected = items.filter((i) => inside('GET', i) && matchesClient(command.filter, i)).map((i) => i.id);
        expect((res.body as Body).resource.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(expected);
        return items;
      }
      case 'readId': {
        const id = pickId(command.pick);
        const res = await t.http.get(`${base}/${id}`).set(user.headers);
        if (denied('GET', res.status)) return items;
        const item = items.find((i) => i.id === id);
        expect(res.status).toBe(item && inside('GET', item) ? 200 : 404);
        return items;
      }
      case 'create': {
        const row = { owner: ownerId(command.owner), grp: command.grp, val: command.val };
        const res = await t.http.post(base).set(user.headers).send([row]);
        if (denied('POST', res.status)) return items;
        if (!inside('POST', { id: 0, ...row })) {
          expect([res.status, (res.body as Body).error?.context?.resource?.[0]?.reason]).toEqual([400, 'ACCESS_RECORD_DENIED']);
          return items;
        }
        expect(res.status).toBe(200);
        const id = Number((res.body as Body).resource[0]!.id);
        known.push(id);
        return [...items, { id, ...row }];
      }
      case 'patch': {
        const id = pickId(command.pick);
        const value = command.change.field === 'owner' ? ownerId(command.change.value) : command.change.value;
        const res = await t.http.patch(`${base}/${id}`).set(user.headers).send({ [command.change.field]: value });
        if (denied('PATCH', res.status)) return items;
        const item = items.find((i) => i.id === id);
        if (!item || !inside('PATCH', item)) {
          expect(res.status).toBe(404);
          return items;
        }
        const next = { ...item, [command.change.field]: value };
        if (!inside('PATCH', next)) {
          expect([res.status, (res.body as Body).error?.reason]).toEqual([403, 'ACCESS_RECORD_DENIED']);
          return items;
        }
        expect(res.status).toBe(200);
        return items.map((i) => (i.id === id ? next : i));
      }
      case 'patchWhere': {
        const value = command.change.field === 'owner' ? ownerId(command.change.value) : command.change.value;
        const res = await t.http.patch(base).query({ filter: clientFilterText(command.filter) }).set(user.headers).send({ resource: [{ [command.change.field]: value }] });
        if (denied('PATCH', res.status)) return items;
        const targets = new Set(items.filter((i) => inside('PATCH', i) && matchesClient(command.filter, i)).map((i) => i.id));
        const next = items.map((i) => (targets.has(i.id) ? { ...i, [command.change.field]: value } : i));
        if (next.some((i) => targets.has(i.id) && !inside('PATCH', i))) {
          expect([res.status, (res.body as Body).error?.reason]).toEqual([403, 'ACCESS_RECORD_DENIED']);
          return items;
        }
        expect(res.status).toBe(200);
        return next;
      }
      case 'delete': {
        const id = pickId(command.pick);
        const res = await t.http.delete(`${base}/${id}`).set(user.headers);
        if (denied('DELETE', res.status)) return items;
        const item = items.find((i) => i.id === id);
        expect(res.status).toBe(item && inside('DELETE', item) ? 200 : 404);
        return res.status === 200 ? items.filter((i) => i.id !== id) : items;
      }
      case 'deleteWhere': {
        const res = await t.http.delete(base).query({ filter: clientFilterText(command.filter) }).set(user.headers);
        if (denied('DELETE', res.status)) return items;
        expect(res.status).toBe(200);
        return items.filter((i) => !(inside('DELETE', i) && matchesClient(command.filter, i)));
      }
    }
  }

  it('never shows or writes a row outside the caller’s filter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 6, maxLength: 20 }), async (commands) => {
        await svc.query('DELETE FROM item');
        for (const [o, g, v] of SEED) await svc.query(`INSERT INTO item (owner, grp, val) VALUES (${ownerId(o)}, ${g}, ${v})`);
        let items = await tableState();
        const known = [...items.map((i) => i.id), 999999];
        const grants: Grant[][] = users.map(() => []);
        for (const user of users) await setGrants(user, []);
        for (const command of commands) {
          items = await step(command, items, grants, known);
          expect(await tableState()).toEqual(items);
        }
      }),
      { numRuns: 25 },
    );
  });
});
