import { castResult, castRow, typeFor } from './cast-result';
import type { CallOptions, Row, Routine, RoutineParam } from './routine.types';

/** What a call returned, before shaping: result sets in order and, if any, the OUT/INOUT values. */
export interface CallOutcome {
  readonly resultSets: readonly (readonly Row[])[];
  /** OUT/INOUT values by parameter name; absent when the call has none to return. */
  readonly out?: Readonly<Record<string, unknown>>;
}

/**
 * The response body of a call (API.md 3.16.2):
 * - scalar function → the bare value, typecast by `returns` or the declared return type;
 * - `returns=<simple type>` → the first column of the first row (or the first OUT value), bare;
 * - without OUT values → the rows (typecast by `schema`, else by declared result columns): `[…]`, `[[…],[…]]` for several result sets, `[]` for none,
 *   or `{"<wrapper>": rows}`;
 * - with OUT values → `{"<wrapper or resource>": rows, "p_out": value, …}`, rows omitted when
 *   there are none; OUT values typecast by `schema`, else by their declared type.
 */
export function shapeResult(routine: Routine, outcome: CallOutcome, options: CallOptions): unknown {
  // Row-returning PostgreSQL functions declare their columns' types; `schema` overrides them.
  const declaredColumns = routine.returns.kind === 'rows'
    ? Object.fromEntries(routine.returns.columns.map((c) => [c.name, c.type]))
    : undefined;
  const sets = outcome.resultSets.map((rows) => rows.map((row) => castRow(row, options.schema, declaredColumns)));
  const declared = routine.returns.kind === 'scalar' ? routine.returns.type : undefined;
  const scalarType = options.returns === 'table' ? undefined : (options.returns ?? declared);
  if (scalarType !== undefined) return castResult(scalarType, firstValue(outcome));

  const rows = sets.length === 1 ? (sets[0] ?? []) : sets;
  if (!outcome.out) return options.wrapper ? { [options.wrapper]: rows } : rows;

  const body: Record<string, unknown> = {};
  if (sets.some((set) => set.length > 0)) body[options.wrapper ?? 'resource'] = rows;
  for (const param of routine.params) {
    const key = outKey(param);
    if (param.mode === 'IN' || !(key in outcome.out)) continue;
    const type = (options.schema && typeFor(options.schema, key)) ?? param.type;
    body[key] = castResult(type, outcome.out[key]);
  }
  return body;
}

/** Key of an OUT value in the response: its name, or `$position` for an unnamed PostgreSQL one. */
export function outKey(param: RoutineParam): string {
  return param.name || `$${param.position}`;
}

function firstValue(outcome: CallOutcome): unknown {
  const row = outcome.resultSets[0]?.[0];
  const source = row ?? outcome.out ?? {};
  const [value] = Object.values(source);
  return value ?? null;
}
