import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { describeEachEngine } from '../helpers/test-databases';

type Field = Record<string, unknown>;
type ErrorBody = { error: { code: number; reason: string; message: string; context: Record<string, unknown> | null } };

const TODO = {
  name: 'todo',
  field: [
    { name: 'id', type: 'id' },
    { name: 'title', type: 'string', length: 40 },
    { name: 'done', type: 'boolean', default: false },
  ],
};

describeEachEngine('schema API: fields', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let base: string;
  const error = (body: unknown) => (body as ErrorBody).error;
  const field = async (name: string): Promise<Field> => (await t.http.get(`${base}/_schema/todo/_field/${name}`).set(auth).expect(200)).body as Field;

  beforeAll(async () => {
    t = await createTestApp();
    auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
    svc = await createDataService(t, auth, engine, 'CREATE TABLE unrelated (id integer PRIMARY KEY);');
    base = `/api/v2/${svc.name}`;
    await t.http.post(`${base}/_schema`).set(auth).send([TODO]).expect(200);
  });

  afterAll(async () => {
    await t?.close();
    await svc?.drop();
  });

  it('adds a column, describes it under _field and its alias path, and lists fields by ids', async () => {
    const added = await t.http.post(`${base}/_schema/todo/_field?fields=*`).set(auth).send({ resource: [{ name: 'note', type: 'text', allow_null: true, label: 'Note', description: 'Free text' }] }).expect(200);
    expect((added.body as { resource: Field[] }).resource).toMatchObject([{ name: 'note', type: 'text', allow_null: true, label: 'Note', description: 'Free text' }]);
    expect(await field('note')).toMatchObject({ name: 'note', label: 'Note' });
    await t.http.get(`${base}/_schema/todo/note`).set(auth).expect(200).expect((res) => expect((res.body as Field).name).toBe('note'));
    const listed = await t.http.get(`${base}/_schema/todo/_field?ids=title,NOTE`).set(auth).expect(200);
    expect((listed.body as { resource: Field[] }).resource.map((f) => f.name)).toEqual(['title', 'note']);
    expect(error((await t.http.get(`${base}/_schema/todo/_field/nope`).set(auth).expect(404)).body)).toMatchObject({ reason: 'FIELD_NOT_FOUND', message: "No requested fields found in table 'todo'." });
    expect(error((await t.http.get(`${base}/_schema/todo/nope`).set(auth).expect(404)).body).reason).toBe('FIELD_NOT_FOUND');
  });

  it('keeps _related and _field literals ahead of the field alias', async () => {
    await t.http.get(`${base}/_schema/todo/_related`).set(auth).expect(200, { resource: [] });
    const fields = await t.http.get(`${base}/_schema/todo/_field`).set(auth).expect(200);
    expect((fields.body as { resource: Field[] }).resource.map((f) => f.name)).toEqual(['id', 'title', 'done', 'note']);
  });

  it('modifies a column: length, nullability and default where the engine can, FEATURE_UNSUPPORTED on SQLite', async () => {
    const res = await t.http.patch(`${base}/_schema/todo/_field/title`).set(auth).send({ length: 80, allow_null: true, default: 'untitled' });
    if (engine === 'sqlite') {
      expect(res.status).toBe(400);
      expect(error(res.body)).toMatchObject({ reason: 'FEATURE_UNSUPPORTED', message: "SQLite cannot alter column 'title'." });
      expect(await field('title')).toMatchObject({ length: 40, allow_null: false, default: null });
    } else {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ name: 'title' });
      expect(await field('title')).toMatchObject({ length: 80, allow_null: true, default: 'untitled', type: 'string' });
    }
  });

  it('changes indexes and extras on every engine, SQLite included', async () => {
    await t.http.put(`${base}/_schema/todo/done`).set(auth).send({ is_index: true, label: 'Done?', validation: { boolean: true }, picklist: 'yes,no' }).expect(200, { name: 'done' });
    expect(await field('done')).toMatchObject({ is_index: true, label: 'Done?', validation: { boolean: true }, picklist: ['yes', 'no'], type: 'boolean', default: false });
    await t.http.patch(`${base}/_schema/todo/_field`).set(auth).send([{ name: 'done', is_index: false }, { name: 'title', is_unique: true }]).expect(200);
    expect(await field('done')).toMatchObject({ is_index: false });
    expect(await field('title')).toMatchObject({ is_unique: true, is_index: true });
  });

  it('remembers automatic types given when altering a field', async () => {
    await t.http.post(`${base}/_schema/todo/_field`).set(auth).send([{ name: 'owner', type: 'integer', allow_null: true }]).expect(200);
    await t.http.patch(`${base}/_schema/todo/_field/owner`).set(auth).send({ type: 'user_id_on_create' }).expect(200);
    expect(await field('owner')).toMatchObject({ type: 'user_id_on_create', allow_null: true });
  });

  it('refuses bad field input with 400 naming the field', async () => {
    const bad = await t.http.post(`${base}/_schema/todo/_field`).set(auth).send([{ name: 'x y', type: 'integer' }]).expect(400);
    expect((error(bad.body).context?.resource as ErrorBody['error'][])[0]).toMatchObject({ reason: 'VALUE_INVALID', context: { 'x y': [expect.stringMatching(/^Invalid field name 'x y'/)] } });
    const type = await t.http.patch(`${base}/_schema/todo/_field/owner`).set(auth).send({ type: 'object' }).expect(400);
    expect(error(type.body)).toMatchObject({ reason: 'VALUE_INVALID', message: "Type 'object' of field 'owner' cannot be created." });
    const validation = await t.http.patch(`${base}/_schema/todo/_field/owner`).set(auth).send({ validation: { regex: true } }).expect(400);
    expect(error(validation.body).message).toBe("Unknown validation rule 'regex' on field 'owner'.");
    await t.http.post(`${base}/_schema/todo/_field`).set(auth).send({ name: 'bare' }).expect(400);
    await t.http.post(`${base}/_schema/nope/_field`).set(auth).send([{ name: 'x', type: 'integer' }]).expect(404);
  });

  it('drops columns one by one and by ids; the records API stops seeing them', async () => {
    await t.http.post(`${base}/_schema/todo/_field`).set(auth).send([{ name: 'tmp1', type: 'integer', allow_null: true }, { name: 'tmp2', type: 'integer', allow_null: true }]).expect(200);
    await t.http.delete(`${base}/_schema/todo/_field/note`).set(auth).expect(200, { success: true });
    await t.http.delete(`${base}/_schema/todo/_field?ids=tmp1,TMP2`).set(auth).expect(200, { resource: [{ name: 'tmp1' }, { name: 'tmp2' }] });
    const fields = await t.http.get(`${base}/_schema/todo/_field`).set(auth).expect(200);
    expect((fields.body as { resource: Field[] }).resource.map((f) => f.name)).toEqual(['id', 'title', 'done', 'owner']);
    expect(error((await t.http.delete(`${base}/_schema/todo/_field/note`).set(auth).expect(404)).body).reason).toBe('FIELD_NOT_FOUND');
    const read = await t.http.get(`${base}/_table/todo?fields=note`).set(auth).expect(400);
    expect(error(read.body).reason).toBe('FIELD_UNKNOWN');
  });

  it('drops an indexed and unique column (indexes go with it)', async () => {
    await t.http.delete(`${base}/_schema/todo/title`).set(auth).expect(200, { success: true });
    const table = await t.http.get(`${base}/_schema/todo`).set(auth).expect(200);
    expect(Object.keys((table.body as { constraints: object }).constraints)).not.toContain('undx_todo_title');
  });
});
