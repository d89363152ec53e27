/**
 * Stored procedures and functions (`_proc`, `_func`, API.md 3.16): catalog reading, argument
 * binding, calls and response shaping. No Nest, no HTTP: the service layer passes in a query
 * function and the parsed request, and gets back descriptors or the response body.
 */
export { bindArguments, findParam, selectRoutine, type BoundArgument, type LookupResolver } from './arguments';
export { buildCall, type CallPlan } from './call-plan';
export { parseCallRequest, splitInlineCall, type CallInput } from './call-request';
export { callRoutine, withQueryRunner, type CallContext, type QueryRunnerLike } from './call-routine';
export { castResult } from './cast-result';
export { describeRoutine, describeRoutines, getRoutines, listRoutineNames, readRoutineCatalog, type CatalogOptions } from './catalog';
export { simpleTypeOf } from './db-type';
export { assertRoutinesSupported, RESOURCE_BY_KIND, routineNotFound, translateCallError } from './routine-errors';
export type * from './routine.types';
export { shapeResult, type CallOutcome } from './shape-result';
