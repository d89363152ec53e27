import { AppError } from '../../common/errors';
import { RequestParams } from '../../common/http/params';
import { parseOrder, targetParts } from '../../filter';
import type { DialectName } from '../dialect';
import { apiName, findRelationship, type Relationship } from '../relationships/discover';
import { findColumn, type ColumnSchema, type TableSchema } from '../schema-cache/schema.types';
import { columnField, type SelectField } from '../sql/fields';
import type { Part } from '../sql/parts';
import type { RelatedSpec } from '../sql/related';
import type { OrderItem } from '../sql/target';
import { primaryKeyColumns, selectFields } from './read-plan';

/** Levels of related records below the top-level record (`a.b.c` is three). */
export const MAX_RELATED_DEPTH = 3;
/** Relationships embedded in one request, all levels together. */
export const MAX_RELATED = 50;

/**
 * Whether the caller may read a related table, and the role's record filter on it (API.md 3.12.3,
 * 6.6). `explicit`: named in the request (a denial is then 403); otherwise it came from `*` or
 * `always_fetch` and is silently left out.
 */
export type RelatedAccess = (table: TableSchema) => { readonly allowed: boolean; readonly filter?: readonly Part[] };

export interface RelatedContext {
  readonly tables: ReadonlyMap<string, TableSchema>;
  readonly relationships: ReadonlyMap<string, readonly Relationship[]>;
  readonly maxRecords: number;
  readonly engine: DialectName;
  readonly access?: RelatedAccess;
}

export interface RelatedPlan {
  readonly related: RelatedSpec[];
  /** Local key columns the relationships match on: added to the parent's fields (they stay in the output). */
  readonly localKeys: ColumnSchema[];
}

interface Node {
  readonly relationship: Relationship;
  readonly table: TableSchema;
  /** Lower-cased option prefixes: the path as written and with API names. */
  readonly prefixes: Set<string>;
  readonly explicit: boolean;
  readonly depth: number;
  readonly children: Map<string, Node>;
}

interface Tree {
  readonly table: TableSchema;
  readonly depth: number;
  readonly prefixes: ReadonlySet<string>;
  readonly children: Map<string, Node>;
}

/**
 * The related records a request asks for (API.md 3.12.3 and issue #5): `related=a,b` or `*`, and,
 * nesting, a dotted path `related=a,a.b` (`a.b` alone implies `a`; `a.*` = every relationship of
 * a's table) or the option `a.related=b`. Options per relationship, by path, in either spelling:
 * `a.fields` / `a_fields`, `a.limit`, `a.order`, and for nested ones `a.b.fields` …
 * Unknown names → 400 RELATION_UNKNOWN naming the path; undefined when nothing is embedded.
 */
export function relatedPlan(table: TableSchema, query: Readonly<Record<string, unknown>>, context: RelatedContext, options: { grouped: boolean }): RelatedPlan | undefined {
  // Most reads name no relation: the query is parsed again only when it does.
  const requested = 'related' in query ? new RequestParams(query).list('related') ?? [] : [];
  const always = options.grouped ? [] : (context.relationships.get(table.name) ?? []).filter((r) => r.alwaysFetch);
  if (requested.length === 0 && always.length === 0) return undefined;
  if (requested.length > 0 && options.grouped) throw new AppError('REQUEST_INVALID', 'Related records can not be requested with group.');
  const root: Tree = { table, depth: 0, prefixes: new Set(['']), children: new Map() };
  const byKey = lowerKeys(query);
  for (const path of requested) addPath(root, path.split('.'), path, context);
  for (const r of always) addNode(root, r, false, context);
  expandOptions(root, byKey, context);
  const specs = buildSpecs(root, byKey, context);
  if (specs.related.length === 0) return undefined;
  return specs;
}

function lowerKeys(query: Readonly<Record<string, unknown>>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(query)) out.set(key.toLowerCase(), value);
  return out;
}

function addNode(parent: Tree | Node, relationship: Relationship, explicit: boolean, context: RelatedContext, written?: string): Node {
  const name = apiName(relationship);
  const lower = name.toLowerCase();
  const existing = parent.children.get(lower);
  const prefix = (p: string, segment: string) => (p === '' ? segment : `${p}.${segment}`).toLowerCase();
  if (existing) {
    for (const p of parent.prefixes) if (written) existing.prefixes.add(prefix(p, written));
    return existing;
  }
  if (parent.depth + 1 > MAX_RELATED_DEPTH) throw new AppError('REQUEST_INVALID', `Related records may nest at most ${MAX_RELATED_DEPTH} levels.`);
  const table = context.tables.get(relationship.refTable);
  if (!table) throw new AppError('RELATION_UNKNOWN', `Invalid relationship requested: ${name}`);
  const prefixes = new Set<string>();
  for (const p of parent.prefixes) {
    prefixes.add(prefix(p, name));
    if (written) prefixes.add(prefix(p, written));
  }
  const node: Node = { relationship, table, prefixes, explicit, depth: parent.depth + 1, children: new Map() };
  parent.children.set(lower, node);
  return node;
}

