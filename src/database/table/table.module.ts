import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database.module';

/** `/{service}/_table`: the records API (API.md 3.2–3.9). */
@Module({
  imports: [DatabaseModule],
  controllers: [],
  providers: [],
})
export class TableModule {}
