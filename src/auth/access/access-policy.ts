import type { ErrorReason } from '../../common/errors/error-codes';
import type { RoleFilterRule } from '../../filter/role-rules';

/**
 * The access decision of API.md 6 as pure functions: who the caller is, which role applies, which
 * role rows match a (service, component, verb), and which denial of 6.5 answers otherwise.
 * No Nest, no I/O: the guard gathers the inputs, this module decides.
 */

export type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const VERB_BITS: Readonly<Record<Verb, number>> = { GET: 1, POST: 2, PUT: 4, PATCH: 8, DELETE: 16 };
export const VERBS = Object.keys(VERB_BITS) as Verb[];
/** requestor_mask bit of calls through the REST API (SCRIPT is 2). */
export const REQUESTOR_API = 1;

/** One role_service_access row. */
export interface AccessRule {
  readonly id?: number;
  /** null: all services (never the system service). */
  readonly serviceId: number | null;
  readonly component: string | null;
  readonly verbMask: number;
  readonly requestorMask: number;
  readonly filters?: readonly RoleFilterRule[];
  readonly filterOp?: string;
}

export interface PolicyRole {
  readonly id: number;
  readonly name: string;
  readonly isActive: boolean;
  readonly rules: readonly AccessRule[];
}

/** What the guard knows about the caller (6.1). */
export interface PolicyCaller {
  readonly isAdmin: boolean;
  readonly hasUser: boolean;
  readonly hasApp: boolean;
}

/** The request being decided: `service` by name (lower-case) and id (undefined when unknown). */
export interface PolicyTarget {
  readonly serviceName: string;
  readonly serviceId: number | undefined;
  readonly component: string;
  readonly verb: Verb;
  /** A resource of the system service, or a route marked admin-only. */
  readonly adminOnly: boolean;
}

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: ErrorReason; readonly message: string };

export const SYSTEM_SERVICE = 'system';
/** Its documents check the grant on each documented service themselves (API.md 7.1). */
export const API_DOCS_SERVICE = 'api_docs';
const ALLOW: Decision = { allowed: true };

/** Service-level listings: allowed with any grant below them (6.3, last paragraph). */
const LISTINGS = new Set(['', '_spec', '_table', '_schema', '_proc', '_func']);

/**
 * The effective role of 6.2: admins need none; a user of an app has their mapping for that app,
 * else the app's default role; a guest the app's default role; anyone without an app none.
 * @example effectiveRoleId({ isAdmin: false, hasUser: true, hasApp: true }, 7, 2) // 7
 */
export function effectiveRoleId(caller: PolicyCaller, mappingRoleId: number | undefined, appRoleId: number | null | undefined): number | undefined {
  if (caller.isAdmin || !caller.hasApp) return undefined;
  if (caller.hasUser && mappingRoleId !== undefined) return mappingRoleId;
  return appRoleId ?? undefined;
}

/**
 * The component of a request path after the service (6.3): lower-cased, without leading or
 * trailing `/`, a routine's inline argument list removed.
 * @example requestComponent('/_proc/Add_Order(1,2)/') // '_proc/add_order'
 */
