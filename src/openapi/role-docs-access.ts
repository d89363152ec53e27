import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { grants, grantsBelow, requestComponent } from '../auth/access/access-policy';
import { AccessService } from '../auth/access/access.service';
import { isAdmin, type Caller } from '../common/http/request-context';
import type { ServiceEntity } from '../system/service/service.entity';
import { DocsAccess, type DocsGrant } from './docs-access';
import { ALLOW_ALL } from './openapi.types';

const ADMIN: DocsGrant = { key: 'admin', allows: ALLOW_ALL };

/**
 * The documents a role may read (API.md 6.3, 7.1): a service's document when the effective role
 * grants any verb on any of its components, holding only the paths and verbs the role grants.
 * The cache key carries a digest of the role's rows, so a changed role never sees a stale document.
 */
@Injectable()
export class RoleDocsAccess extends DocsAccess {
  constructor(private readonly access: AccessService) {
    super();
  }

  async forService(caller: Caller, service: ServiceEntity): Promise<DocsGrant | undefined> {
    if (isAdmin(caller)) return ADMIN;
    const role = await this.access.roleOf(caller);
    if (!role?.isActive || !grantsBelow(role.rules, service.name, service.id, '')) return undefined;
    const digest = createHash('sha256').update(JSON.stringify(role.rules.map((r) => [r.serviceId, r.component, r.verbMask, r.requestorMask]))).digest('hex').slice(0, 16);
    return {
      key: `role:${role.id}:${digest}`,
      allows: (component, verb) => grants(role.rules, { serviceName: service.name, serviceId: service.id, component: requestComponent(component), verb }),
    };
  }
}
