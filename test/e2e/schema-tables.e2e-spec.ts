import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { describeEachEngine, type EngineName } from '../helpers/test-databases';

const FIXTURE: Record<EngineName, string> = {
  sqlite: 'CREATE TABLE contact (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(64) NOT NULL);',
  postgres: 'CREATE TABLE contact (id serial PRIMARY KEY, name varchar(64) NOT NULL);',
  mysql: 'CREATE TABLE contact (id int AUTO_INCREMENT PRIMARY KEY, name varchar(64) NOT NULL);',
};

type Field = Record<string, unknown>;
type ErrorBody = { error: { code: number; reason: string; message: string; context: Record<string, unknown> | null } };

/** Every simple type of the issue, with the properties the round trip checks. */
const EVERY_TYPE: Field[] = [
  { name: 'id', type: 'id' },
  { name: 'f_string', type: 'string', length: 80, default: "it's", is_index: true },
  { name: 'f_char', type: 'string', length: 3, fixed_length: true, allow_null: true },
  { name: 'f_integer', type: 'integer', default: 7, is_unique: true },
  { name: 'f_text', type: 'text', allow_null: true },
  { name: 'f_boolean', type: 'boolean', default: true },
  { name: 'f_binary', type: 'binary', allow_null: true },
  { name: 'f_float', type: 'float', allow_null: true },
  { name: 'f_double', type: 'double', default: 1.5 },
  { name: 'f_decimal', type: 'decimal', precision: 10, scale: 2, default: 12.5 },
  { name: 'f_datetime', type: 'datetime', allow_null: true },
  { name: 'f_date', type: 'date', default: '2024-02-29' },
  { name: 'f_time', type: 'time', allow_null: true },
  { name: 'f_timestamp', type: 'timestamp', allow_null: true },
  { name: 'f_created', type: 'timestamp_on_create' },
  { name: 'f_updated', type: 'timestamp_on_update' },
  { name: 'f_user', type: 'user_id', allow_null: true },
  { name: 'f_user_created', type: 'user_id_on_create', allow_null: true },
  { name: 'f_user_updated', type: 'user_id_on_update', allow_null: true },
  { name: 'f_contact', type: 'reference', allow_null: true, ref_table: 'contact', ref_on_delete: 'CASCADE' },
  { name: 'f_json', type: 'json', allow_null: true },
  { name: 'f_uuid', type: 'uuid', allow_null: true },
  { name: 'f_bigint', type: 'bigint', allow_null: true },
];

const CHECKED = ['type', 'length', 'precision', 'scale', 'default', 'allow_null', 'is_unique', 'is_index', 'ref_table', 'ref_field', 'ref_on_delete'];

/** What describe must report for a requested field: the request's own properties and their implications. */
function expected(field: Field): Field {
  const out: Field = {};
  for (const key of CHECKED) if (key in field) out[key] = field[key];
  if (field.type === 'id') Object.assign(out, { is_primary_key: true, auto_increment: true, allow_null: false });
  else if (!('allow_null' in field)) out.allow_null = false;
  if (field.ref_table) Object.assign(out, { ref_field: 'id', is_foreign_key: true, is_index: true });
  if (field.type === 'timestamp_on_create' || field.type === 'timestamp_on_update') out.default = { expression: expect.stringMatching(/^current_timestamp(\(\))?$/i) };
  return out;
}

