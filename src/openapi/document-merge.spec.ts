import SwaggerParser from '@apidevtools/swagger-parser';
import { exampleInput } from '../../test/fixtures/openapi-schema';
import { builtInDocument, combineDocuments, type FixedDocument } from './document-merge';
import { buildServiceDocument } from './service-document';

const fixed: FixedDocument = {
  paths: {
    '/api/v2/user/session': { post: { operationId: 'userLogin', tags: ['user'], summary: 'Log in', responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/SessionDto' } } } } } } },
    '/api/v2/user': { get: { operationId: 'getUserResources', tags: ['user'], summary: 'Resources', responses: { 200: { description: 'ok' } } } },
    '/api/v2/users': { get: { operationId: 'notUser', tags: ['x'], summary: 'Another prefix', responses: { 200: { description: 'ok' } } } },
    '/api/v2/system/app': { get: { operationId: 'getApps', tags: ['system'], summary: 'Apps', responses: { 200: { description: 'ok' } } } },
  },
  components: { schemas: { SessionDto: { type: 'object', properties: { token: { type: 'string' } } }, Unused: { type: 'object' } } },
};

describe('a built-in service\'s document', () => {
  const user = builtInDocument(fixed, { name: 'user', label: 'User Management', description: null }, '1.0.0');

  it('takes the fixed document\'s paths under /api/v2/{svc}, relative to that server, with the schemas they use', async () => {
    expect(Object.keys(user.paths)).toEqual(['/session', '/']);
    expect(user.servers).toEqual([{ url: '/api/v2/user' }]);
    expect(Object.keys(user.components.schemas)).toContain('SessionDto');
    expect(Object.keys(user.components.schemas)).not.toContain('Unused');
    await SwaggerParser.validate(structuredClone(user) as never);
  });
});

describe('the combined document (api_docs)', () => {
  const db = buildServiceDocument(exampleInput({ routines: undefined }));
  const other = buildServiceDocument(exampleInput({ name: 'db2', label: 'Other', routines: undefined }));
  const user = builtInDocument(fixed, { name: 'user', label: 'User Management', description: null }, '1.0.0');
  const combined = combineDocuments([{ name: 'db', document: db }, { name: 'db2', document: other }, { name: 'user', document: user }], '1.0.0');

  it('prefixes paths with the service, renames each service\'s schemas and keeps the shared ones once', async () => {
    await SwaggerParser.validate(structuredClone(combined) as never);
    expect(combined.servers).toEqual([{ url: '/api/v2' }]);
    expect(Object.keys(combined.paths)).toEqual(expect.arrayContaining(['/db', '/db/_table/contact', '/db2/_table/contact/{id}', '/user/session', '/user']));
    expect(Object.keys(combined.components.schemas)).toEqual(expect.arrayContaining(['Error', 'Meta', 'db.contact.Record', 'db2.contact.Record', 'user.SessionDto']));
    expect(JSON.stringify(combined.paths['/db2/_table/contact'])).toContain('#/components/schemas/db2.contact.List');
    expect(combined.tags.map((t) => t.name)).toEqual(['db', 'db2', 'user']);
  });

  it('keeps operationIds unique', () => {
    const ids = Object.values(combined.paths).flatMap((item) => Object.values(item).map((op) => (op as { operationId: string }).operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
