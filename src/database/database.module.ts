import { Module } from '@nestjs/common';
import { ConnectionManager } from './connection/connection-manager';
import { DataPlane } from './data-plane.service';
import { RoutineController } from './procedure/routine.controller';
import { RoutineService } from './procedure/routine.service';

/** Database services: one pool per service, and their resources (`_table`, `_schema`, `_proc`, `_func`). */
@Module({
  controllers: [RoutineController],
  providers: [ConnectionManager, DataPlane, RoutineService],
  exports: [ConnectionManager, DataPlane, RoutineService],
})
export class DatabaseModule {}