describeEachEngine('schema API: tables', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let base: string;
  const names = async (): Promise<string[]> => ((await t.http.get(`${base}/_schema?as_list=true`).set(auth).expect(200)).body as { resource: string[] }).resource;
  const error = (body: unknown) => (body as ErrorBody).error;

  beforeAll(async () => {
    t = await createTestApp();
    auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
    svc = await createDataService(t, auth, engine, FIXTURE[engine]);
    base = `/api/v2/${svc.name}`;
  });

  afterAll(async () => {
    await t?.close();
    await svc?.drop();
  });

  it('creates a table with every simple type and describes each field as created', async () => {
    const created = await t.http.post(`${base}/_schema`).set(auth).send({ resource: [{ name: 'every_type', label: 'Every Type', field: EVERY_TYPE }] }).expect(200);
    expect(created.body).toEqual({ resource: [{ name: 'every_type' }] });
    const described = (await t.http.get(`${base}/_schema/every_type`).set(auth).expect(200)).body as Field & { field: Field[] };
    expect(described).toMatchObject({ name: 'every_type', label: 'Every Type', plural: 'Every Types', primary_key: ['id'], access: 31, is_view: false });
    expect(described.field.map((f) => f.name)).toEqual(EVERY_TYPE.map((f) => f.name));
    const byName = new Map(described.field.map((f) => [f.name, f]));
    for (const field of EVERY_TYPE) expect({ name: field.name, ...byName.get(String(field.name)) }).toMatchObject({ name: field.name, ...expected(field) });
    expect(Object.keys(described.constraints as object)).toEqual(expect.arrayContaining(['undx_every_type_f_integer', 'fk_every_type_f_contact']));
  });

  it('lists tables as names, as name/label pairs, and as descriptors by ids', async () => {
    await t.http.post(`${base}/_schema`).set(auth).send([{ name: 'category', field: [{ name: 'id', type: 'id' }] }]).expect(200);
    expect(await names()).toEqual(expect.arrayContaining(['category', 'contact', 'every_type']));
    const labels = await t.http.get(`${base}/_schema?fields=name,label`).set(auth).expect(200);
    expect((labels.body as { resource: Field[] }).resource).toContainEqual({ name: 'category', label: 'Category' });
    const byIds = await t.http.get(`${base}/_schema?ids=CATEGORY,contact`).set(auth).expect(200);
    expect((byIds.body as { resource: Field[] }).resource.map((d) => [d.name, d.plural, d.access])).toEqual([['category', 'Categories', 31], ['contact', 'Contacts', 31]]);
    const all = await t.http.get(`${base}/_schema?fields=*`).set(auth).expect(200);
    expect((all.body as { resource: Field[] }).resource[0]?.access).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
    await t.http.get(`${base}/_schema/nope`).set(auth).expect(404);
  });

  it('merges into an existing table on POST, and answers 409 with check_exist', async () => {
    await t.http.post(`${base}/_schema`).set(auth).send([{ name: 'category', field: [{ name: 'title', type: 'string', length: 40, allow_null: true }] }]).expect(200);
    const fields = await t.http.get(`${base}/_schema/category/_field?ids=title`).set(auth).expect(200);
    expect((fields.body as { resource: Field[] }).resource).toMatchObject([{ name: 'title', length: 40 }]);
    const conflict = await t.http.post(`${base}/_schema?check_exist=true`).set(auth).send([{ name: 'category', field: [{ name: 'x', type: 'integer' }] }]).expect(400);
    expect(error(conflict.body).context).toMatchObject({ error: [0], resource: [{ code: 409, reason: 'CONFLICT', message: "A table with name 'category' already exists in the database." }] });
    const single = await t.http.post(`${base}/_schema/nope`).set(auth).send({ field: [{ name: 'x', type: 'integer' }] }).expect(404);
    expect(error(single.body).reason).toBe('TABLE_NOT_FOUND');
  });

  it('replaces a table on PUT: fields not listed are dropped, listed ones kept or added', async () => {
    await t.http.post(`${base}/_schema`).set(auth).send([{ name: 'wide', field: [{ name: 'id', type: 'id' }, { name: 'a', type: 'integer', allow_null: true }, { name: 'b', type: 'text', allow_null: true }] }]).expect(200);
    const replaced = await t.http.put(`${base}/_schema/wide?fields=*`).set(auth).send({ field: [{ name: 'id', type: 'id' }, { name: 'b', type: 'text', allow_null: true }, { name: 'c', type: 'date', allow_null: true }] }).expect(200);
    expect(((replaced.body as { field: Field[] }).field).map((f) => f.name)).toEqual(['id', 'b', 'c']);
    const columns = engine === 'mysql' ? await svc.query('SHOW COLUMNS FROM wide') : [];
    if (engine === 'mysql') expect(columns.map((c) => c.Field)).toEqual(['id', 'b', 'c']);
  });

  it('rejects hostile names and types with 400 naming the field, creating nothing', async () => {
    const before = await names();
    const cases: [Field, RegExp][] = [
      [{ name: 'x"; DROP TABLE contact; --', field: [{ name: 'id', type: 'id' }] }, /^Invalid table name 'x"; DROP TABLE contact; --'/],
      [{ name: 'ok_table', field: [{ name: 'a`b', type: 'integer' }] }, /^Invalid field name 'a`b'/],
      [{ name: 'ok_table', field: [{ name: 'a', type: 'integer); DROP TABLE contact; --' }] }, /^Invalid db_type 'integer\); DROP TABLE contact; --' for field 'a'/],
      [{ name: 'ok_table', field: [{ name: 'a', type: 'varchar2' }] }, /^Invalid type 'varchar2' for field 'a'/],
      [{ name: 'ok_table', field: [{ name: 'a', type: 'date', default: { expression: "now()); DROP TABLE contact; --" } }] }, /^Field 'a': SQL expression/],
      [{ name: 'ok_table', field: [{ name: 'a', type: 'string', default: "x'); DROP TABLE contact; --", length: 5 }] }, /^Default of field 'a' value is too long/],
      [{ name: 'ok_table', field: [{ name: 'a', type: 'integer', ref_table: 'contact; DROP TABLE x' }] }, /references table 'contact; DROP TABLE x', which does not exist/],
    ];
    for (const [table, message] of cases) {
      const res = await t.http.post(`${base}/_schema`).set(auth).send([table]).expect(400);
      const inner = error(res.body).context?.resource as ErrorBody['error'][];
      expect(inner[0]).toMatchObject({ code: 400, reason: 'VALUE_INVALID', message: expect.stringMatching(message) });
    }
    const raw = await t.http.post(`${base}/_schema`).set(auth).send([{ name: 'ok_table', field: [{ name: 'a', type: 'integer', sql: 'int' }] }]).expect(400);
    expect((error(raw.body).context?.resource as ErrorBody['error'][])[0]?.reason).toBe('FEATURE_UNSUPPORTED');
    expect(await names()).toEqual(before);
    expect(await svc.query('SELECT count(*) AS n FROM contact')).toEqual([{ n: engine === 'postgres' ? '0' : 0 }]);
  });

  it('keeps the batch rules on multi-table creates: rollback leaves nothing (MySQL refuses it), default mode keeps what succeeded', async () => {
    const batch = [{ name: 'first_ok', field: [{ name: 'id', type: 'id' }] }, { name: 'second_bad', field: [{ name: 'id', type: 'nope' }] }];
    const rolled = await t.http.post(`${base}/_schema?rollback=true`).set(auth).send(batch).expect(400);
    if (engine === 'mysql') {
      expect(error(rolled.body).reason).toBe('FEATURE_UNSUPPORTED');
    } else {
      expect(error(rolled.body)).toMatchObject({ code: 1000, reason: 'BATCH_FAILED', message: 'Batch Error: Not all requested records could be created. All changes rolled back.' });
      expect(await names()).not.toContain('first_ok');
    }
    const partial = await t.http.post(`${base}/_schema`).set(auth).send(batch).expect(400);
    expect(error(partial.body).context).toMatchObject({ error: [1], resource: [{ name: 'first_ok' }, { reason: 'VALUE_INVALID' }] });
    expect(await names()).toEqual(expect.arrayContaining(['first_ok']));
    expect(await names()).not.toContain('second_bad');
  });

  it('makes new tables and columns visible to the records API at once', async () => {
    await t.http.post(`${base}/_schema`).set(auth).send({ resource: [{ name: 'todo', field: [{ name: 'id', type: 'id' }, { name: 'title', type: 'string', length: 120 }] }] }).expect(200);
    await t.http.post(`${base}/_table/todo`).set(auth).send({ resource: [{ title: 'first' }] }).expect(200);
    await t.http.post(`${base}/_schema/todo/_field`).set(auth).send({ resource: [{ name: 'due', type: 'date', allow_null: true }] }).expect(200, { resource: [{ name: 'due' }] });
    await t.http.post(`${base}/_table/todo`).set(auth).send({ resource: [{ title: 'second', due: '2030-01-02' }] }).expect(200);
    const rows = await t.http.get(`${base}/_table/todo?order=id`).set(auth).expect(200);
    expect((rows.body as { resource: Field[] }).resource).toEqual([{ id: 1, title: 'first', due: null }, { id: 2, title: 'second', due: '2030-01-02' }]);
  });

  it('drops tables one by one and by ids, and answers 404 for a missing one', async () => {
    await t.http.delete(`${base}/_schema/wide`).set(auth).expect(200, { success: true });
    await t.http.delete(`${base}/_schema?ids=first_ok,category`).set(auth).expect(200, { resource: [{ name: 'first_ok' }, { name: 'category' }] });
    expect(await names()).not.toEqual(expect.arrayContaining(['wide']));
    expect(await names()).not.toContain('category');
    expect(error((await t.http.delete(`${base}/_schema/wide`).set(auth).expect(404)).body).reason).toBe('TABLE_NOT_FOUND');
    expect(error((await t.http.get(`${base}/_table/wide`).set(auth).expect(404)).body).reason).toBe('TABLE_NOT_FOUND');
  });

  it('refuses to drop a table or a column another table still references, on every engine', async () => {
    const table = await t.http.delete(`${base}/_schema/contact`).set(auth).expect(409);
    expect(error(table.body)).toMatchObject({ reason: 'CONFLICT', message: "Table 'contact' is still referenced by table 'every_type'." });
    const column = await t.http.delete(`${base}/_schema/contact/_field/id`).set(auth).expect(409);
    expect(error(column.body)).toMatchObject({ reason: 'CONFLICT', message: "Field 'id' of table 'contact' is still referenced by table 'every_type'." });
    expect(await names()).toContain('contact');
    await t.http.delete(`${base}/_schema/every_type`).set(auth).expect(200);
    await t.http.delete(`${base}/_schema/contact`).set(auth).expect(200);
  });
});
