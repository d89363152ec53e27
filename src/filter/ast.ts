import type { SqlFunctionName } from '../database/dialect/dialect';
import type { ColumnSchema } from '../database/schema-cache/schema.types';

/** Comparison operators after normalisation: `EQ`, `==`-free aliases and `!=` map onto these. */
export type CompareOp = '=' | '<>' | '>' | '>=' | '<' | '<=';

/** Pattern operators; `like` binds the pattern verbatim, the others escape and wrap it. */
export type MatchOp = 'like' | 'contains' | 'starts' | 'ends';

export type AggregateFn = 'SUM' | 'AVG' | 'MIN' | 'MAX' | 'COUNT';

/** Left-hand side as written: a field name, or (in `having`) an aggregate; `field: null` is `COUNT(*)`. */
export type Operand =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'aggregate'; readonly fn: AggregateFn; readonly field: string | null };

/** Right-hand side as written. Nothing here ever becomes SQL text except a `function` name. */
export type Value =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bare'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'lookup'; readonly key: string; readonly modifier: string | null }
  | { readonly kind: 'function'; readonly name: SqlFunctionName };

/**
 * The filter tree, generic over what an operand and a value are at each stage:
 * parsed (`Operand`, `Value`), resolved against a table (`Target`, `Value`),
 * bound for one request (`Target`, `BoundValue`). A closed, readonly union.
 */
export type Node<O, V> =
  | { readonly kind: 'and' | 'or'; readonly items: readonly Node<O, V>[] }
  | { readonly kind: 'not'; readonly item: Node<O, V> }
  | { readonly kind: 'compare'; readonly operand: O; readonly op: CompareOp; readonly value: V }
  | { readonly kind: 'match'; readonly operand: O; readonly op: MatchOp; readonly value: V; readonly negated: boolean }
  | { readonly kind: 'in'; readonly operand: O; readonly values: readonly V[]; readonly negated: boolean }
  | { readonly kind: 'between'; readonly operand: O; readonly low: V; readonly high: V; readonly negated: boolean }
  | { readonly kind: 'isNull'; readonly operand: O; readonly negated: boolean };

/** A parsed filter. */
export type FilterNode = Node<Operand, Value>;

/**
 * An operand resolved against the schema. `name` is the schema's spelling; `typing` is the
 * column whose type values are cast to (for aggregates, a column describing the result type).
 */
export type Target =
  | { readonly kind: 'column'; readonly name: string; readonly typing: ColumnSchema }
  | { readonly kind: 'aggregate'; readonly fn: AggregateFn; readonly column: string | null; readonly typing: ColumnSchema };

/** A value ready to render: a bound parameter (possibly `null`) or an allowed function. */
export type BoundValue =
  | { readonly kind: 'param'; readonly value: unknown }
  | { readonly kind: 'function'; readonly name: SqlFunctionName };

/** A filter whose fields are resolved but whose values are not yet bound (cacheable per table). */
export type ResolvedFilter = Node<Target, Value>;

/** A filter ready to compile: fields resolved, values typed and bound for one request. */
export type CheckedFilter = Node<Target, BoundValue>;

/**
 * Exhaustiveness guard for `switch (node.kind)`: a new node kind without a case does not compile.
 * @example default: return assertNever(node);
 */
export function assertNever(value: never): never {
  throw new Error(`Unexpected filter node: ${JSON.stringify(value)}`);
}

/**
 * Rebuilds a tree with new operands and values, keeping its shape.
 * @example mapNode(ast, (o) => resolve(o), (v) => v) // parsed → resolved
 */
export function mapNode<O1, V1, O2, V2>(
  node: Node<O1, V1>,
  operand: (o: O1) => O2,
  value: (v: V1, o: O1, node: Node<O1, V1>) => V2,
): Node<O2, V2> {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, items: node.items.map((item) => mapNode(item, operand, value)) };
    case 'not':
      return { kind: 'not', item: mapNode(node.item, operand, value) };
    case 'compare':
      return { ...node, operand: operand(node.operand), value: value(node.value, node.operand, node) };
    case 'match':
      return { ...node, operand: operand(node.operand), value: value(node.value, node.operand, node) };
    case 'in':
      return { ...node, operand: operand(node.operand), values: node.values.map((v) => value(v, node.operand, node)) };
    case 'between':
      return {
        ...node,
        operand: operand(node.operand),
        low: value(node.low, node.operand, node),
        high: value(node.high, node.operand, node),
      };
    case 'isNull':
      return { ...node, operand: operand(node.operand) };
    default:
      return assertNever(node);
  }
}
