import { Module } from '@nestjs/common';
import { RelationshipService } from '../../relationships/relationship.service';
import { SchemaExtrasService } from './schema-extras.service';

/**
 * Schema extras and relationships of data services, for the schema API and the records API
 * (import this module, not SchemaModule, to use them without the `_schema` routes).
 */
@Module({
  providers: [SchemaExtrasService, RelationshipService],
  exports: [SchemaExtrasService, RelationshipService],
})
export class SchemaExtrasModule {}
