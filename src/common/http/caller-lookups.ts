import type { LookupFn } from '../../filter';
import type { Caller } from './request-context';

/**
 * `{user.id}`-style lookups of the calling user and app (API.md 3.10.5). A known key without a
 * value for this caller (a guest's `{user.id}`) is `known` with value null, so it matches no row.
 * Custom lookups (system/lookup: the user's, the role's, the app's, then global ones; never
 * private ones) are consulted through `custom` when given (AccessService.lookupFor builds it).
 */
export function callerLookup(caller: Caller, custom?: (key: string) => { known: boolean; value: unknown }): LookupFn {
  const user = caller.user;
  const builtIn: Record<string, unknown> = {
    'user.id': user?.id ?? null,
    'user.name': user?.name ?? null,
    'user.display_name': user?.name ?? null,
    'user.first_name': user?.firstName ?? null,
    'user.last_name': user?.lastName ?? null,
    'user.email': user?.email ?? null,
    'user.username': user?.username ?? null,
    'user.is_sys_admin': user?.isSysAdmin ?? null,
    'user.last_login_date': user?.lastLoginDate ?? null,
    'app.id': caller.app?.id ?? null,
    'app.name': caller.app?.name ?? null,
    'role.id': caller.role?.id ?? null,
    'role.name': caller.role?.name ?? null,
  };
  return (key) => {
    if (Object.hasOwn(builtIn, key)) return { known: true, value: builtIn[key] };
    return custom ? custom(key) : { known: false, value: undefined };
  };
}
