import { Global, Module } from '@nestjs/common';
import { ServiceRegistry } from '../service/service-registry.service';
import { SystemResourceService } from './system-resource.service';

/** Shared by every system resource and by the data services: the generic resource service and the service registry. */
@Global()
@Module({
  providers: [SystemResourceService, ServiceRegistry],
  exports: [SystemResourceService, ServiceRegistry],
})
export class SystemCoreModule {}
