import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { AdminDocsAccess, DocsAccess } from './docs-access';
import { FixedDocumentStore } from './fixed-document.store';
import { OpenApiController } from './openapi.controller';
import { OpenApiService } from './openapi.service';

/**
 * Generated OpenAPI documents (API.md 7): `api_docs`, `api_docs/{service}`, `{service}/_spec`.
 * Registered before the service root (`GET /{service}` would take `/api_docs`). Access control
 * plugs in by replacing the DocsAccess provider (see docs-access.ts).
 */
@Module({
  imports: [DatabaseModule],
  controllers: [OpenApiController],
  providers: [OpenApiService, FixedDocumentStore, { provide: DocsAccess, useClass: AdminDocsAccess }],
})
export class OpenApiModule {}
