import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { describeEachEngine } from '../helpers/test-databases';

/** Types created through the schema API that the records API fills on writes (API.md 3.8, 3.15). */
describeEachEngine('automatic columns filled by the records API', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;

  beforeAll(async () => {
    t = await createTestApp();
    auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
    svc = await createDataService(t, auth, engine, 'CREATE TABLE placeholder (id integer PRIMARY KEY)');
  });

  afterAll(async () => {
    await t?.close();
    await svc?.drop();
  });

  it('sets user_id_on_create, user_id_on_update and the timestamps on insert and update', async () => {
    await t.http.post(`/api/v2/${svc.name}/_schema`).set(auth).send({ resource: [{ name: 'note', field: [
      { name: 'id', type: 'id' }, { name: 'body', type: 'string', length: 100 },
      { name: 'created_by', type: 'user_id_on_create', allow_null: true }, { name: 'changed_by', type: 'user_id_on_update', allow_null: true },
      { name: 'created_at', type: 'timestamp_on_create', allow_null: true }, { name: 'changed_at', type: 'timestamp_on_update', allow_null: true },
    ] }] }).expect(200);
    const created = await t.http.post(`/api/v2/${svc.name}/_table/note?fields=*`).set(auth).send([{ body: 'x', created_by: 99 }]).expect(200);
    const row = (created.body as { resource: Record<string, unknown>[] }).resource[0]!;
    expect(row).toMatchObject({ body: 'x', created_by: 1, changed_by: 1 });
    expect(row.created_at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/));
    expect(row.changed_at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/));
    const updated = await t.http.patch(`/api/v2/${svc.name}/_table/note/${String(row.id)}?fields=created_by,changed_by`).set(auth).send({ body: 'y', created_by: 5 }).expect(200);
    expect(updated.body).toEqual({ created_by: 1, changed_by: 1 });
  });
});
