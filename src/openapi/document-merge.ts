import { UniqueNames } from './names';
import type { Document, Operation, PathItem, Schema } from './openapi.types';
import { SECURITY, SECURITY_SCHEMES, SHARED_SCHEMAS } from './shared-components';

const SCHEMA_REF = '#/components/schemas/';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The fixed document as Nest's scanner builds it, read loosely. */
export interface FixedDocument {
  readonly paths: Readonly<Record<string, PathItem>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, unknown>> };
}

/** A copy of `value` with every schema `$ref` renamed. */
export function renameRefs<T>(value: T, rename: (name: string) => string): T {
  if (Array.isArray(value)) return value.map((item: unknown) => renameRefs(item, rename)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof item === 'string' && item.startsWith(SCHEMA_REF)
      ? SCHEMA_REF + rename(item.slice(SCHEMA_REF.length))
      : renameRefs(item, rename);
  }
  return out as T;
}

/** The schemas reachable from `roots`, by name, in the order of `schemas`. */
export function reachableSchemas(roots: unknown, schemas: Readonly<Record<string, unknown>>): Record<string, Schema> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith(SCHEMA_REF)) {
        const name = item.slice(SCHEMA_REF.length);
        if (!found.has(name) && schemas[name] !== undefined) {
          found.add(name);
          visit(schemas[name]);
        }
      } else visit(item);
    }
  };
  visit(roots);
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => found.has(name))) as Record<string, Schema>;
}

const withTags = (item: PathItem, tags: readonly string[]): PathItem =>
  Object.fromEntries(Object.entries(item).map(([method, op]) => [method, (METHODS as readonly string[]).includes(method) ? { ...(op as Operation), tags } : op]));

/**
 * A built-in service's document (`system`, `user`, `api_docs`): the fixed document's paths under
 * `/api/v2/{svc}`, relative to the server `/api/v2/{svc}` (API.md 7.1).
 */
export function builtInDocument(fixed: FixedDocument, service: { name: string; label: string; description: string | null }, version: string): Document {
  const prefix = `/api/v2/${service.name}`;
  const paths: Record<string, PathItem> = {};
  for (const [path, item] of Object.entries(fixed.paths)) {
    if (path !== prefix && !path.startsWith(`${prefix}/`)) continue;
    paths[path.slice(prefix.length) || '/'] = withTags(item, [service.name]);
  }
  const schemas = { ...(fixed.components?.schemas ?? {}), ...SHARED_SCHEMAS };
  return {
    openapi: '3.0.3',
    info: { title: service.label, description: service.description ?? `The ${service.name} service`, version },
    servers: [{ url: prefix }],
    security: SECURITY,
    tags: [{ name: service.name, description: service.label }],
    paths,
    components: { schemas: { ...SHARED_SCHEMAS, ...reachableSchemas(paths, schemas) }, securitySchemes: SECURITY_SCHEMES },
  };
}

/**
 * One document for several services (`GET /api_docs`, API.md 7.1): paths prefixed `/{svc}`, server
 * `/api/v2`. Shared schemas are kept once; a service's own schemas are renamed `{svc}.{name}`, and
 * operationIds that two services share get a numeric suffix.
 */
export function combineDocuments(services: readonly { readonly name: string; readonly document: Document }[], version: string): Document {
  const operationIds = new UniqueNames();
  const paths: Record<string, PathItem> = {};
  const schemas: Record<string, Schema> = { ...SHARED_SCHEMAS };
  for (const { name, document } of services) {
    const rename = (schema: string) => (schema in SHARED_SCHEMAS ? schema : `${name}.${schema}`);
    for (const [schema, body] of Object.entries(document.components.schemas)) {
      if (!(schema in SHARED_SCHEMAS)) schemas[rename(schema)] = renameRefs(body, rename);
    }
    for (const [path, item] of Object.entries(document.paths)) {
      const renamed: Record<string, unknown> = {};
      for (const [method, op] of Object.entries(renameRefs(item, rename))) {
        const isOperation = (METHODS as readonly string[]).includes(method);
        renamed[method] = isOperation ? { ...(op as Operation), operationId: operationIds.claim((op as Operation).operationId) } : op;
      }
      paths[`/${name}${path === '/' ? '' : path}`] = renamed as PathItem;
    }
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Instant SQL REST API', description: 'Every service the caller may access.', version },
    servers: [{ url: '/api/v2' }],
    security: SECURITY,
    tags: services.map(({ name, document }) => ({ name, description: document.info.title })),
    paths,
    components: { schemas, securitySchemes: SECURITY_SCHEMES },
  };
}
