import { STATUS_BY_REASON } from '../../common/errors/error-codes';
import {
  accessDeniedMessage, decide, effectiveRoleId, grantedMask, grants, mayAccess, recordFilterRule, requestComponent,
  type AccessRule, type PolicyCaller, type PolicyRole, type Verb,
} from './access-policy';

const DB = 4;
const OTHER = 5;
const SYSTEM = 1;
const SERVICES: Record<string, number> = { db: DB, other: OTHER, system: SYSTEM };
const MASK: Record<string, number> = { GET: 1, POST: 2, PUT: 4, PATCH: 8, DELETE: 16 };

/** `(db, "_table/contact") → GET,POST` written as ['db', '_table/contact', 'GET,POST']. */
type Row = [service: string | null, component: string | null, verbs: string, requestor?: number];

function rules(rows: readonly Row[]): AccessRule[] {
  return rows.map(([service, component, verbs, requestor = 1], id) => ({
    id, serviceId: service === null ? null : SERVICES[service]!, component, requestorMask: requestor,
    verbMask: verbs === '' ? 0 : verbs.split(',').reduce((mask, verb) => mask | MASK[verb]!, 0),
  }));
}

/** `GET /db/_table/contact/5` → target. */
function target(request: string, adminOnly = false) {
  const [verb, path] = request.split(' ') as [Verb, string];
  const [, service = '', ...rest] = path.split('/');
  return { serviceName: service, serviceId: SERVICES[service], component: requestComponent(rest.join('/')), verb, adminOnly };
}

const user: PolicyCaller = { isAdmin: false, hasUser: true, hasApp: true };
const role = (rows: readonly Row[], isActive = true): PolicyRole => ({ id: 2, name: 'reader', isActive, rules: rules(rows) });

describe('permission check: the test vectors of API.md 6.3', () => {
  it.each<[string, Row[], string, boolean]>([
    ['all-services root row, service root', [[null, '', 'GET']], 'GET /db', true],
    ['all-services root row, a table', [[null, '', 'GET']], 'GET /db/_table/contact', false],
    ['all-services wildcard', [[null, '*', 'GET']], 'GET /db/_table/contact/5', true],
    ['service root row, root', [['db', '', 'GET']], 'GET /db', true],
    ['service root row, _table', [['db', '', 'GET']], 'GET /db/_table', false],
    ['class 3 decides when no exact row matches', [['db', '*', 'GET,DELETE'], ['db', '_table/orders', 'POST']], 'DELETE /db/_table/contact/1', true],
    ['class 1 grants POST', [['db', '*', 'GET,DELETE'], ['db', '_table/orders', 'POST']], 'POST /db/_table/orders', true],
    ['class 1 wins though it grants fewer verbs', [['db', '*', 'GET,DELETE'], ['db', '_table/orders', 'POST']], 'GET /db/_table/orders', false],
    ['exact row, exact path', [['db', '_table/contact', 'GET']], 'GET /db/_table/contact', true],
    ['exact row, a record below it', [['db', '_table/contact', 'GET']], 'GET /db/_table/contact/1', false],
    ['exact + prefix: GET the table', [['db', '_table/contact', 'GET'], ['db', '_table/contact/*', 'POST']], 'GET /db/_table/contact', true],
    ['exact + prefix: POST a record', [['db', '_table/contact', 'GET'], ['db', '_table/contact/*', 'POST']], 'POST /db/_table/contact/1', true],
    ['exact + prefix: GET a record', [['db', '_table/contact', 'GET'], ['db', '_table/contact/*', 'POST']], 'GET /db/_table/contact/1', false],
    ['class 2 wins over class 3', [['db', '_table/*', 'GET'], ['db', '*', 'POST']], 'POST /db/_table/contact', false],
    ['class 3 where class 2 does not reach', [['db', '_table/*', 'GET'], ['db', '*', 'POST']], 'POST /db/_schema', true],
    ['three exact rows OR-ed', [['db', '_table/contact', 'GET'], ['db', '_table/contact', 'POST'], ['db', '_table/contact', 'PATCH']], 'PATCH /db/_table/contact', true],
    ['requestor SCRIPT only', [['db', '*', 'GET', 2]], 'GET /db/_table/contact', false],
    ['system is admin-only', [[null, '*', 'GET']], 'GET /system/role', false],
  ])('%s', (_name, rows, request, allowed) => {
    expect(decide(user, role(rows), target(request)).allowed).toBe(allowed);
  });
});

