import type { Routine, RoutineKind, RoutineParam } from '../database/routines/routine.types';
import { pascal, segment } from './names';
import { addOperation, boolQuery, listQuery, query, type ServicePaths } from './operations';
import type { Parameter, Schema } from './openapi.types';
import { ref } from './shared-components';
import { typeSchema } from './type-schemas';

const RESOURCE: Record<RoutineKind, '_proc' | '_func'> = { procedure: '_proc', function: '_func' };
const ERRORS = [400, 401, 403, 404, 503, 504];

const outKey = (p: RoutineParam): string => p.name || `$${p.position}`;
const nullable = (schema: Schema): Schema => ({ ...schema, nullable: true });
const described = (p: RoutineParam): string => `${p.mode} ${p.declaredType || p.dbType}${p.default !== null ? `, default ${p.default}` : ''}`;

/** IN and INOUT parameters with a name (unnamed PostgreSQL ones can only be passed by position). */
const inputs = (routine: Routine) => routine.params.filter((p) => p.mode !== 'OUT' && p.name !== '');
const outputs = (routine: Routine) => routine.params.filter((p) => p.mode !== 'IN');

/** The body of a call's answer (API.md 3.16.2), typed from the routine's declaration. */
function resultSchema(routine: Routine): Schema {
  const r = routine.returns;
  if (r.kind === 'scalar') return nullable(typeSchema(r.type));
  const rows: Schema = r.kind === 'rows'
    ? { type: 'array', items: { type: 'object', properties: Object.fromEntries(r.columns.map((c) => [c.name, nullable(typeSchema(c.type))])) } }
    : { type: 'array', description: 'Rows of the result set (an array of result sets when there are several).', items: {} };
  const out = outputs(routine);
  if (out.length === 0) return rows;
  return {
    type: 'object',
    description: 'OUT and INOUT values, and the rows under "resource" (or the wrapper) when there are any.',
    properties: { resource: rows, ...Object.fromEntries(out.map((p) => [outKey(p), { ...nullable(typeSchema(p.type)), description: described(p) }])) },
  };
}

function distinct(schemas: readonly Schema[]): Schema {
  const unique = [...new Map(schemas.map((s) => [JSON.stringify(s), s])).values()];
  return unique.length === 1 ? unique[0]! : { anyOf: unique };
}

/** Parameters of all overloads of one name, first declaration winning. */
function parametersOf(overloads: readonly Routine[]): RoutineParam[] {
  const seen = new Map<string, RoutineParam>();
  for (const p of overloads.flatMap(inputs)) if (!seen.has(p.name.toLowerCase())) seen.set(p.name.toLowerCase(), p);
  return [...seen.values()];
}

/**
 * `/_proc`, `/_func` and one path per routine the role may call (API.md 7.3): IN/INOUT parameters as
 * query parameters (GET) and body `params` (POST), OUT values and rows in the response.
 */
export function addRoutinePaths(ctx: ServicePaths, routines: readonly Routine[]): void {
  for (const kind of ['procedure', 'function'] as const) {
    const resource = RESOURCE[kind];
    const label = kind === 'procedure' ? 'Procedures' : 'Functions';
    addOperation(ctx, `/${resource}`, {
      method: 'get', verb: 'GET', component: resource, listing: true, operationId: `get${ctx.servicePascal}${label}`, summary: `List stored ${label.toLowerCase()}`,
      parameters: [listQuery('fields', '* adds descriptors.'), listQuery('ids', 'Descriptors of these routines.'), boolQuery('as_list', 'Names only.'), boolQuery('refresh', 'Re-read the catalog first.')],
      success: { description: 'Routines', schema: { type: 'object', properties: { resource: { type: 'array', items: { oneOf: [{ type: 'string' }, ref('RoutineSchema')] } } } } },
      errors: [400, 401, 403, 404, 503],
    });
    const byRoutineName = new Map<string, Routine[]>();
    for (const routine of routines.filter((r) => r.kind === kind)) byRoutineName.set(routine.name, [...(byRoutineName.get(routine.name) ?? []), routine]);
    for (const name of [...byRoutineName.keys()].sort()) {
      const overloads = byRoutineName.get(name) ?? [];
      const params = parametersOf(overloads);
      const component = `${resource}/${name}`;
      const path = `/${resource}/${segment(name)}`;
      const operationId = `call${ctx.servicePascal}${kind === 'procedure' ? 'Proc' : 'Func'}${pascal(name)}`;
      const success = { description: 'The result', schema: distinct(overloads.map(resultSchema)) };
      const description = overloads[0]?.description ?? undefined;
      // A query parameter named like a routine parameter is an argument, not an option.
      const options: Parameter[] = [query('returns', { type: 'string' }, 'Simple type of a scalar result (integer, string, …), or table.'),
        ...(kind === 'procedure' ? [query('wrapper', { type: 'string' }, 'Key under which the rows are wrapped.')] : [])]
        .filter((o) => !params.some((p) => p.name.toLowerCase() === o.name));
      const bodyParams: Schema = {
        description: 'IN and INOUT values: by name, as [{"name", "value"}], or positional.',
        anyOf: [
          { type: 'object', properties: Object.fromEntries(params.map((p) => [p.name, { ...nullable(typeSchema(p.type)), description: described(p) }])) },
          { type: 'array', items: { type: 'object', required: ['name'], properties: { name: params.length > 0 ? { type: 'string', enum: params.map((p) => p.name) } : { type: 'string' }, value: {} } } },
          { type: 'array', description: 'Values by position.', items: {} },
        ],
      };
      addOperation(ctx, path, {
        method: 'post', verb: 'POST', component, operationId, summary: `Call ${kind} ${name}`, ...(description ? { description } : {}),
        body: {
          required: false,
          schema: { type: 'object', properties: { params: bodyParams, returns: { type: 'string' }, ...(kind === 'procedure' ? { wrapper: { type: 'string' } } : {}), schema: { type: 'object', additionalProperties: { type: 'string' }, description: 'Result column → simple type.' } } },
        },
        success, errors: ERRORS,
      });
      addOperation(ctx, path, {
        method: 'get', verb: 'GET', component, operationId, summary: `Call ${kind} ${name} with query parameters`, ...(description ? { description } : {}),
        parameters: [...params.map((p) => query(p.name, typeSchema(p.type), described(p))), ...options],
        success, errors: ERRORS,
      });
    }
  }
}