export function requestComponent(path: string): string {
  const trimmed = path.toLowerCase().replace(/^\/+|\/+$/g, '');
  const routine = /^(_proc|_func)\/([^/(]*)\(.*\)$/.exec(trimmed);
  return routine ? `${routine[1]}/${routine[2]}` : trimmed;
}

/** A row's component as matched: null → '', lower-case, outer slashes ignored (but `x/*` kept). */
export function ruleComponent(component: string | null): string {
  return (component ?? '').trim().toLowerCase().replace(/^\/+/, '').replace(/\/+$/, '');
}

type MatchClass = 1 | 2 | 3 | 4;

/** The class (6.3) in which `rule` matches the request, or undefined. */
export function matchClass(rule: AccessRule, serviceName: string, serviceId: number | undefined, component: string): MatchClass | undefined {
  if ((rule.requestorMask & REQUESTOR_API) === 0) return undefined;
  const own = ruleComponent(rule.component);
  if (rule.serviceId === null) {
    if (serviceName === SYSTEM_SERVICE) return undefined;
    return own === '*' || (own === '' && component === '') ? 4 : undefined;
  }
  if (serviceId === undefined || rule.serviceId !== serviceId) return undefined;
  if (own === component) return 1;
  if (own === '*') return 3;
  if (own.endsWith('/*')) {
    const prefix = own.slice(0, -2);
    if (component === prefix || component.startsWith(`${prefix}/`)) return 2;
  }
  return undefined;
}

/**
 * The verbs the deciding class grants: the first class (exact, `x/*`, `*`, all services) with a
 * matching row decides, its masks OR-ed, even when a later class would grant more. Undefined: no row matches.
 * @example grantedMask([{ serviceId: 4, component: '*', verbMask: 17, requestorMask: 1 }], 'db', 4, '_table/contact/1') // 17
 */
export function grantedMask(rules: readonly AccessRule[], serviceName: string, serviceId: number | undefined, component: string): number | undefined {
  if (serviceName === SYSTEM_SERVICE) return undefined;
  let best: MatchClass | undefined;
  let mask = 0;
  for (const rule of rules) {
    const found = matchClass(rule, serviceName, serviceId, component);
    if (found === undefined || (best !== undefined && found > best)) continue;
    if (best === undefined || found < best) {
      best = found;
      mask = 0;
    }
    mask |= rule.verbMask;
  }
  return best === undefined ? undefined : mask;
}

/** Whether the rules grant `verb` on the component, listings included (6.3). */
export function grants(rules: readonly AccessRule[], target: Pick<PolicyTarget, 'serviceName' | 'serviceId' | 'component' | 'verb'>): boolean {
  const mask = grantedMask(rules, target.serviceName, target.serviceId, target.component) ?? 0;
  if ((mask & VERB_BITS[target.verb]) !== 0) return true;
  return target.verb === 'GET' && LISTINGS.has(target.component) && grantsBelow(rules, target.serviceName, target.serviceId, target.component);
}

/**
 * Whether any verb is granted somewhere below a listing: anywhere in the service for its root and
 * `_spec`, else on a component under it (`_table/contact`, `_table/*` …).
 */
export function grantsBelow(rules: readonly AccessRule[], serviceName: string, serviceId: number | undefined, listing: string): boolean {
  if (serviceName === SYSTEM_SERVICE) return false;
  return rules.some((rule) => {
    if ((rule.requestorMask & REQUESTOR_API) === 0 || rule.verbMask === 0) return false;
    const own = ruleComponent(rule.component);
    if (rule.serviceId === null) return own === '*';
    if (rule.serviceId !== serviceId) return false;
    return listing === '' || listing === '_spec' || own === '*' || own.startsWith(`${listing}/`);
  });
}

/** Whether the caller may see `component` at all (any verb): listings show only such items. */
export function mayAccess(rules: readonly AccessRule[], serviceName: string, serviceId: number | undefined, component: string): boolean {
  return (grantedMask(rules, serviceName, serviceId, component) ?? 0) !== 0;
}

/**
 * The row whose `filters` restrict records of `table` for `verb` (6.6): among this service's rows
 * granting the verb, exact `_table/{t}` first, then `x/*` rows (longest prefix first), then `*`.
 * All-services rows carry no filters.
 */
export function recordFilterRule(rules: readonly AccessRule[], serviceName: string, serviceId: number, table: string, verb: Verb): AccessRule | undefined {
  const component = `_table/${table.toLowerCase()}`;
  const candidates = rules.filter((rule) => rule.serviceId !== null && (rule.verbMask & VERB_BITS[verb]) !== 0);
  const ranked = candidates
    .map((rule) => ({ rule, cls: matchClass(rule, serviceName, serviceId, component), length: ruleComponent(rule.component).length }))
    .filter((entry) => entry.cls !== undefined)
    .sort((a, b) => a.cls! - b.cls! || b.length - a.length);
  return ranked[0]?.rule;
}

const MESSAGES = {
  AUTH_REQUIRED:
    'No session token (JWT) or API Key detected in request. Please send in X-DreamFactory-Session-Token and/or X-DreamFactory-API-Key request header. You can also use URL query parameters session_token and/or api_key.',
  ACCESS_ADMIN_REQUIRED: 'Access Forbidden. This operation requires an administrator.',
  AUTH_API_KEY_REQUIRED: "No API Key provided. Please provide a valid API Key using X-DreamFactory-API-Key request header or 'api_key' url query parameter.",
  AUTH_SESSION_REQUIRED: "No session token (JWT) provided. Please provide a valid JWT using X-DreamFactory-Session-Token request header or 'session_token' url query parameter.",
  ACCESS_ROLE_NOT_FOUND: 'Role not found. A role may not be assigned to you or your application.',
  ACCESS_ROLE_INACTIVE: 'Access Forbidden. The role assigned to you or your application or the default role of your application is not active.',
  AUTH_LOGIN_REQUIRED: 'Unauthorized. User is not authenticated.',
} as const satisfies Partial<Record<ErrorReason, string>>;

function deny(reason: keyof typeof MESSAGES): Decision {
  return { allowed: false, reason, message: MESSAGES[reason] };
}

/** Row 8 of 6.5, naming the verb, component and service. */
export function accessDeniedMessage(verb: Verb, serviceName: string, component: string): string {
  return component === ''
    ? `Access Forbidden. ${verb} access to service '${serviceName}' is not allowed by this user's role.`
    : `Access Forbidden. ${verb} access to component '${component}' of service '${serviceName}' is not allowed by this user's role.`;
}

/**
 * The decision for one request (6.2–6.5): admins pass; otherwise the first matching row of the
 * denial table answers when the effective role does not grant the verb. `api_docs` needs an
 * active role only: which documents it shows is decided per documented service (7.1).
 * `role` is the effective role, undefined when there is none.
 */
export function decide(caller: PolicyCaller, role: PolicyRole | undefined, target: PolicyTarget): Decision {
  if (!caller.hasUser && !caller.hasApp) return deny('AUTH_REQUIRED');
  if (caller.isAdmin) return ALLOW;
  if (target.adminOnly || target.serviceName === SYSTEM_SERVICE) return deny('ACCESS_ADMIN_REQUIRED');
  if (!caller.hasApp) return deny('AUTH_API_KEY_REQUIRED');
  if (!role) return caller.hasUser ? deny('ACCESS_ROLE_NOT_FOUND') : deny('AUTH_SESSION_REQUIRED');
  if (!role.isActive) return deny('ACCESS_ROLE_INACTIVE');
  if (target.serviceName === API_DOCS_SERVICE || grants(role.rules, target)) return ALLOW;
  if (!caller.hasUser) return deny('AUTH_LOGIN_REQUIRED');
  return { allowed: false, reason: 'ACCESS_DENIED', message: accessDeniedMessage(target.verb, target.serviceName, target.component) };
}
