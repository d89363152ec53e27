import { Injectable } from '@nestjs/common';
import { isAdmin, type Caller } from '../common/http/request-context';
import type { ServiceEntity } from '../system/service/service.entity';
import { ALLOW_ALL, type AccessPredicate } from './openapi.types';

/** What a caller may see in one service's document. */
export interface DocsGrant {
  /** Callers with the same key see the same document (a role id, `admin`): it keys the cache. */
  readonly key: string;
  readonly allows: AccessPredicate;
}

/**
 * The hook between the OpenAPI documents and access control (API.md 6.3, 7.1). For each service a
 * caller asks about, it answers undefined (no access: 403 on `api_docs/{svc}` and `{svc}/_spec`,
 * left out of `api_docs` and its `as_list`) or a grant whose predicate decides, per role component
 * and verb, which paths the document keeps.
 *
 * RBAC plugs in by providing another implementation in OpenApiModule
 * (`{ provide: DocsAccess, useClass: RoleDocsAccess }`): grant when the effective role has any
 * verb on any component of the service, with `allows = (component, verb) => grants(role rules,
 * { serviceName, serviceId, component, verb })`, and `key` = the role id.
 */
export abstract class DocsAccess {
  abstract forService(caller: Caller, service: ServiceEntity): Promise<DocsGrant | undefined>;
}

const ADMIN: DocsGrant = { key: 'admin', allows: ALLOW_ALL };

/** Until roles grant data services (#9): admins see every document in full, nobody else any. */
@Injectable()
export class AdminDocsAccess extends DocsAccess {
  forService(caller: Caller): Promise<DocsGrant | undefined> {
    return Promise.resolve(isAdmin(caller) ? ADMIN : undefined);
  }
}
