import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database.module';
import { SchemaExtrasModule } from '../schema/extras/schema-extras.module';
import { TableController } from './table.controller';
import { RecordsFastPath } from './records-fast-path';
import { TableService } from './table.service';

/** `/{service}/_table`: the records API (API.md 3.2–3.9). */
@Module({
  imports: [DatabaseModule, SchemaExtrasModule],
  controllers: [TableController],
  providers: [TableService, RecordsFastPath],
  exports: [RecordsFastPath],
})
export class TableModule {}
