import type { Dialect } from '../database/dialect/dialect';
import type { Part } from '../database/sql/parts';
import type { TableSchema } from '../database/schema-cache/schema.types';
import type { ResolvedFilter } from './ast';
import { bindFilter, type FilterContext, resolveFilter } from './check';
import { compileFilter } from './compile';
import { parseFilter, type ParseOptions } from './parser';
import { type FieldResolver, groupResolver, tableResolver } from './targets';

/**
 * A small least-recently-used map (Map keeps insertion order; a hit moves the key to the end).
 * @example const lru = new LruCache<string, number>(2); lru.set('a', 1); lru.get('a') // 1
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}

interface Entry {
  /** The schema object the entry was resolved against; a different object with the same key is a miss. */
  readonly table: TableSchema;
  readonly resolved: ResolvedFilter;
}

/**
 * Parsed and resolved filters by (kind, table name, table version, text). Only the schema-dependent
 * work is cached; values (params, lookups) are bound per call, so one entry serves every caller.
 */
const resolvedCache = new LruCache<string, Entry>(1000);

/**
 * Parses and resolves filter text against a table, through the cache. A caller with its own
 * resolver (e.g. a system resource's filterable fields) must pass its own `cacheTag`.
 * @example resolveCached('age > 30', contact) // same object on the second call while contact.version holds
 */
export function resolveCached(
  text: string,
  table: TableSchema,
  resolver: FieldResolver = tableResolver(table),
  options: ParseOptions & { readonly cacheTag?: string } = {},
): ResolvedFilter {
  const key = `${options.cacheTag ?? (options.aggregates ? 'having' : 'filter')}\u0000${table.name}\u0000${table.version}\u0000${text}`;
  const hit = resolvedCache.get(key);
  if (hit && hit.table === table) return hit.resolved;
  const resolved = resolveFilter(parseFilter(text, options), resolver);
  resolvedCache.set(key, { table, resolved });
  return resolved;
}

/**
 * Filter text → WHERE parts for one request: parse and resolution cached per table version,
 * values bound from `context` on every call.
 * @example render(buildFilterSql("first_name = 'Jo'", contact, postgres, {}), postgres)
 *   // { text: '"first_name" = $1', params: ['Jo'] }
 */
export function buildFilterSql(
  text: string,
  table: TableSchema,
  dialect: Dialect,
  context: Omit<FilterContext, 'dialect'> = {},
): Part[] {
  const resolved = resolveCached(text, table);
  return compileFilter(bindFilter(resolved, { ...context, dialect }), dialect);
}

/**
 * `having` text → HAVING parts, cached like filters; the group list is part of the key.
 * @example buildHavingSql('SUM(total) > 1000', orders, ['status'], postgres, {}) // SUM("total") > $1
 */
export function buildHavingSql(
  text: string,
  table: TableSchema,
  group: readonly string[],
  dialect: Dialect,
  context: Omit<FilterContext, 'dialect'> = {},
): Part[] {
  const resolved = resolveCached(text, table, groupResolver(table, group), {
    aggregates: true,
    cacheTag: `having:${group.join(',')}`,
  });
  return compileFilter(bindFilter(resolved, { ...context, dialect }), dialect);
}

/**
 * Clears the cache (tests, or after a schema refresh that should free memory at once).
 * @example clearFilterCache(); filterCacheSize() // 0
 */
export function clearFilterCache(): void {
  resolvedCache.clear();
}

/**
 * Entries in the cache.
 * @example buildFilterSql('age > 1', contact, postgres); filterCacheSize() // 1
 */
export function filterCacheSize(): number {
  return resolvedCache.size;
}