describe('component matching details', () => {
  it.each<[string, Row[], string, boolean]>([
    ['a trailing slash on a row is ignored', [['db', '_table/contact/', 'GET']], 'GET /db/_table/contact', true],
    ['a trailing slash on the path is ignored', [['db', '_table/contact', 'GET']], 'GET /db/_table/contact/', true],
    ['names are compared case-insensitively', [['db', '_Table/Contact', 'GET']], 'GET /db/_table/CONTACT', true],
    ['x/* covers x itself', [['db', '_table/contact/*', 'GET']], 'GET /db/_table/contact', true],
    ['x/* does not cover a longer name', [['db', '_table/contact/*', 'GET']], 'GET /db/_table/contact_info', false],
    ['a null component is the service root', [['db', null, 'GET']], 'GET /db', true],
    ['an inline routine argument list is removed', [['db', '_proc/add_order', 'POST']], 'POST /db/_proc/Add_Order(1,2)', true],
    ['rows of another service never match', [['other', '*', 'GET']], 'GET /db/_table/contact', false],
    ['the all-services row never reaches system', [[null, '', 'GET']], 'GET /system', false],
    ['a verb mask of 0 denies as the deciding class', [['db', '_table/contact', ''], ['db', '*', 'GET']], 'GET /db/_table/contact', false],
    ['service rows win over all-services rows', [['db', '*', 'POST'], [null, '*', 'GET']], 'GET /db/_table/contact', false],
    ['an unknown service is reached only by all-services rows', [[null, '*', 'GET']], 'GET /nope/_table/x', true],
  ])('%s', (_name, rows, request, allowed) => {
    expect(decide(user, role(rows), target(request)).allowed).toBe(allowed);
  });

  it('ORs the masks of the deciding class only', () => {
    const rows = rules([['db', '_table/*', 'GET'], ['db', '_table/contact/*', 'POST'], ['db', '*', 'DELETE']]);
    expect(grantedMask(rows, 'db', DB, '_table/contact/1')).toBe(MASK.GET! | MASK.POST!);
    expect(grantedMask(rows, 'db', DB, '_schema')).toBe(MASK.DELETE);
    expect(grantedMask(rows, 'other', OTHER, '')).toBeUndefined();
  });
});

describe('listings (6.3): allowed with any grant below them', () => {
  it.each<[string, Row[], string, boolean]>([
    ['service root with a table grant', [['db', '_table/contact', 'GET']], 'GET /db', true],
    ['_table with a table grant', [['db', '_table/contact/*', 'DELETE']], 'GET /db/_table', true],
    ['_table with only a schema grant', [['db', '_schema/contact', 'GET']], 'GET /db/_table', false],
    ['_proc with a procedure grant', [['db', '_proc/add', 'POST']], 'GET /db/_proc', true],
    ['_spec with any grant on the service', [['db', '_func/f', 'GET']], 'GET /db/_spec', true],
    ['service root of a service without rows', [['other', '*', 'GET']], 'GET /db', false],
    ['a listing still needs GET', [['db', '_table/contact', 'GET']], 'POST /db/_table', false],
    ['all-services wildcard lists every service', [[null, '*', 'PATCH']], 'GET /db/_schema', true],
    ['rows without verbs grant nothing below', [['db', '_table/contact', '']], 'GET /db/_table', false],
  ])('%s', (_name, rows, request, allowed) => {
    expect(grants(rules(rows), target(request))).toBe(allowed);
  });

  it('shows only tables with some grant', () => {
    const rows = rules([['db', '_table/contact', 'GET'], ['db', '_table/orders/*', 'POST'], ['db', '_table/secret', '']]);
    const visible = ['contact', 'orders', 'secret', 'event_log'].filter((t) => mayAccess(rows, 'db', DB, `_table/${t}`));
    expect(visible).toEqual(['contact', 'orders']);
  });
});

