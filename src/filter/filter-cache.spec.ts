import { mysql, postgres } from '../database/dialect';
import { render } from '../database/sql/parts';
import { contact, guestLookup, lookup, orders } from '../../test/filter/fixtures';
import { buildFilterSql, buildHavingSql, clearFilterCache, filterCacheSize, LruCache, resolveCached } from './filter-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });
});

describe('buildFilterSql', () => {
  beforeEach(() => clearFilterCache());

  it('reuses the parsed and resolved filter while the table version holds', () => {
    const first = resolveCached('age > 30', contact);
    expect(resolveCached('age > 30', contact)).toBe(first);
    expect(resolveCached('age > 30', { ...contact, version: 2 })).not.toBe(first);
    expect(filterCacheSize()).toBe(2);
  });

  it('treats another schema object under the same name and version as a miss', () => {
    const first = resolveCached('age > 30', contact);
    expect(resolveCached('age > 30', { ...contact })).not.toBe(first);
  });

  it('binds lookups and params per call, not per cache entry', () => {
    const text = 'owner_id = {user.id} AND last_name = :ln';
    expect(render(buildFilterSql(text, contact, postgres, { lookup, params: { ':ln': 'Doe' } }), postgres).params).toEqual([42, 'Doe']);
    expect(render(buildFilterSql(text, contact, mysql, { lookup: guestLookup, params: { ':ln': 'Roe' } }), mysql)).toEqual({
      text: '`owner_id` = ? AND `last_name` = ?', params: [null, 'Roe'],
    });
    expect(filterCacheSize()).toBe(1);
  });

  it('does not cache a failure as a success', () => {
    expect(() => buildFilterSql('salary > 1', contact, postgres)).toThrow('salary');
    expect(() => buildFilterSql('salary > 1', contact, postgres)).toThrow('salary');
    expect(filterCacheSize()).toBe(0);
  });

  it('keys having by its group list', () => {
    expect(render(buildHavingSql('status = x', orders, ['status'], postgres), postgres).text).toBe('"status" = $1');
    expect(() => buildHavingSql('status = x', orders, ['region'], postgres)).toThrow("Field 'status' must appear in group or be aggregated.");
  });
});
