import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const IS_PUBLIC = 'auth:isPublic';
export const TOKEN_HANDLING = 'auth:tokenHandling';

/** Reachable without a role (API.md 6.4). A presented token is still checked; drops the docs' security requirement. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/**
 * How the session guard treats a presented token on this route:
 * - 'ignore': login POSTs ignore any token sent with them;
 * - 'self': refresh and logout read the token themselves (5.1) and skip the normal checks.
 */
export const TokenHandling = (mode: 'ignore' | 'self') => SetMetadata(TOKEN_HANDLING, mode);
