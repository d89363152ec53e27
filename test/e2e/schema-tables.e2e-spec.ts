import { adminToken, createTestApp, type TestApp } from '../helpers/test-app';
import { createDataService, type DataServiceHandle } from '../helpers/data-service';
import { describeEachEngine, type EngineName } from '../helpers/test-databases';

const FIXTURE: Record<EngineName, string> = {
  sqlite: 'CREATE TABLE contact (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(64) NOT NULL);',
  postgres: 'CREATE TABLE contact (id serial PRIMARY KEY, name varchar(64) NOT NULL);',
  mysql: 'CREATE TABLE contact (id int AUTO_INCREMENT PRIMARY KEY, name varchar(64) NOT NULL);',
};

type Field = Record<string, unknown>;

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
function expected(field: Field, engine: EngineName): Field {
  const out: Field = {};
  for (const key of CHECKED) if (key in field) out[key] = field[key];
  if (field.type === 'id') Object.assign(out, { is_primary_key: true, auto_increment: true, allow_null: false });
  else if (!('allow_null' in field)) out.allow_null = false;
  if (field.ref_table) Object.assign(out, { ref_field: 'id', is_foreign_key: true, is_index: true });
  if (field.type === 'timestamp_on_create' || field.type === 'timestamp_on_update') delete out.default;
  if (engine === 'sqlite' && field.type === 'decimal') delete out.precision;
  return out;
}

describeEachEngine('schema API: tables', (engine) => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let base: string;

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
    const byName = new Map(described.field.map((f) => [f.name, f]));
    for (const field of EVERY_TYPE) {
      expect({ name: field.name, ...byName.get(String(field.name)) }).toMatchObject({ name: field.name, ...expected(field, engine) });
    }
    expect(described.field.map((f) => f.name)).toEqual(EVERY_TYPE.map((f) => f.name));
  });
});
