import { SetMetadata } from '@nestjs/common';

export const ADMIN_ONLY = 'auth:adminOnly';

/** Admins only (API.md 4): non-admins get 403 ACCESS_ADMIN_REQUIRED, anonymous callers 401. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);