describe('denials (API.md 6.5), first matching row wins', () => {
  const guest: PolicyCaller = { isAdmin: false, hasUser: false, hasApp: true };
  const admin: PolicyCaller = { isAdmin: true, hasUser: true, hasApp: false };
  const anonymous: PolicyCaller = { isAdmin: false, hasUser: false, hasApp: false };
  const appless: PolicyCaller = { isAdmin: false, hasUser: true, hasApp: false };
  const reader = role([['db', '_table/contact', 'GET']]);
  const sleepy = role([['db', '*', 'GET']], false);

  it.each<[string, PolicyCaller, PolicyRole | undefined, string, string | null, number | null]>([
    ['1 nothing presented', anonymous, undefined, 'GET /db/_table/contact', 'AUTH_REQUIRED', 401],
    ['1 nothing presented, system', anonymous, undefined, 'GET /system/role', 'AUTH_REQUIRED', 401],
    ['2 system resource, user', user, reader, 'GET /system/role', 'ACCESS_ADMIN_REQUIRED', 403],
    ['2 system resource, guest', guest, reader, 'GET /system/app', 'ACCESS_ADMIN_REQUIRED', 403],
    ['2 system resource, user without app', appless, undefined, 'GET /system/user', 'ACCESS_ADMIN_REQUIRED', 403],
    ['3 user without app', appless, undefined, 'GET /db/_table/contact', 'AUTH_API_KEY_REQUIRED', 401],
    ['4 guest, app without default role', guest, undefined, 'GET /db/_table/contact', 'AUTH_SESSION_REQUIRED', 401],
    ['5 user of an app, no role', user, undefined, 'GET /db/_table/contact', 'ACCESS_ROLE_NOT_FOUND', 403],
    ['6 inactive role, user', user, sleepy, 'GET /db/_table/contact', 'ACCESS_ROLE_INACTIVE', 403],
    ['6 inactive role, guest', guest, sleepy, 'GET /db/_table/contact', 'ACCESS_ROLE_INACTIVE', 403],
    ['7 guest lacking the verb', guest, reader, 'DELETE /db/_table/contact', 'AUTH_LOGIN_REQUIRED', 401],
    ['8 user lacking the verb', user, reader, 'DELETE /db/_table/contact', 'ACCESS_DENIED', 403],
    ['api_docs needs an active role only', user, reader, 'GET /api_docs/db', null, null],
    ['api_docs without a role', guest, undefined, 'GET /api_docs', 'AUTH_SESSION_REQUIRED', 401],
    ['allowed guest', guest, reader, 'GET /db/_table/contact', null, null],
    ['admin, data service', admin, undefined, 'DELETE /db/_table/contact', null, null],
    ['admin, system', admin, undefined, 'GET /system/role', null, null],
  ])('%s', (_name, caller, effective, request, reason, status) => {
    const decision = decide(caller, effective, target(request));
    expect(decision.allowed ? null : decision.reason).toBe(reason);
    expect(decision.allowed ? null : STATUS_BY_REASON[decision.reason]).toBe(status);
  });

  it('names the verb, component and service in ACCESS_DENIED', () => {
    const decision = decide(user, role([['db', '', 'GET']]), target('PATCH /db/_table/orders'));
    expect(decision).toEqual({ allowed: false, reason: 'ACCESS_DENIED', message: accessDeniedMessage('PATCH', 'db', '_table/orders') });
    expect(accessDeniedMessage('PATCH', 'db', '_table/orders')).toBe("Access Forbidden. PATCH access to component '_table/orders' of service 'db' is not allowed by this user's role.");
    expect(accessDeniedMessage('GET', 'db', '')).toBe("Access Forbidden. GET access to service 'db' is not allowed by this user's role.");
  });

  it('refuses admin-only routes outside the system service to non-admins', () => {
    expect(decide(user, role([[null, '*', 'GET']]), target('GET /db/_table/contact', true))).toMatchObject({ reason: 'ACCESS_ADMIN_REQUIRED' });
  });
});

describe('effective role (6.2)', () => {
  it.each<[string, PolicyCaller, number | undefined, number | null, number | undefined]>([
    ['user with a mapping for this app', user, 7, 2, 7],
    ['user without mapping: the app default', user, undefined, 2, 2],
    ['user without mapping, app without default', user, undefined, null, undefined],
    ['guest: the app default, never a mapping', { isAdmin: false, hasUser: false, hasApp: true }, 7, 2, 2],
    ['user without app: none', { isAdmin: false, hasUser: true, hasApp: false }, 7, 2, undefined],
    ['admin: none needed, mappings ignored', { isAdmin: true, hasUser: true, hasApp: true }, 7, 2, undefined],
  ])('%s', (_name, caller, mapping, appRole, expected) => {
    expect(effectiveRoleId(caller, mapping, appRole)).toBe(expected);
  });
});

describe('record filter row (6.6)', () => {
  const filtered = (component: string, verbs: string, owner: string, service: string | null = 'db'): AccessRule => ({
    ...rules([[service, component, verbs]])[0]!, filters: [{ name: 'owner_id', operator: '=', value: owner }],
  });

  it.each<[string, AccessRule[], string, Verb, string | undefined]>([
    ['exact row first', [filtered('*', 'GET', 'star'), filtered('_table/contact', 'GET', 'exact'), filtered('_table/*', 'GET', 'prefix')], 'contact', 'GET', 'exact'],
    ['then the longest prefix', [filtered('*', 'GET', 'star'), filtered('_table/*', 'GET', 'short'), filtered('_table/contact/*', 'GET', 'long')], 'contact', 'GET', 'long'],
    ['then *', [filtered('*', 'GET', 'star'), filtered('_table/orders', 'GET', 'orders')], 'contact', 'GET', 'star'],
    ['only rows granting the verb', [filtered('_table/contact', 'GET', 'reads'), filtered('*', 'DELETE', 'deletes')], 'contact', 'DELETE', 'deletes'],
    ['table names case-insensitively', [filtered('_table/contact', 'GET', 'exact')], 'Contact', 'GET', 'exact'],
    ['all-services rows carry no filter', [filtered('*', 'GET', 'all', null)], 'contact', 'GET', undefined],
    ['nothing for other tables', [filtered('_table/orders', 'GET', 'orders')], 'contact', 'GET', undefined],
  ])('%s', (_name, rows, table, verb, owner) => {
    expect(recordFilterRule(rows, 'db', DB, table, verb)?.filters?.[0]?.value).toBe(owner);
  });
});

describe('requestComponent', () => {
  it.each([
    ['', ''], ['/', ''], ['_table', '_table'], ['/_table/Contact/5/', '_table/contact/5'], ['_schema/contact/_field/email', '_schema/contact/_field/email'],
    ['_proc/add_order(1,2)', '_proc/add_order'], ['_func/f()', '_func/f'], ['_table/a(b)', '_table/a(b)'],
  ])('%j → %j', (path, component) => {
    expect(requestComponent(path)).toBe(component);
  });
});
