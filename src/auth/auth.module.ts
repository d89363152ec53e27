import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AppDirectory } from '../system/app/app-directory.service';
import { LookupDirectory } from '../system/lookup/lookup-directory.service';
import { UserDirectory } from '../system/user/user-directory.service';
import { AccessService } from './access/access.service';
import { ConfirmCodeService } from './codes/confirm-code.service';
import { AccessGuard } from './guards/access.guard';
import { ApiKeyGuard } from './guards/api-key.guard';
import { SessionGuard } from './guards/session.guard';
import { PasswordService } from './password.service';
import { LoginThrottle } from './rate-limit/login-throttle.service';
import { RevocationService } from './session/revocation.service';
import { RoleResolver } from './session/role-resolver';
import { sessionController } from './session/session.controller';
import { SessionService } from './session/session.service';
import { VerifiedTokens } from './session/verified-tokens';
import { TokenService } from './session/token.service';
import { JwtStrategy } from './strategies/jwt.strategy';

/**
 * Credentials and sessions. The global guard chain runs in this order and stops at the first
 * failure: API key → session token → access (API.md 6). `/user/session` lives in the user module.
 */
@Global()
@Module({
  imports: [PassportModule],
  controllers: [sessionController('admin')],
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    AppDirectory, UserDirectory, PasswordService, RevocationService, SessionService, TokenService, JwtStrategy, RoleResolver, LoginThrottle, ConfirmCodeService,
    AccessService, LookupDirectory, VerifiedTokens,
  ],
  exports: [AppDirectory, UserDirectory, PasswordService, RevocationService, SessionService, TokenService, RoleResolver, LoginThrottle, ConfirmCodeService, AccessService, LookupDirectory, VerifiedTokens],
})
export class AuthModule {}
