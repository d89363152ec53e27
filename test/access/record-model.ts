import fc from 'fast-check';

/**
 * A small in-memory model of role record filters (API.md 6.6) over one table
 * `item (id, owner, grp, val)`, and random grants, revokes, reads and writes to check the server
 * against it: what a user may read, which writes land, and which are refused.
 */

export type ModelVerb = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export const MODEL_VERBS: readonly ModelVerb[] = ['GET', 'POST', 'PATCH', 'DELETE'];

export interface Item {
  readonly id: number;
  readonly owner: number;
  readonly grp: number;
  readonly val: number;
}

export type Simple = { kind: 'owner' } | { kind: 'grp'; values: number[] } | { kind: 'val'; min: number };
export type FilterSpec = Simple | { kind: 'and' | 'or'; a: Simple; b: Simple };

/** One access grant: its verbs (disjoint from the other grants of the role) and optional filter. */
export interface Grant {
  readonly verbs: ModelVerb[];
  readonly filter: FilterSpec | null;
}

export type ClientFilter = { kind: 'val'; above: number } | { kind: 'grp'; equals: number } | { kind: 'all' };
export type Change = { field: 'owner' | 'grp' | 'val'; value: number };

export type Command =
  | { op: 'grant'; user: number; grants: Grant[] }
  | { op: 'revoke'; user: number }
  | { op: 'read'; user: number; filter: ClientFilter }
  | { op: 'readId'; user: number; pick: number }
  | { op: 'create'; user: number; owner: number; grp: number; val: number }
  | { op: 'patch'; user: number; pick: number; change: Change }
  | { op: 'patchWhere'; user: number; filter: ClientFilter; change: Change }
  | { op: 'delete'; user: number; pick: number }
  | { op: 'deleteWhere'; user: number; filter: ClientFilter };

export const USERS = 3;

/** Owners are users 0–2 (by index; the spec maps them to real ids) or 3, nobody's. */
const owner = fc.integer({ min: 0, max: USERS });
const grp = fc.integer({ min: 1, max: 3 });
const val = fc.integer({ min: 0, max: 9 });
const user = fc.integer({ min: 0, max: USERS - 1 });
const simple: fc.Arbitrary<Simple> = fc.oneof(
  fc.constant<Simple>({ kind: 'owner' }),
  fc.uniqueArray(grp, { minLength: 1, maxLength: 2 }).map((values): Simple => ({ kind: 'grp', values })),
  val.map((min): Simple => ({ kind: 'val', min })),
);
const filterSpec: fc.Arbitrary<FilterSpec | null> = fc.oneof(
  fc.constant(null),
  simple,
  fc.record({ kind: fc.constantFrom<'and' | 'or'>('and', 'or'), a: simple, b: simple }),
);
/** Each verb goes to grant 0, grant 1 or none; grants without verbs are dropped. */
const grants: fc.Arbitrary<Grant[]> = fc
  .tuple(fc.array(fc.constantFrom(0, 1, 2), { minLength: 4, maxLength: 4 }), filterSpec, filterSpec)
  .map(([slots, f0, f1]) => [0, 1]
    .map((g) => ({ verbs: MODEL_VERBS.filter((_, i) => slots[i] === g), filter: g === 0 ? f0 : f1 }))
    .filter((g) => g.verbs.length > 0));
const clientFilter: fc.Arbitrary<ClientFilter> = fc.oneof(
  fc.constant<ClientFilter>({ kind: 'all' }),
  val.map((above): ClientFilter => ({ kind: 'val', above })),
  grp.map((equals): ClientFilter => ({ kind: 'grp', equals })),
);
const change: fc.Arbitrary<Change> = fc.oneof(
  owner.map((value): Change => ({ field: 'owner', value })),
  grp.map((value): Change => ({ field: 'grp', value })),
  val.map((value): Change => ({ field: 'val', value })),
);
const pick = fc.nat({ max: 50 });

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('grant' as const), user, grants }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('revoke' as const), user }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('read' as const), user, filter: clientFilter }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('readId' as const), user, pick }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('create' as const), user, owner, grp, val }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('patch' as const), user, pick, change }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('patchWhere' as const), user, filter: clientFilter, change }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), user, pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteWhere' as const), user, filter: clientFilter }) },
);

function matchesSimple(spec: Simple, item: Item, userId: number): boolean {
  switch (spec.kind) {
    case 'owner':
      return item.owner === userId;
    case 'grp':
      return spec.values.includes(item.grp);
    case 'val':
      return item.val >= spec.min;
  }
}

/** Whether the row satisfies a role filter for the user (API.md 6.6). */
export function matchesFilter(spec: FilterSpec | null, item: Item, userId: number): boolean {
  if (spec === null) return true;
  switch (spec.kind) {
    case 'and':
      return matchesSimple(spec.a, item, userId) && matchesSimple(spec.b, item, userId);
    case 'or':
      return matchesSimple(spec.a, item, userId) || matchesSimple(spec.b, item, userId);
    default:
      return matchesSimple(spec, item, userId);
  }
}

export function matchesClient(filter: ClientFilter, item: Item): boolean {
  if (filter.kind === 'val') return item.val > filter.above;
  if (filter.kind === 'grp') return item.grp === filter.equals;
  return true;
}

/** The filter text the client sends. */
export function clientFilterText(filter: ClientFilter): string {
  if (filter.kind === 'val') return `val > ${filter.above}`;
  if (filter.kind === 'grp') return `grp = ${filter.equals}`;
  return 'id > 0';
}

/** The role row's `filters` and `filter_op` for a spec. */
export function roleFilters(spec: FilterSpec | null): { filters: object[]; filter_op: string } {
  const rule = (s: Simple): object => {
    if (s.kind === 'owner') return { name: 'owner', operator: '=', value: '{user.id}' };
    if (s.kind === 'grp') return { name: 'grp', operator: 'IN', value: `(${s.values.join(',')})` };
    return { name: 'val', operator: '>=', value: String(s.min) };
  };
  if (spec === null) return { filters: [], filter_op: 'AND' };
  switch (spec.kind) {
    case 'and':
    case 'or':
      return { filters: [rule(spec.a), rule(spec.b)], filter_op: spec.kind.toUpperCase() };
    default:
      return { filters: [rule(spec)], filter_op: 'AND' };
  }
}

export const VERB_BITS: Readonly<Record<ModelVerb, number>> = { GET: 1, POST: 2, PATCH: 8, DELETE: 16 };

/** The grant that gives `verb`, undefined when none does (the request is denied). */
export function grantFor(grantsOfUser: readonly Grant[], verb: ModelVerb): Grant | undefined {
  return grantsOfUser.find((g) => g.verbs.includes(verb));
}
