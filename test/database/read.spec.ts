import { stringifyJson } from '../../src/common/values/json-text';
import { readJsonPage, readJsonRecords, readRows, countRows, listBody } from '../../src/database/engines/records';
import { jsonString } from '../../src/common/values/json-text';
import { orderBy } from '../../src/database/sql/clauses';
import { aggregateField, columnField } from '../../src/database/sql/fields';
import { keyText, orderByKeyPosition, whereKeys } from '../../src/database/sql/keys';
import { ident, param } from '../../src/database/sql/parts';
import type { SelectSpec } from '../../src/database/sql/select';
import type { ColumnSchema, TableSchema } from '../../src/database/schema-cache/schema.types';
import { describeEachEngine, type EngineName } from '../helpers/test-databases';
import { ALL_TYPES_ROWS } from './fixtures';
import { openHarness, type Harness } from './harness';

const SEED = `
INSERT INTO contact (first_name, last_name, email, age, active, owner_id) VALUES
 ('Jo', 'Doe', 'jo@example.com', 44, TRUE, 2), ('Ana', 'Roe', 'ana@example.com', 61, TRUE, 2), ('Li', NULL, 'li@example.com', NULL, FALSE, 3),
 ('Ola', 'Smith', 'ola@example.com', 31, TRUE, NULL), ('Kim', 'Lee', 'kim@example.com', 25, FALSE, 3);
INSERT INTO orders (contact_id, status, total) VALUES (1, 'paid', 12.50), (1, 'paid', 99.00), (2, 'open', 1204.00), (2, 'paid', 4698.70);`;

/** Engine-specific literal JSON of the first all_types row, for the columns whose form the contract fixes. */
const FIRST_ROW_TEXT: Readonly<Record<EngineName, readonly string[]>> = {
  postgres: ['"id":"1"', '"i_big":9007199254740993', '"b":true', '"n":12.5000', '"m":12.50', '"dt":"2024-02-29"', '"tm":"10:15:00.5"',
    '"tmtz":"10:15:00+05:30"', '"ts":"2024-01-02 10:15:00.12"', '"ts3":"2024-01-02 10:15:00"', '"tstz":"2024-01-02 08:15:00+00:00"',
    '"j":"{\\"a\\": [1, \\"x\\"]}"', '"bin":"AP8Q"', '"u":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"'],
  mysql: ['"id":"1"', '"i_big":9007199254740993', '"b":true', '"n":12.5000', '"dt":"2024-02-29"', '"tm":"10:15:00"', '"tm6":"10:15:00.5"',
    '"ts":"2024-01-02 10:15:00"', '"dtm6":"2024-01-02 10:15:00.12"', '"j":"{\\"a\\": [1, \\"x\\"]}"', '"bin":"AP8Q"', '"bt":true', '"e":"b"'],
  sqlite: ['"id":1', '"i_big":9007199254740993', '"b":true', '"n":12.5000', '"dt":"2024-02-29"', '"tm":"10:15:00.5"',
    '"ts":"2024-01-02 10:15:00.12"', '"j":"{\\"a\\": [1, \\"x\\"]}"', '"bin":"AP8Q"'],
};

/** MySQL's JSON_QUOTE writes \u001A where JSON.stringify writes \u001a: same JSON, compared as such. */
const sameJson = (text: string): string => text.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => `\\u${hex.toLowerCase()}`);

