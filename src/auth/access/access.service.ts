import { Injectable, Logger } from '@nestjs/common';
import { AppError, isAppError } from '../../common/errors';
import { callerLookup } from '../../common/http/caller-lookups';
import { isAdmin, type Caller } from '../../common/http/request-context';
import type { Dialect } from '../../database/dialect';
import type { TableSchema } from '../../database/schema-cache/schema.types';
import type { Part } from '../../database/sql/parts';
import { checkFilter, compileFilter, filterFromRoleRules, tableResolver, type LookupFn } from '../../filter';
import { LookupDirectory } from '../../system/lookup/lookup-directory.service';
import { ServiceRegistry } from '../../system/service/service-registry.service';
import { RoleResolver } from '../session/role-resolver';
import {
  accessDeniedMessage, decide, grants, mayAccess, recordFilterRule, requestComponent, VERBS, type PolicyRole, type Verb,
} from './access-policy';

/** Access answers for one request on one data service (see AccessService.forRequest). */
export interface RequestAccess {
  /** Whether the role grants `verb` on a component of this service (`_table/orders`). */
  allows(component: string, verb: Verb): boolean;
  /** The role's record filter on `table` for `verb` as SQL parts, undefined when none applies; 403 when unusable. */
  recordFilter(table: TableSchema, verb: Verb, dialect: Dialect): Part[] | undefined;
  /** Built-in and custom lookups of the caller. */
  readonly lookup: LookupFn;
}

/** A request as the guard sees it: service by name, component after it, effective verb. */
export interface AccessRequest {
  readonly serviceName: string;
  readonly component: string;
  readonly verb: Verb;
  readonly adminOnly: boolean;
}

/**
 * Access control of API.md 6 for the running application: gathers the caller's effective role
 * (cached) and the service ids, and asks the pure policy. Also the role's record filters (6.6),
 * the lookups of a request and the visibility of listed items, for the services that need them.
 */
@Injectable()
export class AccessService {
  private readonly logger = new Logger(AccessService.name);

  constructor(
    private readonly roles: RoleResolver,
    private readonly registry: ServiceRegistry,
    private readonly lookups: LookupDirectory,
  ) {}

  /** Allows the request or throws the denial of 6.5; on success the caller carries its role. */
  async check(caller: Caller, request: AccessRequest): Promise<void> {
    const policyCaller = { isAdmin: isAdmin(caller), hasUser: caller.user !== undefined, hasApp: caller.app !== undefined };
    const needsRole = !policyCaller.isAdmin && policyCaller.hasApp && !request.adminOnly;
    const role = needsRole ? await this.roleOf(caller) : undefined;
    const serviceId = needsRole ? await this.serviceId(request.serviceName) : undefined;
    const decision = decide(policyCaller, role, { ...request, serviceId });
    if (!decision.allowed) throw new AppError(decision.reason, decision.message);
    if (role) caller.role = { id: role.id, name: role.name };
  }

  /** The caller's effective role (6.2); undefined for admins and callers without one. */
  async roleOf(caller: Caller): Promise<PolicyRole | undefined> {
    if (isAdmin(caller) || !caller.app) return undefined;
    const roleId = await this.roles.roleIdFor(caller.user?.id, caller.app);
    return roleId === undefined ? undefined : this.roles.policyRole(roleId);
  }

  /** Whether the caller may use `verb` on a component of a service (related tables, 3.12.3). */
  async allows(caller: Caller, serviceName: string, component: string, verb: Verb): Promise<boolean> {
    if (isAdmin(caller)) return true;
    const role = await this.roleOf(caller);
    if (!role?.isActive) return false;
    return grants(role.rules, { serviceName: serviceName.toLowerCase(), serviceId: await this.serviceId(serviceName), component: requestComponent(component), verb });
  }

  /** The components (e.g. `_table/{t}` of a listing) the caller may use with some verb. */
  async visible(caller: Caller, serviceName: string, components: readonly string[]): Promise<boolean[]> {
    if (isAdmin(caller)) return components.map(() => true);
    const role = await this.roleOf(caller);
    if (!role?.isActive) return components.map(() => false);
    const name = serviceName.toLowerCase();
    const id = await this.serviceId(name);
    return components.map((component) => mayAccess(role.rules, name, id, requestComponent(component)));
  }

  /**
   * The verbs the caller may use on each table's records (`_table/{name}`): the `access` of table
   * descriptors and summaries (API.md 3.14), all five for admins.
   */
  async tableVerbs(caller: Caller, serviceName: string): Promise<(table: string) => Verb[]> {
    const access = await this.forRequest(caller, serviceName);
    return (table) => tableVerbs(access, table);
  }

  /**
   * The role's record filter on `table` for `verb` as SQL parts (6.6), undefined when none applies.
   * A filter naming a field the table lacks, or an unknown lookup, denies the request: 403
   * ACCESS_DENIED, the details only in the log.
   */
  async recordFilter(caller: Caller, serviceName: string, table: TableSchema, verb: Verb, dialect: Dialect): Promise<Part[] | undefined> {
    return (await this.forRequest(caller, serviceName)).recordFilter(table, verb, dialect);
  }

  /**
   * Everything one data-service request needs from access control, loaded once: synchronous
   * answers for the tables it touches (related tables, nested writes: 3.12.3, 6.6).
   */
  async forRequest(caller: Caller, serviceName: string): Promise<RequestAccess> {
    const name = serviceName.toLowerCase();
    if (isAdmin(caller)) return { allows: () => true, recordFilter: () => undefined, lookup: await this.lookupFor(caller) };
    const role = await this.roleOf(caller);
    const serviceId = await this.serviceId(name);
    const lookup = await this.lookupFor(caller, role);
    const rules = role?.isActive ? role.rules : [];
    return {
      lookup,
      allows: (component, verb) => grants(rules, { serviceName: name, serviceId, component: requestComponent(component), verb }),
      recordFilter: (table, verb, dialect) => {
        if (!role || serviceId === undefined) return undefined;
        const rule = recordFilterRule(rules, name, serviceId, table.name, verb);
        if (!rule?.filters || rule.filters.length === 0) return undefined;
        try {
          const tree = filterFromRoleRules(rule.filters, rule.filterOp);
          return tree ? compileFilter(checkFilter(tree, tableResolver(table), { dialect, lookup }), dialect) : undefined;
        } catch (error) {
          if (!isAppError(error)) throw error;
          this.logger.warn(`Record filter of role ${role.id} (access row ${rule.id ?? '?'}) on '${table.name}' is unusable: ${error.message}`);
          throw new AppError('ACCESS_DENIED', accessDeniedMessage(verb, name, `_table/${table.name.toLowerCase()}`));
        }
      },
    };
  }

  /** `{user.*}`, `{app.*}`, `{role.*}` and the custom lookups of the caller: user's, role's, app's, then global (4.7). */
  async lookupFor(caller: Caller, role?: PolicyRole): Promise<LookupFn> {
    const roleId = role?.id ?? caller.role?.id;
    const custom = await this.lookups.forOwners({ userId: caller.user?.id, roleId, appId: caller.app?.id });
    const withRole: Caller = role && !caller.role ? { ...caller, role: { id: role.id, name: role.name } } : caller;
    return callerLookup(withRole, custom);
  }

  private async serviceId(name: string): Promise<number | undefined> {
    return (await this.registry.findByName(name))?.id;
  }
}

/** The verbs a request's access grants on a table's records (`_table/{name}`). */
export function tableVerbs(access: RequestAccess, table: string): Verb[] {
  return VERBS.filter((verb) => access.allows(`_table/${table}`, verb));
}
