import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Caller } from '../../common/http/request-context';
import type { RoleFilterRule } from '../../filter';
import { RoleEntity, RoleServiceAccessEntity } from '../../system/role/role.entity';
import { UserAppRoleEntity } from '../../system/user/user.entity';
import { effectiveRoleId, type AccessRule, type PolicyRole } from '../access/access-policy';

export type CallerApp = NonNullable<Caller['app']>;

/** Other instances see role, mapping and access-row changes within this window (API.md 6.7: 2 s). */
const TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

interface CachedRole {
  readonly at: number;
  readonly entity: RoleEntity | undefined;
  readonly policy: PolicyRole | undefined;
}

/**
 * The effective role of API.md 6.2 for a non-admin user of an app: the user's
 * user_to_app_to_role row for that app, else the app's default role (`app.role_id`), else none.
 * Mappings for other apps never apply; admins need no role (callers skip this for them).
 * Roles (with their access rows) and mappings are cached briefly; any change through the system
 * API calls `invalidate()`, so this process sees it at once.
 */
@Injectable()
export class RoleResolver {
  private readonly logger = new Logger(RoleResolver.name);
  private readonly mappingCache = new Map<string, { at: number; roleId: number | undefined }>();
  private readonly roleCache = new Map<number, CachedRole>();
  /** Bumped by `invalidate()`: a read that started before it is not cached. */
  private generation = 0;

  constructor(
    @InjectRepository(UserAppRoleEntity) private readonly mappings: Repository<UserAppRoleEntity>,
    @InjectRepository(RoleEntity) private readonly roles: Repository<RoleEntity>,
    @InjectRepository(RoleServiceAccessEntity) private readonly rows: Repository<RoleServiceAccessEntity>,
  ) {}

  /** The role id a user would have through `app` (undefined: no app, or no role). */
  async roleIdFor(userId: number | undefined, app: CallerApp | undefined): Promise<number | undefined> {
    if (!app) return undefined;
    const mapping = userId === undefined ? undefined : await this.mappedRoleId(userId, app.id);
    return effectiveRoleId({ isAdmin: false, hasUser: userId !== undefined, hasApp: true }, mapping, app.roleId);
  }

  /** The role entity a user (or, without `userId`, a guest) would have through `app`. */
  async roleFor(userId: number | undefined, app: CallerApp | undefined): Promise<RoleEntity | undefined> {
    const roleId = await this.roleIdFor(userId, app);
    return roleId === undefined ? undefined : (await this.load(roleId)).entity;
  }

  /** The role with its access rows, as the access policy reads it. */
  async policyRole(roleId: number): Promise<PolicyRole | undefined> {
    return (await this.load(roleId)).policy;
  }

  /** Drops every cached role and mapping (role, app, user, mapping or service changes). */
  invalidate(): void {
    this.generation++;
    this.mappingCache.clear();
    this.roleCache.clear();
  }

  private async mappedRoleId(userId: number, appId: number): Promise<number | undefined> {
    const key = `${userId}:${appId}`;
    const cached = this.mappingCache.get(key);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.roleId;
    const generation = this.generation;
    const mapping = await this.mappings.findOne({ where: { userId, appId } });
    if (this.mappingCache.size > MAX_ENTRIES) this.mappingCache.clear();
    if (generation === this.generation) this.mappingCache.set(key, { at: Date.now(), roleId: mapping?.roleId });
    return mapping?.roleId;
  }

  private async load(roleId: number): Promise<CachedRole> {
    const cached = this.roleCache.get(roleId);
    if (cached && Date.now() - cached.at < TTL_MS) return cached;
    const generation = this.generation;
    const entity = (await this.roles.findOne({ where: { id: roleId } })) ?? undefined;
    const rows = entity ? await this.rows.find({ where: { roleId }, order: { id: 'ASC' } }) : [];
    const policy = entity ? { id: entity.id, name: entity.name, isActive: entity.isActive, rules: rows.map((row) => this.toRule(row)) } : undefined;
    const entry = { at: Date.now(), entity, policy };
    if (this.roleCache.size > MAX_ENTRIES) this.roleCache.clear();
    if (generation === this.generation) this.roleCache.set(roleId, entry);
    return entry;
  }

  private toRule(row: RoleServiceAccessEntity): AccessRule {
    return {
      id: row.id, serviceId: row.serviceId, component: row.component, verbMask: row.verbMask, requestorMask: row.requestorMask,
      filters: this.parseFilters(row), filterOp: row.filterOp,
    };
  }

  private parseFilters(row: RoleServiceAccessEntity): RoleFilterRule[] {
    if (!row.filters) return [];
    try {
      const parsed = JSON.parse(row.filters) as unknown;
      if (Array.isArray(parsed)) return parsed as RoleFilterRule[];
    } catch {
      // Falls through: rows are validated on save, so this is a hand-edited database.
    }
    this.logger.warn(`Access row ${row.id} has unreadable filters; its records are denied.`);
    return [{ name: '', operator: '=', value: '' }];
  }
}
