import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database.module';
import { SchemaExtrasModule } from './extras/schema-extras.module';
import { FieldController } from './field.controller';
import { FieldWriter } from './field-writer.service';
import { RelatedController } from './related.controller';
import { RelatedWriter } from './related-writer.service';
import { SchemaController } from './schema.controller';
import { SchemaReader } from './schema-reader.service';
import { SchemaWriter } from './schema-writer.service';

/**
 * `/{service}/_schema`: describe, create, alter and drop tables and fields, relationships and
 * their extras (API.md 3.13). Controller order matters: `_related` and `_field` before the
 * `/_schema/{t}/{f}` alias.
 */
@Module({
  imports: [DatabaseModule, SchemaExtrasModule],
  controllers: [SchemaController, RelatedController, FieldController],
  providers: [SchemaReader, SchemaWriter, FieldWriter, RelatedWriter],
  exports: [SchemaExtrasModule],
})
export class SchemaModule {}