function column(table: TableSchema, name: string): ColumnSchema {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

describeEachEngine('reads', (engine) => {
  let h: Harness;
  let contact: TableSchema;
  let allTypes: TableSchema;
  const fields = (table: TableSchema, ...names: string[]) => names.map((n) => columnField(column(table, n)));

  beforeAll(async () => {
    h = await openHarness(engine, SEED + ALL_TYPES_ROWS[engine]);
    contact = await h.schema.table('contact');
    allTypes = await h.schema.table('all_types');
  });
  afterAll(async () => h.close());

  it('prints every type identically in the database (JSON path) and in Node (rows path)', async () => {
    // SQLite has no base64 in SQL: its binary column is covered by the fallback test below.
    const jsonable = allTypes.columns.filter((c) => !(engine === 'sqlite' && c.type === 'binary'));
    const spec: SelectSpec = { table: allTypes, fields: jsonable.map(columnField), order: [orderBy(column(allTypes, 'id'))] };
    const inDb = jsonString((await readJsonPage(h.runner, spec)).resource);
    const inNode = stringifyJson(await readRows(h.runner, spec));
    expect(sameJson(inDb)).toBe(sameJson(inNode));
    const perRecord = await readJsonRecords(h.runner, spec, [column(allTypes, 'id')]);
    expect(sameJson(`[${perRecord.map((r) => r.json).join(',')}]`)).toBe(sameJson(inNode));
    expect(JSON.parse(inDb)).toHaveLength(3);
  });

  it('prints the contract forms: exact integers and decimals, booleans, canonical dates, JSON and binary as strings', async () => {
    const spec: SelectSpec = { table: allTypes, fields: allTypes.columns.map(columnField), where: [ident('id'), ' = ', param(1)] };
    const text = jsonString((await readJsonPage(h.runner, spec)).resource);
    for (const piece of FIRST_ROW_TEXT[engine]) expect(text).toContain(piece);
    const [row] = JSON.parse(text) as Record<string, unknown>[];
    expect(row?.t).toMatch(/^line1\nline2\t.é😀\/$/u);
    expect(row?.s).toBe('a"b\\c');
  });

  it('falls back to the rows path when the engine cannot print a value in SQL, with the same output', async () => {
    const spec: SelectSpec = { table: allTypes, fields: fields(allTypes, 'id', 'bin'), order: [orderBy(column(allTypes, 'id'))], limit: 1 };
    const page = await readJsonPage(h.runner, spec, { count: true });
    expect(JSON.parse(jsonString(page.resource))).toEqual([{ id: engine === 'sqlite' ? 1 : '1', bin: 'AP8Q' }]);
    expect(page.count).toBe(3);
    const [record] = await readJsonRecords(h.runner, { ...spec, fields: fields(allTypes, 'bin') }, [column(allTypes, 'id')]);
    expect(record).toEqual({ key: keyText([1]), json: '{"bin":"AP8Q"}' });
  });

  it('fuses the count of matching rows into the page statement', async () => {
    const spec: SelectSpec = {
      table: contact, fields: fields(contact, 'id', 'first_name', 'age'), where: [ident('age'), ' > ', param(30)],
      order: [orderBy(column(contact, 'age'), 'DESC')], limit: 2,
    };
    const page = await readJsonPage(h.runner, spec, { count: true });
    expect(page).toEqual({ resource: '[{"id":2,"first_name":"Ana","age":61},{"id":1,"first_name":"Jo","age":44}]', count: 3 });
    expect(listBody(page.resource, { count: 3, next: 2 })).toBe(`{"resource":${page.resource},"meta":{"count":3,"next":2}}`);
  });

  it('returns an empty array and still the count when the page is past the end', async () => {
    const spec: SelectSpec = { table: contact, fields: fields(contact, 'id'), order: [orderBy(column(contact, 'id'))], limit: 10, offset: 50 };
    expect(await readJsonPage(h.runner, spec, { count: true })).toEqual({ resource: '[]', count: 5 });
    expect(await readJsonPage(h.runner, { ...spec, where: ['1 = 0'] }, { count: true })).toEqual({ resource: '[]', count: 0 });
  });

  it.each([
    ['ASC', 'FIRST', [null, 25, 31, 44, 61]],
    ['ASC', 'LAST', [25, 31, 44, 61, null]],
    ['DESC', 'FIRST', [null, 61, 44, 31, 25]],
    ['DESC', 'LAST', [61, 44, 31, 25, null]],
  ] as const)('orders %s NULLS %s on every engine', async (direction, nulls, ages) => {
    const spec: SelectSpec = { table: contact, fields: fields(contact, 'age'), order: [orderBy(column(contact, 'age'), direction, nulls)] };
    const page = JSON.parse(jsonString((await readJsonPage(h.runner, spec)).resource)) as { age: number | null }[];
    expect(page.map((r) => r.age)).toEqual(ages);
  });

  it('groups with aggregates, orders by an aggregate and counts groups', async () => {
    const orders = await h.schema.table('orders');
    const status = column(orders, 'status');
    const sum = aggregateField('SUM', column(orders, 'total'));
    const spec: SelectSpec = {
      table: orders, fields: [columnField(status), aggregateField('COUNT', null), sum], group: [status],
      order: [{ expr: ['SUM(', ident('total'), ')'], direction: 'DESC' }],
    };
    const page = await readJsonPage(h.runner, spec, { count: true });
    expect(page.count).toBe(2);
    expect(JSON.parse(jsonString(page.resource))).toEqual([{ status: 'paid', COUNT_ALL: 3, SUM_total: 4810.2 }, { status: 'open', COUNT_ALL: 1, SUM_total: 1204 }]);
    expect(page.resource).toContain('"SUM_total":4810.20');
    expect(await countRows(h.runner, spec)).toBe(2);
  });

  it('reads records by ids in request order, one JSON text per record with its key', async () => {
    const id = column(contact, 'id');
    const ids = [[4], [1], [99], [2]];
    const records = await readJsonRecords(h.runner, {
      table: contact, fields: fields(contact, 'id', 'first_name'), where: whereKeys([id], ids), order: [orderByKeyPosition([id], ids)],
    }, [id]);
    expect(records.map((r) => r.key)).toEqual([keyText([4]), keyText([1]), keyText([2])]);
    expect(records.map((r) => r.json)).toEqual(['{"id":4,"first_name":"Ola"}', '{"id":1,"first_name":"Jo"}', '{"id":2,"first_name":"Ana"}']);
  });

  it('reads a record whose fields leave out its key, still matching it by key', async () => {
    const id = column(contact, 'id');
    const [record] = await readJsonRecords(h.runner, { table: contact, fields: fields(contact, 'email', 'active'), where: whereKeys([id], [[3]]) }, [id]);
    expect(record).toEqual({ key: keyText([3]), json: '{"email":"li@example.com","active":false}' });
  });
});

describeEachEngine('long pages', (engine) => {
  // 401 notes of 300 characters, accented and astral, over two 64 KiB chunks of the streamed page;
  // note 201's body is longer than a chunk can take after its three-byte worst case.
  const accented = 'Zoë naïve café – 𝄞 '.repeat(15).slice(0, 300);
  const values = Array.from({ length: 401 }, (_, i) => `(${i + 1}, '${i === 200 ? 'x'.repeat(30_000) : `${accented}${i}`}')`);
  const DDL = `CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\nINSERT INTO note (id, body) VALUES ${values.join(', ')};`;
  let h: Harness;
  let note: TableSchema;

  beforeAll(async () => {
    h = await openHarness(engine, DDL);
    note = await h.schema.table('note');
  });
  afterAll(async () => h.close());

  it('joins a page of many chunks to the same JSON as the rows path, byte for byte', async () => {
    const spec: SelectSpec = { table: note, fields: note.columns.map(columnField), order: [orderBy(column(note, 'id'))], limit: 1000 };
    const text = jsonString((await readJsonPage(h.runner, spec)).resource);
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 64 * 1024);
    expect(text).toBe(stringifyJson(await readRows(h.runner, spec)));
    const page = JSON.parse(text) as { id: number | string; body: string }[];
    expect(page).toHaveLength(401);
    expect(page[199]!.body).toBe(`${accented}199`);
    expect(page[200]!.body).toHaveLength(30_000);
    expect(page[400]!.body).toBe(`${accented}400`);
    expect(listBody((await readJsonPage(h.runner, { ...spec, limit: 2 })).resource, { count: 401 }).toString())
      .toBe(`{"resource":${stringifyJson(await readRows(h.runner, { ...spec, limit: 2 }))},"meta":{"count":401}}`);
  });
});

// Only node-postgres streams rows (MySQL and SQLite answer NULL for 1/0 rather than failing).
describeEachEngine('streamed pages', (engine) => {
  let h: Harness;
  let note: TableSchema;

  beforeAll(async () => {
    h = await openHarness(engine, 'CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\nINSERT INTO note (id, body) SELECT g, repeat(\'n\', 200) FROM generate_series(1, 400) g;');
    note = await h.schema.table('note');
  });
  afterAll(async () => h.close());

  it('fails a page whose statement fails part-way, and gives every connection back to the pool', async () => {
    // Division by zero at the 200th row: the first rows have already been streamed.
    const failing: SelectSpec = { table: note, fields: note.columns.map(columnField), where: ['1 / (', ident('id'), ' - 200) IS NOT NULL'], order: [orderBy(column(note, 'id'))] };
    for (let i = 0; i < 15; i++) await expect(readJsonPage(h.runner, failing)).rejects.toBeDefined();
    const ok = jsonString((await readJsonPage(h.runner, { table: note, fields: [columnField(column(note, 'id'))], limit: 3, order: [orderBy(column(note, 'id'))] })).resource);
    expect(JSON.parse(ok)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });
}, ['postgres']);
