import type { Caller } from '../common/http/request-context';
import type { ServiceEntity } from '../system/service/service.entity';
import type { AccessPredicate } from './openapi.types';

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
 * and verb, which paths the document keeps. OpenApiModule provides RoleDocsAccess (the effective
 * role's rows, role-docs-access.ts); another policy plugs in by providing its own implementation.
 */
export abstract class DocsAccess {
  abstract forService(caller: Caller, service: ServiceEntity): Promise<DocsGrant | undefined>;
}
