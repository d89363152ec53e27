import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RoleResolver } from '../../auth/session/role-resolver';
import { AppDirectory } from '../app/app-directory.service';
import { LookupDirectory } from '../lookup/lookup-directory.service';
import { SystemResourceService } from '../resource/system-resource.service';
import { ServiceRegistry } from '../service/service-registry.service';

/**
 * Keeps the caches behind access control current in this process (issue #9, item 5): any write
 * to a system resource (roles and their rows, apps, users and their mappings, lookups) drops the
 * cached roles, mappings, lookups and apps at once; a service change drops the roles (access rows
 * follow their service). Other instances catch up within the caches' one-second lifetime.
 */
@Injectable()
export class AccessCacheSync implements OnModuleInit {
  constructor(
    private readonly resources: SystemResourceService,
    private readonly registry: ServiceRegistry,
    private readonly roles: RoleResolver,
    private readonly lookups: LookupDirectory,
    private readonly apps: AppDirectory,
  ) {}

  onModuleInit(): void {
    this.resources.onChange(() => this.flush());
    this.registry.onChange(() => this.roles.invalidate());
  }

  flush(): void {
    this.roles.invalidate();
    this.lookups.invalidate();
    this.apps.invalidate();
  }
}
