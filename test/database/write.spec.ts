import { AppError } from '../../src/common/errors';
import { coerceInput } from '../../src/common/values/coerce';
import { createEngine } from '../../src/database/engines/engine';
import { mysqlExecutor, pgExecutor } from '../../src/database/engines/driver-executors';
import { readJsonPage, readRows } from '../../src/database/engines/records';
import { jsonString } from '../../src/common/values/json-text';
import { SqlRunner } from '../../src/database/engines/runner';
import { deleteRows, insertRows, updateRows } from '../../src/database/engines/writes';
import { columnField } from '../../src/database/sql/fields';
import { orderBy } from '../../src/database/sql/clauses';
import { whereKeys } from '../../src/database/sql/keys';
import { param, type Part } from '../../src/database/sql/parts';
import { sqlFunction } from '../../src/database/sql/write';
import type { ColumnSchema, TableSchema } from '../../src/database/schema-cache/schema.types';
import { describeEachEngine } from '../helpers/test-databases';
import { openHarness, type Harness } from './harness';
import * as mysql2 from 'mysql2/promise';
import { Pool } from 'pg';

function column(table: TableSchema, name: string): ColumnSchema {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

/** Values typecast the way the records layer will: coerceInput, then bound as parameters. */
function values(h: Harness, table: TableSchema, record: Record<string, unknown>): { columns: ColumnSchema[]; row: Part[] } {
  const columns = Object.keys(record).map((k) => column(table, k));
  const row = columns.map((c) => {
    const result = coerceInput(c, record[c.name], h.engine.dialect);
    if (!result.ok) throw new Error(result.message);
    return param(result.value);
  });
  return { columns, row };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describeEachEngine('writes', (engine) => {
  let h: Harness;
  let contact: TableSchema;
  let orders: TableSchema;
  let info: TableSchema;
  const insertContact = (record: Record<string, unknown>) => {
    const { columns, row } = values(h, contact, record);
    return insertRows(h.runner, { table: contact, columns, rows: [row], returning: [column(contact, 'id')] });
  };

  beforeAll(async () => {
    h = await openHarness(engine);
    [contact, orders, info] = await Promise.all([h.schema.table('contact'), h.schema.table('orders'), h.schema.table('contact_info')]);
  });
  afterAll(async () => h.close());

  it('inserts one record and reads its generated key back, typed', async () => {
    const result = await insertContact({ first_name: 'Jane', email: 'jane@example.com', age: '31', active: 'yes' });
    expect(result.rows).toEqual([{ id: 1 }]);
    const page = await readJsonPage(h.runner, {
      table: contact, fields: ['id', 'first_name', 'age', 'active'].map((n) => columnField(column(contact, n))), where: whereKeys([column(contact, 'id')], [[1]]),
    });
    expect(jsonString(page.resource)).toBe('[{"id":1,"first_name":"Jane","age":31,"active":true}]');
  });

  it('inserts a batch in one statement and returns the keys in row order', async () => {
    const rows = ['a', 'b', 'c'].map((n) => values(h, contact, { first_name: n, email: `${n}@batch.test` }).row);
    const result = await insertRows(h.runner, {
      table: contact, columns: [column(contact, 'first_name'), column(contact, 'email')], rows, returning: [column(contact, 'id'), column(contact, 'email')],
    });
    expect(result.affectedRows).toBe(3);
    const ids = result.rows.map((r) => r.id as number);
    expect(ids).toEqual([ids[0], (ids[0] ?? 0) + 1, (ids[0] ?? 0) + 2]);
    expect(result.rows.map((r) => r.email)).toEqual(['a@batch.test', 'b@batch.test', 'c@batch.test']);
  });

  it('writes a batch with the same values as records written one by one (PostgreSQL: one array per column)', async () => {
    const tricky = ['a "quoted", {braced} \\ back\\slash', 'NULL', '', 'Zoë 𝄞 – ok'];
    const records = tricky.map((first_name, i) => ({ first_name, last_name: i === 1 ? null : `L${i}`, age: i === 2 ? null : String(20 + i), active: i % 2 === 0 ? 'yes' : false }));
    const names = ['first_name', 'last_name', 'age', 'active', 'email'];
    const batch = records.map((r, i) => values(h, contact, { ...r, email: `batch${i}@unnest.test` }));
    const written = await insertRows(h.runner, { table: contact, columns: batch[0]!.columns, rows: batch.map((b) => b.row), returning: [column(contact, 'id')] });
    const single = [];
    for (const [i, r] of records.entries()) single.push((await insertContact({ ...r, email: `single${i}@unnest.test` })).rows[0]!.id);
    const read = async (ids: unknown[]) => readRows(h.runner, {
      table: contact, fields: names.map((n) => columnField(column(contact, n))), where: whereKeys([column(contact, 'id')], ids.map((id) => [id])), order: [orderBy(column(contact, 'id'))],
    });
    const batchRows = await read(written.rows.map((r) => r.id));
    const singleRows = await read(single);
    expect(batchRows.map((r) => r.first_name)).toEqual(tricky);
    expect(batchRows.map(({ email: _e, ...rest }) => rest)).toEqual(singleRows.map(({ email: _e, ...rest }) => rest));
    expect(batchRows.map((r) => r.email)).toEqual(records.map((_, i) => `batch${i}@unnest.test`));
  });

  it('writes database functions for automatic timestamps', async () => {
    const { rows } = await insertContact({ first_name: 'Tim' });
    const id = rows[0]?.id;
    await updateRows(h.runner, {
      table: contact, set: [{ column: column(contact, 'created_at'), value: sqlFunction(h.engine, 'NOW') }], where: whereKeys([column(contact, 'id')], [[id]]),
    });
    const page = await readJsonPage(h.runner, { table: contact, fields: [columnField(column(contact, 'created_at'))], where: whereKeys([column(contact, 'id')], [[id]]) });
    expect(jsonString(page.resource)).toMatch(/^\[\{"created_at":"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?"\}\]$/);
  });

  it('updates by key and reports the rows affected; none for a missing key', async () => {
    const { rows } = await insertContact({ first_name: 'Upd', email: 'upd@example.com' });
    const id = column(contact, 'id');
    const set = [{ column: column(contact, 'age'), value: param(40) }];
    expect((await updateRows(h.runner, { table: contact, set, where: whereKeys([id], [[rows[0]?.id]]) })).affectedRows).toBe(1);
    expect((await updateRows(h.runner, { table: contact, set, where: whereKeys([id], [[9999]]) })).affectedRows).toBe(0);
  });

  it('deletes by key, returning the deleted keys where the engine can', async () => {
    const { rows } = await insertContact({ first_name: 'Del' });
    const id = column(contact, 'id');
    const result = await deleteRows(h.runner, { table: contact, where: whereKeys([id], [[rows[0]?.id]]), returning: [id] });
    expect(result.affectedRows).toBe(1);
    expect(result.rows).toEqual(h.engine.features.deleteReturning ? [{ id: rows[0]?.id }] : []);
  });

  it('answers a duplicate unique value with 409 naming the field', async () => {
    await insertContact({ first_name: 'Dup', email: 'dup@example.com' });
    const error = await failure(insertContact({ first_name: 'Dup2', email: 'dup@example.com' }));
    expect([error.reason, error.status, error.message]).toEqual(['CONFLICT', 409, "Duplicate value for unique field(s) 'email'."]);
  });

  it('answers a missing referenced record with 409 naming the foreign key field', async () => {
    const { columns, row } = values(h, info, { contact_id: 9999, phone: '555' });
    const error = await failure(insertRows(h.runner, { table: info, columns, rows: [row] }));
    expect([error.reason, error.message]).toEqual(['CONFLICT', "Referenced record does not exist for field 'contact_id'."]);
  });

  it('answers deleting a still-referenced record with 409 naming the referencing table', async () => {
    const { rows } = await insertContact({ first_name: 'Ref' });
    const { columns, row } = values(h, orders, { contact_id: rows[0]?.id, total: '12.50' });
    await insertRows(h.runner, { table: orders, columns, rows: [row] });
    const error = await failure(deleteRows(h.runner, { table: contact, where: whereKeys([column(contact, 'id')], [[rows[0]?.id]]) }));
    expect([error.reason, error.message]).toEqual(['CONFLICT', "Record is still referenced by table 'orders'."]);
  });

  it('answers NULL in a NOT NULL column with 400 naming the field', async () => {
    const error = await failure(insertRows(h.runner, { table: contact, columns: [column(contact, 'first_name')], rows: [[param(null)]] }));
    expect([error.reason, error.status, error.message]).toEqual(['VALUE_INVALID', 400, "Field 'first_name' can not be NULL."]);
  });

  it('refuses text longer than the column (the database on PostgreSQL/MySQL, coerceInput everywhere)', async () => {
    const long = 'x'.repeat(65);
    expect(coerceInput(column(contact, 'first_name'), long, h.engine.dialect)).toEqual({ ok: false, message: "Field 'first_name' value is too long (max 64)." });
    const insert = insertRows(h.runner, { table: contact, columns: [column(contact, 'first_name')], rows: [[param(long)]] });
    if (engine === 'sqlite') {
      // SQLite does not enforce declared lengths (https://www.sqlite.org/datatype3.html).
      await expect(insert).resolves.toMatchObject({ affectedRows: 1 });
    } else {
      const error = await failure(insert);
      expect([error.reason, error.message]).toEqual(['VALUE_INVALID', "Field 'first_name' value is too long (max 64)."]);
    }
  });

  it('answers a table dropped behind the cache with TABLE_NOT_FOUND and invalidates the cache', async () => {
    const log = await h.schema.table('log_entry');
    await h.db.exec('DROP TABLE log_entry');
    const error = await failure(readJsonPage(h.runner, { table: log, fields: log.columns.map(columnField) }));
    expect([error.reason, error.message]).toEqual(['TABLE_NOT_FOUND', 'Table "log_entry" does not exist in the database.']);
    await expect(h.schema.table('log_entry')).rejects.toMatchObject({ reason: 'TABLE_NOT_FOUND' });
  });
});

describeEachEngine('unreachable databases', (engine) => {
  it('answer 503 DB_UNAVAILABLE with Retry-After, without driver text', async () => {
    const executor = engine === 'postgres'
      ? pgExecutor(new Pool({ host: '127.0.0.1', port: 1, user: 'x', database: 'x', connectionTimeoutMillis: 2000 }))
      : mysqlExecutor(mysql2.createPool({ host: '127.0.0.1', port: 1, user: 'x', connectTimeout: 2000 }));
    const runner = new SqlRunner(createEngine(engine), executor, { context: { service: 'db' } });
    const error = await failure(runner.run(['SELECT 1']));
    expect([error.reason, error.status, error.message, error.headers]).toEqual([
      'DB_UNAVAILABLE', 503, "Could not connect to the database of service 'db'.", { 'Retry-After': '5' },
    ]);
  });
}, ['postgres', 'mysql']);
