/**
 * The parts of OpenAPI 3.0.3 the generated documents use. Schemas stay loose (JSON Schema objects
 * are open-ended); the document structure is typed so a misplaced key does not compile.
 */
export type Schema = { readonly [key: string]: unknown };

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The verbs a role grants (API.md 6.3). */
export type AccessVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Parameter {
  readonly name: string;
  readonly in: 'query' | 'header' | 'path';
  readonly description?: string;
  readonly required?: boolean;
  readonly style?: 'form' | 'simple';
  readonly explode?: boolean;
  readonly schema: Schema;
}

export interface MediaType {
  readonly schema: Schema;
}

export interface Response {
  readonly description: string;
  readonly content?: { readonly 'application/json': MediaType };
}

export interface Operation {
  readonly operationId: string;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly description?: string;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly description?: string; readonly required: boolean; readonly content: { readonly 'application/json': MediaType } };
  readonly responses: Readonly<Record<string, Response>>;
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
}

export type PathItem = { readonly [M in HttpMethod]?: Operation } & { readonly parameters?: readonly Parameter[] };

export interface Document {
  readonly openapi: '3.0.3';
  readonly info: { readonly title: string; readonly description: string; readonly version: string };
  readonly servers: readonly { readonly url: string }[];
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
  readonly tags: readonly { readonly name: string; readonly description?: string }[];
  readonly paths: Readonly<Record<string, PathItem>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, Schema>>;
    readonly securitySchemes: Readonly<Record<string, Schema>>;
  };
}

/**
 * May the caller use `verb` on `component` of the service (API.md 6.3)? Components are written as
 * a request would present them (`''`, `_table/contact`, `_proc/add_order`); a segment in braces
 * (`_table/contact/{id}`, `_schema/{table_name}`) stands for "any value", which exact rows never
 * match and prefix or wildcard rows do.
 */
export type AccessPredicate = (component: string, verb: AccessVerb) => boolean;

export const ALLOW_ALL: AccessPredicate = () => true;
