import type { Relationship } from '../database/relationships/discover';
import type { Routine } from '../database/routines/routine.types';
import type { TableSchema } from '../database/schema-cache/schema.types';
import { byName, pascal, schemaBase, UniqueNames } from './names';
import { addOperation, boolQuery, finishedPaths, listQuery, type ServicePaths } from './operations';
import { ALLOW_ALL, type AccessPredicate, type AccessVerb, type Document, type Schema } from './openapi.types';
import { recordSchemas } from './record-schemas';
import { addRoutinePaths } from './routine-paths';
import { addSchemaPaths } from './schema-paths';
import { ref, SECURITY, SECURITY_SCHEMES, SHARED_SCHEMAS } from './shared-components';
import { addTablePaths } from './table-paths';
import type { Labels } from './type-schemas';

/** What the document of one database service is generated from: its live schema. */
export interface ServiceDocumentInput {
  readonly name: string;
  readonly label: string;
  readonly description: string | null;
  /** Server version (`info.version`). */
  readonly version: string;
  readonly tables: readonly TableSchema[];
  /** Relationships by real table name, as `discoverRelationships` gives them. */
  readonly relationships: ReadonlyMap<string, readonly Relationship[]>;
  /** The routine catalog; undefined when the engine has none (SQLite: no `_proc`/`_func` paths). */
  readonly routines?: readonly Routine[];
  /** Stored labels and descriptions (API.md 3.14 extras) by real table name, then field name. */
  readonly labels?: {
    readonly tables: ReadonlyMap<string, Labels>;
    readonly fields: ReadonlyMap<string, ReadonlyMap<string, Labels>>;
  };
}

const VERBS: readonly AccessVerb[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A table the role may use in some verb, on the collection or on single records. */
function isVisible(table: TableSchema, allows: AccessPredicate): boolean {
  const component = `_table/${table.name}`.toLowerCase();
  return VERBS.some((verb) => allows(component, verb) || allows(`${component}/{id}`, verb));
}

const canRead = (table: string | null, allows: AccessPredicate): boolean => table === null || allows(`_table/${table}`.toLowerCase(), 'GET');

/**
 * The OpenAPI 3.0.3 document of one database service (API.md 7.3), limited to what `allows`
 * grants: tables, routines and verbs the role cannot use are left out, and so are their schemas
 * and the relationships to tables it cannot read. Pure and deterministic: the same schema and
 * grants give the same document.
 * @example buildServiceDocument({ name: 'db', label: 'Local SQLite', … }, (component, verb) => component === '_table/contact' && verb === 'GET')
 *          // paths '/', '/_table', '/_table/contact' (get), '/_schema'; schemas contact.Record, contact.List, …
 */
export function buildServiceDocument(input: ServiceDocumentInput, allows: AccessPredicate = ALLOW_ALL): Document {
  const ctx: ServicePaths = { service: input.name, servicePascal: pascal(input.name), operationIds: new UniqueNames(), allows, paths: {} };
  const names = `${ctx.servicePascal}`;
  addOperation(ctx, '/', {
    method: 'get', verb: 'GET', component: '', listing: true, operationId: `get${names}Resources`, summary: `Resources of ${input.name}`,
    parameters: [listQuery('fields', '* adds labels.'), boolQuery('as_list', 'Names only.'), boolQuery('as_access_list', 'Role components for a role editor.')],
    success: { description: 'Resources', schema: ref('NameList') }, errors: [400, 401, 403, 404],
  });
  addOperation(ctx, '/_table', {
    method: 'get', verb: 'GET', component: '_table', listing: true, operationId: `get${names}Tables`, summary: 'List tables and views',
    parameters: [listQuery('fields', 'Descriptor keys; * for descriptors with access.'), boolQuery('as_list', 'Names only.'), listQuery('ids', 'Only these tables.'), boolQuery('refresh', 'Re-read the table list.')],
    success: { description: 'Tables and views the caller may access', schema: ref('NameList') }, errors: [400, 401, 403, 404, 503],
  });

  const visible = [...input.tables].sort(byName).filter((t) => isVisible(t, allows));
  const schemaNames = new UniqueNames('_');
  const bases = new Map(visible.map((t) => [t.name, schemaNames.claim(schemaBase(t.name))]));
  const schemas: Record<string, Schema> = {};
  for (const table of visible) {
    const base = bases.get(table.name)!;
    const readable = (input.relationships.get(table.name) ?? []).filter((r) => canRead(r.refTable, allows) && canRead(r.junctionTable, allows));
    const labels = { table: input.labels?.tables.get(table.name), fields: input.labels?.fields.get(table.name) };
    Object.assign(schemas, recordSchemas(table, base, readable, (name) => bases.get(name), labels));
    addTablePaths(ctx, table, base, readable);
  }
  addSchemaPaths(ctx);
  if (input.routines) addRoutinePaths(ctx, input.routines);

  return {
    openapi: '3.0.3',
    info: { title: input.label, description: input.description ?? `Database service ${input.name}`, version: input.version },
    servers: [{ url: `/api/v2/${input.name}` }],
    security: SECURITY,
    tags: [{ name: input.name, description: input.label }],
    paths: finishedPaths(ctx),
    components: { schemas: { ...SHARED_SCHEMAS, ...schemas }, securitySchemes: SECURITY_SCHEMES },
  };
}
