import type { TableSchema } from './schema.types';
import { SchemaCache } from './schema-cache';

const table = (name: string, extra: Partial<TableSchema> = {}): TableSchema =>
  ({ name, isView: false, columns: [], primaryKey: [], foreignKeys: [], uniques: [], version: 0, ...extra });

/** A loader whose answers the test sets, counting its calls. */
function fakeLoader(initial: TableSchema[]) {
  const state = { tables: initial, calls: 0, fail: false as false | Error };
  const load = async (): Promise<TableSchema[]> => {
    state.calls += 1;
    if (state.fail) throw state.fail;
    return state.tables;
  };
  return { state, load };
}

describe('SchemaCache', () => {
  it('resolves table names case-insensitively, exact spelling first', async () => {
    const { load } = fakeLoader([table('Contact'), table('orders'), table('ORDERS')]);
    const cache = new SchemaCache(load);
    expect((await cache.table('contact')).name).toBe('Contact');
    expect((await cache.table('ORDERS')).name).toBe('ORDERS');
    expect(await cache.findTable('Orders')).toBeUndefined();
  });

  it('answers an unknown table with TABLE_NOT_FOUND', async () => {
    const cache = new SchemaCache(fakeLoader([table('contact')]).load);
    await expect(cache.table('contcat')).rejects.toMatchObject({ reason: 'TABLE_NOT_FOUND', status: 404, message: 'Table "contcat" does not exist in the database.' });
  });

  it('loads once for concurrent callers and then serves from memory', async () => {
    const { state, load } = fakeLoader([table('contact')]);
    const cache = new SchemaCache(load);
    await Promise.all([cache.tables(), cache.table('contact'), cache.findTable('x')]);
    await cache.tables();
    expect(state.calls).toBe(1);
  });

  it('gives new or changed tables a new version and keeps the version of unchanged ones', async () => {
    const { state, load } = fakeLoader([table('a'), table('b')]);
    const cache = new SchemaCache(load);
    const [a1, b1] = await cache.tables();
    state.tables = [table('a'), table('b', { isView: true })];
    const [a2, b2] = await cache.refresh();
    expect(a1?.version).toBeGreaterThan(0);
    expect(a2?.version).toBe(a1?.version);
    expect(b2?.version).not.toBe(b1?.version);
  });

  it('reloads after the TTL', async () => {
    let now = 0;
    const { state, load } = fakeLoader([table('a')]);
    const cache = new SchemaCache(load, { ttlMs: 1000, now: () => now });
    await cache.tables();
    now = 999;
    await cache.tables();
    expect(state.calls).toBe(1);
    state.tables = [table('a'), table('b')];
    now = 1000;
    expect((await cache.tables()).map((t) => t.name)).toEqual(['a', 'b']);
  });

  it('keeps the old schema when a background reload fails, reports it and retries later', async () => {
    let now = 0;
    const reported: unknown[] = [];
    const { state, load } = fakeLoader([table('a')]);
    const cache = new SchemaCache(load, { ttlMs: 1000, now: () => now, retryMs: 500, onRefreshError: (e) => reported.push(e) });
    await cache.tables();
    state.fail = new Error('down');
    now = 2000;
    expect((await cache.tables()).map((t) => t.name)).toEqual(['a']);
    expect(reported).toEqual([state.fail]);
    now = 2100;
    await cache.tables();
    expect(state.calls).toBe(2);
    state.fail = false;
    now = 2500;
    await cache.tables();
    expect(state.calls).toBe(3);
  });

  it('keeps the old schema when an explicit refresh fails, and throws', async () => {
    const { state, load } = fakeLoader([table('a')]);
    const cache = new SchemaCache(load);
    await cache.tables();
    state.fail = new Error('down');
    await expect(cache.refresh()).rejects.toThrow('down');
    expect((await cache.table('a')).name).toBe('a');
  });

  it('throws when the first load fails, and loads on the next call', async () => {
    const { state, load } = fakeLoader([table('a')]);
    state.fail = new Error('down');
    const cache = new SchemaCache(load);
    await expect(cache.tables()).rejects.toThrow('down');
    state.fail = false;
    expect(await cache.tables()).toHaveLength(1);
  });

  it('reloads on the next access after invalidate()', async () => {
    const { state, load } = fakeLoader([table('a')]);
    const cache = new SchemaCache(load);
    await cache.tables();
    expect(cache.loadedTables()).toHaveLength(1);
    state.tables = [];
    cache.invalidate();
    await expect(cache.table('a')).rejects.toMatchObject({ reason: 'TABLE_NOT_FOUND' });
    expect(state.calls).toBe(2);
  });
});
