import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isAdmin, type AppRequest, type Caller } from '../../common/http/request-context';
import { requestComponent, SYSTEM_SERVICE, type Verb } from '../access/access-policy';
import { AccessService } from '../access/access.service';
import { ADMIN_ONLY } from '../decorators/admin-only.decorator';
import { IS_PUBLIC } from '../decorators/public.decorator';

const API_PREFIX = '/api/v2';

/**
 * Last guard: public routes pass, admins pass; everyone else is decided by the access policy
 * (API.md 6.3–6.5) for the service and component of the path and the effective verb.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AppRequest>();
    await authorize(this.access, req.caller, req.path, req.method, this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets) ?? false);
    return true;
  }
}

/**
 * The access decision for a non-public route: admins pass; everyone else is asked of the policy for
 * the path's service and component and the effective verb. `system` is for admins only.
 */
export async function authorize(access: AccessService, caller: Caller, path: string, method: string, adminOnlyRoute: boolean): Promise<void> {
  if (isAdmin(caller)) return;
  const route = routeTarget(path);
  const adminOnly = adminOnlyRoute || route.serviceName === SYSTEM_SERVICE;
  await access.check(caller, { ...route, verb: effectiveVerb(method), adminOnly });
}

/**
 * The service (first segment after /api/v2, lower-cased) and component (the rest, 6.3) of a path.
 * Segments are percent-decoded once, as the router does.
 * @example routeTarget('/api/v2/DB/_table/Contact/5') // { serviceName: 'db', component: '_table/contact/5' }
 */
export function routeTarget(path: string): { serviceName: string; component: string } {
  const rest = path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length + 1) : path.replace(/^\/+/, '');
  const [service = '', ...segments] = rest.split('/').map(decodeSegment);
  return { serviceName: service.toLowerCase(), component: requestComponent(segments.join('/')) };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** HEAD counts as GET (6.3); tunnelled verbs have already replaced the method (2.3). */
function effectiveVerb(method: string): Verb {
  const verb = method.toUpperCase();
  return verb === 'HEAD' || verb === 'OPTIONS' ? 'GET' : (verb as Verb);
}
