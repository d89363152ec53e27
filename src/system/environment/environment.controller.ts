import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Inject } from '@nestjs/common';
import { Public } from '../../auth/decorators/public.decorator';
import { isAdmin, type AppRequest, type Caller } from '../../common/http/request-context';
import { APP_CONFIG, type AppConfig } from '../../config';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { UserServiceSettings } from '../../user/user-service-settings';
import { AppEntity } from '../app/app.entity';
import { UserAppRoleEntity } from '../user/user.entity';
import { SERVER_VERSION } from '../../version';

/** `GET /api/v2/system/environment`: public; details only for admins (API.md 4.8). */
@ApiTags('system')
@Controller('system/environment')
export class EnvironmentController {
  constructor(
    @InjectRepository(AppEntity) private readonly apps: Repository<AppEntity>,
    @InjectRepository(UserAppRoleEntity) private readonly mappings: Repository<UserAppRoleEntity>,
    private readonly userService: UserServiceSettings,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Platform and authentication settings', operationId: 'getEnvironment' })
  @ApiOkResponse({ description: 'Environment', schema: { type: 'object', additionalProperties: true } })
  @ApiErrors(401)
  async get(@Req() req: AppRequest) {
    const admin = isAdmin(req.caller);
    const visible = await this.visibleApps(req.caller);
    const registration = await this.userService.registration();
    const environment: Record<string, unknown> = {
      authentication: {
        admin: { path: 'system/admin/session', verb: 'POST', payload: { email: 'string', password: 'string', remember_me: 'bool' } },
        user: { path: 'user/session', verb: 'POST', payload: { email: 'string', password: 'string', remember_me: 'bool' } },
        oauth: [], adldap: [], saml: [],
        allow_open_registration: registration.allowOpenRegistration,
        open_reg_require_confirmation: registration.requireConfirmation,
        allow_forever_sessions: this.config.allowForeverSessions,
        login_attribute: 'email',
      },
      apps: visible.map((app) => ({
        id: app.id, name: app.name, description: app.description, url: app.url ?? '', is_default: false,
        allow_fullscreen_toggle: app.allowFullscreenToggle, requires_fullscreen: app.requiresFullscreen, toggle_location: app.toggleLocation,
      })),
      platform: admin
        ? { license: 'OPEN SOURCE', version: SERVER_VERSION, db_driver: dbDriver(this.config), is_hosted: false, is_trial: false }
        : { license: 'OPEN SOURCE' },
    };
    if (admin) environment.config = { always_wrap_resources: true, resources_wrapper: 'resource', db: { max_records_returned: 100000 } };
    return environment;
  }

  /** Guests: active apps with a default role; users: those and the apps mapped to them; admins: every active app. */
  private async visibleApps(caller: Caller): Promise<AppEntity[]> {
    const active = await this.apps.find({ where: { isActive: true }, order: { id: 'ASC' } });
    if (isAdmin(caller)) return active;
    const mapped = caller.user ? new Set((await this.mappings.find({ where: { userId: caller.user.id } })).map((m) => m.appId)) : new Set<number>();
    return active.filter((app) => app.roleId !== null || mapped.has(app.id));
  }
}

function dbDriver(config: AppConfig): string {
  return config.systemDb.type === 'postgres' ? 'pgsql' : config.systemDb.type;
}
