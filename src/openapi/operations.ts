import type { AccessPredicate, AccessVerb, HttpMethod, Operation, Parameter, PathItem, Response, Schema } from './openapi.types';
import type { UniqueNames } from './names';
import { errorResponses, json } from './shared-components';

/** What the path builders of one service document share. */
export interface ServicePaths {
  readonly service: string;
  /** `Db` for service `db`: the service part of every operationId. */
  readonly servicePascal: string;
  readonly operationIds: UniqueNames;
  readonly allows: AccessPredicate;
  /** Path → operations, filled in generation order. */
  readonly paths: Record<string, Record<string, Operation>>;
}

/** A query parameter as API.md 7.2 documents them (`style: form`, `explode: false`). */
export const query = (name: string, schema: Schema, description?: string): Parameter => ({
  name, in: 'query', style: 'form', explode: false, ...(description ? { description } : {}), schema,
});

/** A comma-separated list parameter: an array of strings. */
export const listQuery = (name: string, description: string, items: Schema = { type: 'string' }): Parameter =>
  query(name, { type: 'array', items }, description);

export const boolQuery = (name: string, description: string): Parameter => query(name, { type: 'boolean' }, description);

export const pathParam = (name: string, description: string, schema: Schema = { type: 'string' }): Parameter => ({
  name, in: 'path', required: true, description, schema,
});

export interface OperationSpec {
  readonly method: HttpMethod;
  /** The verb the role must grant; also the method's verb unless tunnelled. */
  readonly verb: AccessVerb;
  /** Role component (API.md 6.3), before lower-casing. */
  readonly component: string;
  /** operationId before the collision suffix. */
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly parameters?: readonly Parameter[];
  readonly body?: { readonly schema: Schema; readonly required: boolean; readonly description?: string };
  readonly success?: { readonly description: string; readonly schema: Schema };
  readonly errors: readonly number[];
  readonly batch?: boolean;
  /**
   * A listing (`/`, `/_table`, `/_schema`, `/_proc`, `/_func`): allowed to anyone with access to the
   * service, listing only what the role may use (API.md 6.3), so the predicate is not asked.
   */
  readonly listing?: boolean;
}

/**
 * Adds the operation to `path` when the caller's role allows its verb on its component; returns
 * whether it did. The tag is the service name; the errors carry the envelope and `default`.
 */
export function addOperation(ctx: ServicePaths, path: string, spec: OperationSpec): boolean {
  if (!spec.listing && !ctx.allows(spec.component.toLowerCase(), spec.verb)) return false;
  const responses: Record<string, Response> = {};
  if (spec.success) responses['200'] = { description: spec.success.description, content: json(spec.success.schema) };
  Object.assign(responses, errorResponses(spec.errors, { batch: spec.batch }));
  const operation: Operation = {
    operationId: ctx.operationIds.claim(spec.operationId),
    tags: [ctx.service],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.parameters && spec.parameters.length > 0 ? { parameters: spec.parameters } : {}),
    ...(spec.body ? { requestBody: { ...(spec.body.description ? { description: spec.body.description } : {}), required: spec.body.required, content: json(spec.body.schema) } } : {}),
    responses,
  };
  ctx.paths[path] ??= {};
  ctx.paths[path][spec.method] = operation;
  return true;
}

/** The paths in the order they were generated, without empty ones. */
export function finishedPaths(ctx: ServicePaths): Record<string, PathItem> {
  return Object.fromEntries(Object.entries(ctx.paths).filter(([, item]) => Object.keys(item).length > 0));
}
