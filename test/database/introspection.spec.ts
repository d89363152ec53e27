import type { ColumnSchema, SimpleType, TableSchema } from '../../src/database/schema-cache/schema.types';
import { createEngine } from '../../src/database/engines/engine';
import { queryFn, type QueryFn } from '../../src/database/engines/executor';
import { describeEachEngine, type EngineName } from '../helpers/test-databases';
import { openHarness, type Harness } from './harness';

const ALL_TYPES: Readonly<Record<EngineName, Record<string, SimpleType>>> = {
  postgres: {
    id: 'bigid', i_int: 'integer', i_small: 'integer', i_big: 'bigint', b: 'boolean', f: 'float', d: 'double', n: 'decimal',
    m: 'money', s: 'string', c: 'string', t: 'text', dt: 'date', tm: 'time', tmtz: 'timetz', ts: 'timestamp', ts3: 'timestamp',
    tstz: 'timestamptz', j: 'json', jb: 'jsonb', bin: 'binary', u: 'uuid', arr: 'string',
  },
  mysql: {
    id: 'bigid', i_int: 'integer', i_small: 'integer', i_big: 'bigint', b: 'boolean', f: 'float', d: 'double', n: 'decimal',
    s: 'string', c: 'string', t: 'text', dt: 'date', tm: 'time', tm6: 'time', ts: 'timestamp', dtm: 'datetime', dtm6: 'datetime',
    j: 'json', bin: 'binary', blb: 'binary', u: 'string', bt: 'boolean', e: 'string',
  },
  sqlite: {
    id: 'id', i_int: 'integer', i_small: 'integer', i_big: 'bigint', b: 'boolean', f: 'float', d: 'double', n: 'decimal',
    s: 'string', c: 'string', t: 'text', dt: 'date', tm: 'time', ts: 'timestamp', dtm: 'datetime', j: 'json', bin: 'binary', u: 'string',
  },
};

const TABLES = ['active_contact', 'all_types', 'contact', 'contact_group', 'contact_group_relationship', 'contact_info', 'log_entry', 'order_line', 'orders', 'shipment'];

function col(table: TableSchema, name: string): ColumnSchema {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`no column ${table.name}.${name}`);
  return column;
}

