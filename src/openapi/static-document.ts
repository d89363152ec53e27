import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { reachableSchemas } from './document-merge';
import { ErrorEnvelopeDto } from './error-envelope.dto';
import { SECURITY_SCHEMES, SHARED_SCHEMAS } from './shared-components';

export { SECURITY_SCHEMES } from './shared-components';
export { setupSwagger } from './swagger-ui';

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/**
 * The fixed API's document, built from the route decorators (API.md 7.1), with the properties of
 * 7.2: the shared schemas (`Error`, `BatchError`, `Meta`, …), public operations with
 * `security: []`, and a tag list.
 */
export function buildStaticDocument(app: INestApplication, version: string): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Instant SQL REST API')
    .setDescription('DreamFactory v2 compatible REST API over PostgreSQL, MySQL/MariaDB and SQLite. Per-service documents, typed from the live schema: GET /api/v2/api_docs/{service}.')
    .setVersion(version)
    .setOpenAPIVersion('3.0.3')
    .addServer('/');
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) builder.addSecurity(name, { ...scheme });
  for (const name of Object.keys(SECURITY_SCHEMES)) builder.addSecurityRequirements(name);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ErrorEnvelopeDto] });
  return normalize(document);
}

/**
 * `@Public()` leaves `security: [{}]` ("no credentials is one alternative"); the contract writes a
 * public operation as `security: []`. The DTO-derived `Error` gives way to the shared one.
 */
function normalize(document: OpenAPIObject): OpenAPIObject {
  const tags = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, { security?: unknown[]; tags?: string[] }>)) {
      if (!METHODS.has(method)) continue;
      if (operation.security?.length === 1 && Object.keys(operation.security[0] as object).length === 0) operation.security = [];
      for (const tag of operation.tags ?? []) tags.add(tag);
    }
  }
  const schemas = { ...(document.components?.schemas ?? {}), ...SHARED_SCHEMAS };
  const { title, description, version } = document.info;
  return {
    ...document,
    info: { title, description: description ?? '', version },
    tags: [...tags].sort().map((name) => ({ name })),
    components: { ...document.components, schemas: { ...SHARED_SCHEMAS, ...reachableSchemas(document.paths, schemas) } },
  };
}
