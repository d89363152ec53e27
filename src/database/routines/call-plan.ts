import type { Dialect } from '../dialect/dialect';
import { ident, joinParts, param, render, type Part, type Sql } from '../sql/parts';
import type { BoundArgument } from './arguments';
import type { Routine } from './routine.types';

/**
 * The statements of one call, all to run on the same connection. The routine name, parameter
 * names and PostgreSQL cast types come from the catalog; every value is a bound parameter.
 */
export interface CallPlan {
  readonly routine: Routine;
  /** MySQL: OUT/INOUT session variables set from bound values (never left from an earlier call). */
  readonly before: readonly Sql[];
  readonly call: Sql;
  /** MySQL: reads the OUT/INOUT session variables back, one column `out_{position}` each. */
  readonly after?: Sql;
}

/**
 * Builds the SQL of a call.
 * @example buildCall(postgres, addOrder, args)
 *   // call: { text: 'CALL "public"."add_order"("p_total" => $1::numeric, "p_id" => NULL::integer)', params: ['9.5'] }
 * @example buildCall(mysql, addOrder, args)
 *   // before: [{ text: 'SET @__routine_arg_2 = ?', params: [null] }]
 *   // call: { text: 'CALL `add_order`(?, @__routine_arg_2)', params: ['9.5'] }
 *   // after: { text: 'SELECT @__routine_arg_2 AS out_2', params: [] }
 */
export function buildCall(dialect: Dialect, routine: Routine, args: readonly BoundArgument[]): CallPlan {
  if (dialect.name === 'postgres') return { routine, before: [], call: render(postgresCall(routine, args), dialect) };
  if (dialect.name === 'mysql') return mysqlPlan(dialect, routine, args);
  throw new Error(`Routines are not supported on ${dialect.name}`);
}

/**
 * Procedures: `CALL s.p(…)`; OUT arguments are passed as typed NULLs (required since PostgreSQL 14,
 * https://www.postgresql.org/docs/current/sql-call.html) and come back as one row.
 * Functions: `SELECT * FROM s.f(…)` for row results, `SELECT s.f(…) AS f` for a scalar.
 */
function postgresCall(routine: Routine, args: readonly BoundArgument[]): Part[] {
  const isProcedure = routine.engineKind === 'procedure';
  const passed = isProcedure ? args : args.filter((a) => a.param.mode !== 'OUT');
  const invocation: Part[] = [ident(routine.schema), '.', ident(routine.name), '(', ...postgresArguments(passed), ')'];
  if (isProcedure) return ['CALL ', ...invocation];
  switch (routine.returns.kind) {
    case 'scalar':
      return ['SELECT ', ...invocation, ' AS ', ident(routine.name)];
    case 'none':
      return ['SELECT ', ...invocation];
    default:
      return ['SELECT * FROM ', ...invocation];
  }
}

/**
 * Named notation (`"p" => $1::type`) when every parameter has a name, so that arguments not given
 * are simply left out and take their defaults. Unnamed parameters force positional notation:
 * there, only trailing arguments can fall back to their defaults; earlier gaps are NULL.
 * The explicit cast picks the overload and types the value, whatever JSON type it arrived as.
 */
function postgresArguments(args: readonly BoundArgument[]): Part[] {
  const usesDefault = (a: BoundArgument): boolean => !a.supplied && a.param.mode !== 'OUT' && a.param.default !== null;
  const value = (a: BoundArgument): Part[] =>
    a.param.mode === 'OUT' ? [`NULL::${a.param.declaredType}`] : [param(a.value), `::${a.param.declaredType}`];
  if (args.every((a) => a.param.name !== '')) {
    return joinParts(args.filter((a) => !usesDefault(a)).map((a) => [ident(a.param.name), ' => ', ...value(a)]), ', ');
  }
  let last = args.length - 1;
  while (last >= 0 && args[last] !== undefined && usesDefault(args[last] as BoundArgument)) last -= 1;
  return joinParts(args.slice(0, last + 1).map(value), ', ');
}

/** Session variables are named by this server from the parameter's position, never from the request. */
const variable = (position: number): string => `@__routine_arg_${position}`;

function mysqlPlan(dialect: Dialect, routine: Routine, args: readonly BoundArgument[]): CallPlan {
  const name = ident(routine.name);
  if (routine.engineKind === 'function') {
    const values = joinParts(args.map((a) => [param(a.value)]), ', ');
    return { routine, before: [], call: render(['SELECT ', name, '(', ...values, ') AS ', ident(routine.name)], dialect) };
  }
  const outs = args.filter((a) => a.param.mode !== 'IN');
  const callArgs = joinParts(args.map((a) => (a.param.mode === 'IN' ? [param(a.value)] : [variable(a.param.position)])), ', ');
  const call = render(['CALL ', name, '(', ...callArgs, ')'], dialect);
  if (outs.length === 0) return { routine, before: [], call };
  const set = joinParts(outs.map((a) => [`${variable(a.param.position)} = `, param(a.param.mode === 'INOUT' ? a.value : null)]), ', ');
  const read = outs.map((a) => `${variable(a.param.position)} AS out_${a.param.position}`).join(', ');
  return {
    routine,
    before: [render(['SET ', ...set], dialect)],
    call,
    after: render([`SELECT ${read}`], dialect),
  };
}
