import { formatUtc } from '../../common/http/dates';
import type { RoleEntity } from '../../system/role/role.entity';
import type { UserEntity } from '../../system/user/user.entity';
import type { SessionClaims } from './token.service';

/** The session object of API.md 5.1. */
export interface SessionObject {
  session_token: string;
  session_id: string;
  id: number;
  name: string;
  first_name: string | null;
  last_name: string | null;
  email: string;
  is_sys_admin: boolean;
  is_root_admin: boolean;
  last_login_date: string | null;
  token_expiry_date: string;
  role?: string;
  role_id?: number;
}

/** `role`/`role_id` appear when a role was resolved for the calling app; never for admins. */
export function toSessionObject(user: UserEntity, token: string, claims: SessionClaims, role?: RoleEntity): SessionObject {
  const session: SessionObject = {
    session_token: token,
    session_id: token,
    id: user.id,
    name: user.name,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    is_sys_admin: user.isSysAdmin,
    is_root_admin: user.isRootAdmin,
    last_login_date: user.lastLoginDate,
    token_expiry_date: formatUtc(new Date(claims.exp * 1000)),
  };
  if (role && !user.isSysAdmin) {
    session.role = role.name;
    session.role_id = role.id;
  }
  return session;
}
