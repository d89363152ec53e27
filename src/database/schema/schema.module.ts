import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database.module';

/** `/{service}/_schema`: describe, create, alter and drop tables and fields (API.md 3.13). */
@Module({
  imports: [DatabaseModule],
  controllers: [],
  providers: [],
})
export class SchemaModule {}
