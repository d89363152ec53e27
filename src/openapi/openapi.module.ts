import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { SchemaExtrasModule } from '../database/schema/extras/schema-extras.module';
import { DocsAccess } from './docs-access';
import { FixedDocumentStore } from './fixed-document.store';
import { OpenApiController } from './openapi.controller';
import { OpenApiService } from './openapi.service';
import { RoleDocsAccess } from './role-docs-access';

/**
 * Generated OpenAPI documents (API.md 7): `api_docs`, `api_docs/{service}`, `{service}/_spec`.
 * Registered before the service root (`GET /{service}` would take `/api_docs`). Access control
 * is RoleDocsAccess: the caller's effective role decides which services and paths are documented.
 */
@Module({
  imports: [DatabaseModule, SchemaExtrasModule],
  controllers: [OpenApiController],
  providers: [OpenApiService, FixedDocumentStore, { provide: DocsAccess, useClass: RoleDocsAccess }],
})
export class OpenApiModule {}
