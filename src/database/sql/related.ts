import { outputSource, type OutputSource } from './fields';
import { ident, joinParts, type Part } from './parts';
import type { SelectSpec } from './select';
import type { SqlTarget } from './target';

/**
 * How rows of a related table match a parent row (API.md 3.12.1): `child[i] = parent[i]`, or,
 * through a junction table, a junction row with `junction.parent[i] = parent[i]` and
 * `junction.child[i] = child[i]`. Column lists are index-aligned and never empty.
 */
export interface RelatedLink {
  /** Columns of the parent table. */
  readonly parent: readonly string[];
  /** Columns of the related table. */
  readonly child: readonly string[];
  readonly junction?: { readonly table: string; readonly parent: readonly string[]; readonly child: readonly string[] };
}

/**
 * Related records embedded in each parent record under `key`: an object (or null) when `single`,
 * else an array. `spec` is the read of the related table: its fields, extra condition (role
 * filter), order, per-parent limit and its own related records.
 */
export interface RelatedSpec {
  readonly key: string;
  readonly single: boolean;
  readonly link: RelatedLink;
  readonly spec: SelectSpec & { readonly limit: number };
}

/**
 * One correlated subquery to print as JSON: the related table under `alias`, `where` already
 * holding the match to the parent row. Engines answer an expression that is never NULL on
 * MySQL/SQLite (JSON text: `[…]`, `{…}` or `null`) and of type json on PostgreSQL.
 */
export interface EmbedQuery {
  readonly single: boolean;
  readonly table: string;
  readonly alias: string;
  /** Values in output order; nested related values have `embedded` set. */
  readonly sources: readonly OutputSource[];
  readonly where: readonly Part[];
  readonly order: SelectSpec['order'];
  readonly limit: number;
}

/** Aliases handed out within one statement (`__rel1`, `__rel2`, … and `__jun1`, …). */
export interface AliasCounter {
  n: number;
}

const qualified = (alias: string, column: string): Part[] => [ident(alias), '.', ident(column)];
const equal = (left: readonly string[], leftAlias: string, right: readonly string[], rightAlias: string): Part[] =>
  joinParts(left.map((column, i) => [...qualified(leftAlias, column), ' = ', ...qualified(rightAlias, right[i]!)]), ' AND ');

/**
 * The condition tying rows of the related table (`alias`) to the current row of the parent
 * (`parent`, a table name or alias in scope).
 * @example correlation({ parent: ['id'], child: ['contact_id'] }, 'contact', '__rel1', { n: 1 })
 *   // "__rel1"."contact_id" = "contact"."id"
 */
export function correlation(link: RelatedLink, parent: string, alias: string, counter: AliasCounter): Part[] {
  const junction = link.junction;
  if (!junction) return equal(link.child, alias, link.parent, parent);
  const j = `__jun${(counter.n += 1)}`;
  return [
    'EXISTS (SELECT 1 FROM ', ident(junction.table), ' AS ', ident(j), ' WHERE ',
    ...equal(junction.child, j, link.child, alias), ' AND ', ...equal(junction.parent, j, link.parent, parent), ')',
  ];
}

/**
 * The output sources of related records: one correlated subquery per relationship, printing
 * the related rows as JSON with the same value typing as top-level records, nested related
 * records inside. One statement whatever the depth: never a query per parent row.
 * @param parent  the parent table's name (top level) or alias (nested levels) in the SQL
 */
export function relatedSources(target: SqlTarget, related: readonly RelatedSpec[] | undefined, parent: string, counter: AliasCounter = { n: 0 }): OutputSource[] {
  if (!related || related.length === 0) return [];
  return related.map((r) => {
    const alias = `__rel${(counter.n += 1)}`;
    const match = correlation(r.link, parent, alias, counter);
    const where = r.spec.where && r.spec.where.length > 0 ? ['(', ...match, ') AND (', ...r.spec.where, ')'] : match;
    const sources = [...r.spec.fields.map(outputSource), ...relatedSources(target, r.spec.related, alias, counter)];
    const expr = target.jsonEmbed({ single: r.single, table: r.spec.table.name, alias, sources, where, order: r.spec.order, limit: r.single ? 1 : r.spec.limit });
    return { key: r.key, expr, family: 'json', dbType: '', scale: null, embedded: true };
  });
}

/** Every source of a read: its fields, then its related records. */
export function allSources(target: SqlTarget, spec: SelectSpec): OutputSource[] {
  return [...spec.fields.map(outputSource), ...relatedSources(target, spec.related, spec.table.name)];
}
