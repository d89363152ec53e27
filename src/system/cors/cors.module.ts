import { Module } from '@nestjs/common';
import { resourceController } from '../resource/resource.controller';
import { CorsRules } from './cors-rules.service';
import { CorsDefinitionHolder } from './cors.definition';

/** `system/cors` (API.md 4.9) and the cached rules the CORS middleware applies. */
@Module({
  controllers: [resourceController('cors', CorsDefinitionHolder, 'Cors')],
  providers: [CorsDefinitionHolder, CorsRules],
  exports: [CorsRules],
})
export class SystemCorsModule {}
