import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from './error-envelope.dto';

export const SECURITY_SCHEMES = {
  ApiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-DreamFactory-API-Key' },
  ApiKeyQuery: { type: 'apiKey', in: 'query', name: 'api_key' },
  SessionTokenHeader: { type: 'apiKey', in: 'header', name: 'X-DreamFactory-Session-Token' },
  SessionTokenQuery: { type: 'apiKey', in: 'query', name: 'session_token' },
  BearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
} as const;

/** The fixed API's document, built from the route decorators (API.md 7.1). */
export function buildStaticDocument(app: INestApplication, version: string): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Instant SQL REST API')
    .setDescription('DreamFactory v2 compatible REST API over PostgreSQL, MySQL/MariaDB and SQLite.')
    .setVersion(version)
    .setOpenAPIVersion('3.0.3')
    .addServer('/');
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) builder.addSecurity(name, { ...scheme });
  for (const name of Object.keys(SECURITY_SCHEMES)) builder.addSecurityRequirements(name);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ErrorEnvelopeDto] });
  return document;
}

export function setupSwagger(app: INestApplication, document: OpenAPIObject, serveUi: boolean): void {
  SwaggerModule.setup('api/docs', app, document, {
    ui: serveUi,
    raw: ['json'],
    jsonDocumentUrl: 'api/docs-json',
    swaggerOptions: { persistAuthorization: true },
    customSiteTitle: 'Instant SQL REST API',
  });
}
