import type { Dialect } from '../dialect/dialect';
import { bindArguments, selectRoutine, type LookupResolver } from './arguments';
import { buildCall, type CallPlan } from './call-plan';
import { getRoutines } from './catalog';
import { assertRoutinesSupported, RESOURCE_BY_KIND, translateCallError } from './routine-errors';
import type { CallRequest, QueryFn, Row, RoutineCatalog, RoutineKind } from './routine.types';
import { outKey, shapeResult, type CallOutcome } from './shape-result';
import { withStatementTimeout } from './statement-timeout';

export interface CallContext {
  readonly dialect: Dialect;
  /**
   * Runs one statement on the connection this call owns, e.g. a TypeORM QueryRunner's `query`
   * (see `withQueryRunner`): MySQL OUT values live in session variables, and the timeout is a
   * session setting, so every statement of a call must reach the same connection.
   */
  readonly run: QueryFn;
  /** Service name, for error messages. */
  readonly service: string;
  /** Statement timeout for this call; absent: the connection's own setting applies. */
  readonly timeoutMs?: number;
  readonly resolveLookups?: LookupResolver;
}

/**
 * Calls a routine of the catalog and returns the response body (API.md 3.16.2).
 * The name is looked up (404 ROUTINE_NOT_FOUND) and never reaches SQL; arguments are bound and
 * typed by the catalog (400 VALUE_INVALID); driver errors are translated (routine-errors.ts).
 * @example await callRoutine(catalog, 'function', 'order_total', parseCallRequest({ query: { order_id: '456' } }), ctx) // 125.5
 */
export async function callRoutine(catalog: RoutineCatalog, kind: RoutineKind, name: string, request: CallRequest, context: CallContext): Promise<unknown> {
  const { dialect, run } = context;
  assertRoutinesSupported(dialect.name, RESOURCE_BY_KIND[kind], context.service);
  if (catalog.dialect !== dialect.name) throw new Error(`Catalog of ${catalog.dialect} used with ${dialect.name}`);
  const routine = selectRoutine(getRoutines(catalog, kind, name), request.args);
  const plan = buildCall(dialect, routine, bindArguments(routine, request.args, dialect, context.resolveLookups));
  let outcome: CallOutcome;
  try {
    outcome = await withStatementTimeout(run, dialect.name, context.timeoutMs, () => execute(plan, run));
  } catch (error) {
    throw translateCallError(error, { dialect: dialect.name, timeoutMs: context.timeoutMs, service: context.service });
  }
  return shapeResult(routine, outcome, request.options);
}

async function execute(plan: CallPlan, run: QueryFn): Promise<CallOutcome> {
  for (const statement of plan.before) await run(statement.text, statement.params);
  const raw = await run(plan.call.text, plan.call.params);
  const { routine } = plan;
  if (plan.after) {
    // MySQL procedure with OUT/INOUT: read the session variables back, by position.
    const [values = {}] = (await run(plan.after.text, plan.after.params)) as Row[];
    const out: Row = {};
    for (const p of routine.params) if (p.mode !== 'IN') out[outKey(p)] = values[`out_${p.position}`];
    return { resultSets: resultSetsOf(raw), out };
  }
  if (routine.returns.kind === 'result-sets') return { resultSets: resultSetsOf(raw) };
  const rows = Array.isArray(raw) ? (raw as Row[]) : [];
  const hasOut = routine.params.some((p) => p.mode !== 'IN');
  const returnsOutRow = routine.returns.kind === 'out' || (routine.engineKind === 'procedure' && hasOut);
  if (returnsOutRow) return { resultSets: [], out: outRow(plan, rows[0] ?? {}) };
  if (routine.returns.kind === 'none') return { resultSets: [] };
  return { resultSets: [rows] };
}

/**
 * PostgreSQL returns OUT/INOUT values as one row whose columns follow the parameters' order;
 * columns are matched by name, or by order for unnamed parameters.
 */
function outRow(plan: CallPlan, row: Row): Row {
  const values = Object.values(row);
  const out: Row = {};
  plan.routine.params
    .filter((p) => p.mode !== 'IN')
    .forEach((p, index) => {
      out[outKey(p)] = p.name in row ? row[p.name] : values[index];
    });
  return out;
}

/**
 * mysql2 answers a CALL with an array holding one array of rows per result set, then a status
 * header; a CALL that selects nothing yields only the header (an object).
 */
function resultSetsOf(raw: unknown): Row[][] {
  return Array.isArray(raw) ? raw.filter((item): item is Row[] => Array.isArray(item)) : [];
}

/** The part of a TypeORM QueryRunner a call needs. */
export interface QueryRunnerLike {
  query(text: string, params?: unknown[]): Promise<unknown>;
  release(): Promise<void>;
}

/**
 * Runs `fn` on one connection of the pool and releases it afterwards.
 * @example await withQueryRunner(dataSource, (run) => callRoutine(catalog, 'procedure', name, request, { dialect, run, service }))
 */
export async function withQueryRunner<T>(source: { createQueryRunner(): QueryRunnerLike }, fn: (run: QueryFn) => Promise<T>): Promise<T> {
  const runner = source.createQueryRunner();
  try {
    return await fn((text, params) => runner.query(text, params));
  } finally {
    await runner.release();
  }
}