describeEachEngine('introspection', (engine) => {
  let h: Harness;
  const tables = new Map<string, TableSchema>();
  const table = (name: string): TableSchema => {
    const t = tables.get(name);
    if (!t) throw new Error(`no table ${name}`);
    return t;
  };

  beforeAll(async () => {
    h = await openHarness(engine);
    for (const t of await h.schema.tables()) tables.set(t.name, t);
  });
  afterAll(async () => h.close());

  it('lists the tables and views of the service schema only, sorted, without catalog tables', () => {
    expect([...tables.keys()]).toEqual(TABLES);
    expect(table('active_contact').isView).toBe(true);
    expect(table('contact').isView).toBe(false);
    expect(table('active_contact').columns.map((c) => c.name)).toEqual(['id', 'first_name', 'email']);
  });

  it('reads the catalog in a handful of queries, whatever the number of tables', async () => {
    const counted: string[] = [];
    const executorQuery = queryFn(h.runner.executor);
    const query: QueryFn = async (text, params) => {
      counted.push(text);
      return executorQuery(text, params);
    };
    await h.engine.introspect(query);
    expect(counted.length).toBeLessThanOrEqual(5);
  });

  it('types every column of all_types (API.md 3.15.2)', () => {
    const types = Object.fromEntries(table('all_types').columns.map((c) => [c.name, c.type]));
    expect(types).toEqual(ALL_TYPES[engine]);
  });

  it('describes contact: key, lengths, nullability, defaults, uniques', () => {
    const contact = table('contact');
    expect(contact.primaryKey).toEqual(['id']);
    expect(col(contact, 'id')).toMatchObject({ type: 'id', autoIncrement: true, isPrimaryKey: true, allowNull: false, default: null });
    expect(col(contact, 'first_name')).toMatchObject({ type: 'string', length: 64, allowNull: false, default: null, isUnique: false });
    expect(col(contact, 'email')).toMatchObject({ isUnique: true, isIndex: true, length: 255 });
    expect(contact.uniques.map((u) => u.columns)).toEqual([['email']]);
    expect(col(contact, 'active')).toMatchObject({ type: 'boolean', default: true, allowNull: false });
    expect(col(contact, 'created_at').default).toEqual({ expression: expect.stringMatching(/^current_timestamp(\(\))?$/i) });
  });

  it('types literal defaults to their column', () => {
    expect(col(table('contact_info'), 'info_type').default).toBe('home');
    expect(col(table('orders'), 'status').default).toBe('new');
    expect(col(table('log_entry'), 'level').default).toBe(-1);
    expect(col(table('order_line'), 'qty').default).toBe(1);
  });

  it('reads decimal precision and scale', () => {
    expect(col(table('orders'), 'total')).toMatchObject({ type: 'decimal', precision: 10, scale: 2 });
  });

  it('turns single-column integer foreign keys into references, with their rules', () => {
    expect(col(table('contact_info'), 'contact_id')).toMatchObject({
      type: 'reference', isForeignKey: true, refTable: 'contact', refField: 'id', refOnDelete: 'CASCADE',
    });
    expect(table('orders').foreignKeys).toEqual([
      expect.objectContaining({ columns: ['contact_id'], refTable: 'contact', refColumns: ['id'], onDelete: 'RESTRICT', onUpdate: 'CASCADE' }),
    ]);
    expect(table('contact_group_relationship').foreignKeys.map((f) => f.refTable).sort()).toEqual(['contact', 'contact_group']);
  });

  it('keeps composite primary keys in key order', () => {
    const line = table('order_line');
    expect(line.primaryKey).toEqual(['order_id', 'line_no']);
    expect(col(line, 'order_id')).toMatchObject({ type: 'reference', isPrimaryKey: true });
    expect(col(line, 'line_no')).toMatchObject({ type: 'integer', isPrimaryKey: true, autoIncrement: false });
  });

  it('reads multi-column foreign keys as one key, and their columns stay integers', () => {
    const shipment = table('shipment');
    expect(shipment.foreignKeys).toEqual([expect.objectContaining({
      columns: ['order_id', 'line_no'], refTable: 'order_line', refColumns: ['order_id', 'line_no'], onDelete: 'CASCADE', onUpdate: 'SET NULL',
    })]);
    expect(col(shipment, 'line_no')).toMatchObject({ type: 'integer', isForeignKey: true, refTable: 'order_line', refField: 'line_no' });
    expect(col(shipment, 'id').type).toBe(engine === 'sqlite' ? 'id' : 'bigid');
  });

  it('describes a table without a primary key', () => {
    const log = table('log_entry');
    expect(log.primaryKey).toEqual([]);
    expect(log.columns.every((c) => !c.isPrimaryKey)).toBe(true);
  });
});

describeEachEngine('introspection of MySQL automatic timestamps', () => {
  it('maps timestamp DEFAULT/ON UPDATE CURRENT_TIMESTAMP to timestamp_on_create/_on_update', async () => {
    const h = await openHarness('mysql');
    try {
      const contact = await h.schema.table('contact');
      expect(col(contact, 'created_at').type).toBe('timestamp_on_create');
      expect(col(contact, 'updated_at').type).toBe('timestamp_on_update');
      expect(col(await h.schema.table('orders'), 'created_at').type).toBe('datetime');
    } finally {
      await h.close();
    }
  });
}, ['mysql']);

describeEachEngine('introspection of a PostgreSQL schema', () => {
  it('reads only the configured schema', async () => {
    const h = await openHarness('postgres', 'CREATE SCHEMA crm; CREATE TABLE crm.lead (id serial PRIMARY KEY, name text);');
    try {
      expect((await h.schema.tables()).map((t) => t.name)).not.toContain('lead');
      const crm = await createEngine('postgres', { schema: 'crm' }).introspect(queryFn(h.runner.executor));
      expect(crm.map((t) => t.name)).toEqual(['lead']);
      expect(crm[0]?.columns.map((c) => c.type)).toEqual(['id', 'text']);
    } finally {
      await h.close();
    }
  });
}, ['postgres']);
