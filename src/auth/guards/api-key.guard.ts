import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppError } from '../../common/errors';
import type { AppRequest, Caller } from '../../common/http/request-context';
import { AppDirectory } from '../../system/app/app-directory.service';
import { readApiKey } from '../credentials';

/** First guard: an API key, when given, must name an active app (API.md 2.2, 6.5). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly apps: AppDirectory) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AppRequest>();
    const key = readApiKey(req);
    if (key !== undefined) req.caller.app = await callerApp(this.apps, key);
    return true;
  }
}

/** The active app a presented API key names; 401 for an unknown key, 403 for an inactive app. */
export async function callerApp(apps: AppDirectory, key: string): Promise<NonNullable<Caller['app']>> {
  const app = await apps.findByApiKey(key);
  if (!app) throw new AppError('AUTH_API_KEY_INVALID', 'Invalid API key.');
  if (!app.isActive) throw new AppError('AUTH_APP_INACTIVE', 'App is not active.');
  return { id: app.id, name: app.name, roleId: app.roleId, isActive: app.isActive };
}
