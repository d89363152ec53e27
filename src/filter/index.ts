/**
 * The filter language (API.md 3.10, 3.11, 6.6) as a pure library: text → tokens → tree →
 * tree resolved against the schema → values bound for a request → SQL parts per dialect.
 * No Nest, no I/O. Records, `having`, role record filters and system resources all use it.
 */
export type {
  AggregateFn, BoundValue, CheckedFilter, CompareOp, FilterNode, MatchOp, Node, Operand,
  ResolvedFilter, Target, Value,
} from './ast';
export { assertNever, mapNode } from './ast';
export { bindFilter, checkFilter, matchPattern, resolveFilter, type FilterContext } from './check';
export { combineFilters, compileFilter, targetParts } from './compile';
export { FILTER_LIMITS, FilterError } from './filter.errors';
export { buildFilterSql, buildHavingSql, clearFilterCache, LruCache, resolveCached } from './filter-cache';
export { tokenize, type Token } from './lexer';
export { LOOKUP_MODIFIERS, type LookupFn, type LookupResult } from './lookups';
export { parseFilter, type ParseOptions } from './parser';
export { print, printField, printValue } from './print';
export { filterFromRoleRules, isRoleFilterOperator, type RoleFilterRule } from './role-rules';
export {
  orderParts, parseFields, parseGroup, parseOrder, selectItemParts,
  type GroupOptions, type OrderItem, type SelectItem,
} from './select-list';
export {
  aggregateOutputName, aggregateTarget, columnsResolver, columnTarget, groupResolver, tableResolver,
  type FieldResolver,
} from './targets';
