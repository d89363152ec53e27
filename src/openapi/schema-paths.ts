import { addOperation, boolQuery, listQuery, pathParam, type ServicePaths } from './operations';
import type { AccessVerb, HttpMethod, Parameter, Schema } from './openapi.types';
import { ref } from './shared-components';

const ERRORS = [400, 401, 403, 404, 503];
const WRITE_ERRORS = [400, 401, 403, 404, 409, 503];

const TABLE = pathParam('table_name', 'Table or view name.');
const FIELD = pathParam('field_name', 'Field name.');
const RELATIONSHIP = pathParam('relationship_name', 'Relationship name (or alias).');
const IDS = listQuery('ids', 'Only these names.');
const FIELDS = listQuery('fields', 'Descriptor keys to return; * for all.');
const AS_LIST = boolQuery('as_list', 'Answer with names only.');
const REFRESH = boolQuery('refresh', 'Re-read the schema from the database first.');
const BATCH = [boolQuery('continue', 'Attempt every item and report each (3.7).'), boolQuery('rollback', 'All or nothing (3.7).')];

const resources = (item: string): Schema => ({ type: 'object', required: ['resource'], properties: { resource: { type: 'array', items: ref(item) } } });

interface Family {
  /** Path under `/_schema`, and the role component with placeholders. */
  readonly path: string;
  readonly component: string;
  readonly parameters: readonly Parameter[];
  /** Several items per request (ids, batch flags) rather than one. */
  readonly collection: boolean;
  /** operationId stem per verb: `describe` + `Db` + stem. */
  readonly stems: Readonly<Partial<Record<AccessVerb, string>>>;
  /** The descriptor read and written: TableSchema, FieldSchema or RelationshipSchema. */
  readonly item: string;
  readonly written: Schema;
  readonly what: string;
}

const VERBS: readonly [HttpMethod, AccessVerb, string, string][] = [
  ['get', 'GET', 'describe', 'Describe'], ['post', 'POST', 'create', 'Create or merge'], ['put', 'PUT', 'replace', 'Create or replace'],
  ['patch', 'PATCH', 'update', 'Create or alter'], ['delete', 'DELETE', 'delete', 'Drop'],
];

const ALL = (stem: string) => ({ GET: stem, POST: stem, PUT: stem, PATCH: stem, DELETE: stem });
const one = (descriptor: string): Schema => ({ anyOf: [ref(descriptor), ref('NameList'), ref('Success')] });
const payload = (family: Family): Schema => (family.collection ? resources(family.item) : ref(family.item));

const FAMILIES: readonly Family[] = [
  { path: '', component: '_schema', parameters: [], collection: true, stems: { ...ALL('Tables'), GET: 'Schema' },
    item: 'TableSchema', written: ref('NameList'), what: 'tables' },
  { path: '/{table_name}', component: '_schema/{table_name}', parameters: [TABLE], collection: false, stems: ALL('Table'),
    item: 'TableSchema', written: one('TableSchema'), what: 'one table' },
  { path: '/{table_name}/_field', component: '_schema/{table_name}/_field', parameters: [TABLE], collection: true, stems: ALL('Fields'),
    item: 'FieldSchema', written: ref('NameList'), what: 'fields' },
  { path: '/{table_name}/_field/{field_name}', component: '_schema/{table_name}/_field/{field_name}', parameters: [TABLE, FIELD], collection: false,
    stems: ALL('Field'), item: 'FieldSchema', written: one('FieldSchema'), what: 'one field' },
  { path: '/{table_name}/_related', component: '_schema/{table_name}/_related', parameters: [TABLE], collection: true,
    stems: { GET: 'Relationships', POST: 'Relationships', PUT: 'Relationships', PATCH: 'Relationships' },
    item: 'RelationshipSchema', written: ref('NameList'), what: 'relationships' },
  { path: '/{table_name}/_related/{relationship_name}', component: '_schema/{table_name}/_related/{relationship_name}', parameters: [TABLE, RELATIONSHIP],
    collection: false, stems: ALL('Relationship'), item: 'RelationshipSchema', written: one('RelationshipSchema'), what: 'one relationship' },
];

function parametersOf(family: Family, method: HttpMethod): Parameter[] {
  const isList = family.path === '';
  if (method === 'get') return [...family.parameters, ...(family.collection ? [IDS, FIELDS] : []), ...(isList ? [AS_LIST, REFRESH] : [])];
  if (method === 'delete') return [...family.parameters, ...(family.collection ? [IDS, ...BATCH] : [])];
  return [...family.parameters, FIELDS, ...(family.collection ? BATCH : [])];
}

/**
 * The schema API of API.md 3.13 in generic form (`/_schema/{table_name}/…`), each verb the role
 * allows on the family's component (placeholders read as "any name").
 */
export function addSchemaPaths(ctx: ServicePaths): void {
  for (const family of FAMILIES) {
    const path = `/_schema${family.path}`;
    for (const [method, verb, prefix, summary] of VERBS) {
      const stem = family.stems[verb];
      if (!stem) continue;
      const read = method === 'get';
      addOperation(ctx, path, {
        method, verb, component: family.component, listing: family.path === '' && read,
        operationId: family.path === '' && read ? `get${ctx.servicePascal}Schema` : `${prefix}${ctx.servicePascal}${stem}`,
        summary: `${summary} ${family.what}`,
        parameters: parametersOf(family, method),
        ...(read || method === 'delete' ? {} : { body: { required: true, schema: payload(family) } }),
        success: read
          ? { description: 'Descriptors', schema: payload(family) }
          : { description: 'Names of what was written (descriptors with fields), or {"success":true}', schema: method === 'delete' ? { anyOf: [ref('NameList'), ref('Success')] } : family.written },
        errors: read ? ERRORS : WRITE_ERRORS,
        batch: !read && family.collection,
      });
    }
  }
}