function addPath(parent: Tree | Node, segments: readonly string[], written: string, context: RelatedContext): void {
  const [segment, ...rest] = segments;
  if (segment === undefined || segment === '') throw new AppError('RELATION_UNKNOWN', `Invalid relationship requested: ${written}`);
  if (segment === '*') {
    if (rest.length > 0) throw new AppError('RELATION_UNKNOWN', `Invalid relationship requested: ${written}`);
    for (const r of context.relationships.get(parent.table.name) ?? []) addNode(parent, r, false, context);
    return;
  }
  const relationship = findRelationship(context.relationships.get(parent.table.name) ?? [], segment);
  if (!relationship) {
    const upTo = written.split('.').slice(0, written.split('.').length - rest.length).join('.');
    throw new AppError('RELATION_UNKNOWN', `Invalid relationship requested: ${upTo}`);
  }
  const node = addNode(parent, relationship, true, context, segment);
  if (rest.length > 0) addPath(node, rest, written, context);
}

/**
 * One option of a node, `{path}.{name}` before `{path}_{name}`, read with the typed readers of
 * RequestParams under its full name (errors name `a.limit`; a repeated key → REQUEST_INVALID).
 */
function option(node: Node, byKey: ReadonlyMap<string, unknown>, name: string): { params: RequestParams; key: string } {
  for (const separator of ['.', '_']) {
    for (const prefix of node.prefixes) {
      const key = `${prefix}${separator}${name}`;
      const value = byKey.get(key);
      if (value !== undefined) return { params: new RequestParams({ [key]: value }), key };
    }
  }
  return { params: new RequestParams({}), key: name };
}

/** `{path}.related=x,y`: children named relative to the node (processed top-down). */
function expandOptions(parent: Tree | Node, byKey: ReadonlyMap<string, unknown>, context: RelatedContext): void {
  for (const node of parent.children.values()) {
    const { params, key } = option(node, byKey, 'related');
    for (const path of params.list(key) ?? []) addPath(node, path.split('.'), path, context);
    expandOptions(node, byKey, context);
  }
}

function buildSpecs(parent: Tree | Node, byKey: ReadonlyMap<string, unknown>, context: RelatedContext, count = { n: 0 }): RelatedPlan {
  const related: RelatedSpec[] = [];
  const localKeys: ColumnSchema[] = [];
  for (const node of parent.children.values()) {
    const access = context.access?.(node.table) ?? { allowed: true };
    const junction = node.relationship.junctionTable ? context.tables.get(node.relationship.junctionTable) : undefined;
    const junctionAllowed = !junction || (context.access?.(junction).allowed ?? true);
    if (!access.allowed || !junctionAllowed) {
      if (node.explicit) throw new AppError('ACCESS_DENIED', `Access to the related table '${node.table.name}' is not allowed.`);
      continue;
    }
    if ((count.n += 1) > MAX_RELATED) throw new AppError('REQUEST_INVALID', `At most ${MAX_RELATED} relationships can be embedded in one request.`);
    related.push(spec(node, access.filter, byKey, context, count));
    for (const name of node.relationship.field) {
      const column = findColumn(parent.table, name);
      if (column && !localKeys.includes(column)) localKeys.push(column);
    }
  }
  return { related, localKeys };
}

function spec(node: Node, filter: readonly Part[] | undefined, byKey: ReadonlyMap<string, unknown>, context: RelatedContext, count: { n: number }): RelatedSpec {
  const { relationship: r, table } = node;
  const key = apiName(r);
  // PostgreSQL prints nested records with row_to_json: its column aliases (keys) are truncated at 63 bytes.
  if (context.engine === 'postgres' && node.depth > 1 && Buffer.byteLength(key) > 63) {
    throw new AppError('FEATURE_UNSUPPORTED', `Relationship name '${key}' is too long to embed at this level on PostgreSQL; give it a shorter alias.`);
  }
  const keys = primaryKeyColumns(table);
  const nested = buildSpecs(node, byKey, context, count);
  const fieldsOption = option(node, byKey, 'fields');
  const fields: SelectField[] = selectFields(table, fieldsOption.params.string(fieldsOption.key), keys);
  for (const column of nested.localKeys) {
    if (!fields.some((f) => f.kind === 'column' && f.column === column)) fields.push(columnField(column));
  }
  const single = r.type === 'belongs_to' || r.type === 'has_one';
  const link = r.junctionTable
    ? { parent: r.field, child: r.refField, junction: { table: r.junctionTable, parent: r.junctionField, child: r.junctionRefField } }
    : { parent: r.field, child: r.refField };
  return {
    key, single, link,
    spec: {
      table, fields, where: filter, order: relatedOrder(node, byKey, keys), limit: relatedLimit(node, byKey, context.maxRecords),
      ...(nested.related.length > 0 ? { related: nested.related } : {}),
    },
  };
}

/** `{rel}.order`, else the related table's key ascending (its matching columns when it has none). */
function relatedOrder(node: Node, byKey: ReadonlyMap<string, unknown>, keys: readonly ColumnSchema[]): OrderItem[] {
  const { params, key } = option(node, byKey, 'order');
  const text = params.string(key);
  if (text !== undefined && text.trim() !== '') {
    return parseOrder(text, node.table).map((item) => ({ expr: targetParts(item.target), direction: item.direction, ...(item.nulls ? { nulls: item.nulls } : {}) }));
  }
  const columns = keys.length > 0 ? keys.map((k) => k.name) : node.relationship.refField;
  return columns.map((name) => ({ expr: [{ ident: name }], direction: 'ASC' as const }));
}

/** `{rel}.limit` per parent record: absent, 0, negative or above max_records → max_records. */
function relatedLimit(node: Node, byKey: ReadonlyMap<string, unknown>, maxRecords: number): number {
  const { params, key } = option(node, byKey, 'limit');
  const limit = params.int(key, { allowNegative: true });
  return limit === undefined || limit <= 0 || limit > maxRecords ? maxRecords : limit;
}
