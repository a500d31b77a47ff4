import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../common/errors';
import { IS_PUBLIC } from '../common/public.decorator';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Role, User } from '../users/user.entity';
import { ROLES } from './decorators';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_SESSION_KEY = 'csrfToken';

/**
 * The one global guard, deny by default:
 * 1. a state-changing request made with a logged-in session must carry the
 *    session's X-CSRF-Token and, where the browser sends Origin, one of ours;
 * 2. a route not marked @Public() needs a logged-in reader;
 * 3. @Roles() narrows it further.
 * Requests that authenticate otherwise (the CMS's bearer token) carry no session.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly trustedOrigins: Set<string>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.trustedOrigins = new Set([new URL(config.publicUrl).origin, ...config.allowedOrigins]);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const user = request.user as User | undefined;
    const targets = [context.getHandler(), context.getClass()];

    // A session user is always CSRF-checked, whatever other headers the request carries.
    if (user && STATE_CHANGING.has(request.method)) this.checkCsrf(request);

    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (!user) throw new AppError('UNAUTHENTICATED');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !hasRole(user, roles)) throw new AppError('FORBIDDEN');
    return true;
  }

  private checkCsrf(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (origin !== undefined && !this.trustedOrigins.has(origin)) {
      throw new AppError('CSRF_FAILED', { message: { en: 'This request came from a site that may not act for you.', ko: '허용되지 않은 사이트에서 보낸 요청입니다.' } });
    }
    const expected = request.session?.get(CSRF_SESSION_KEY) as string | undefined;
    const given = request.headers['x-csrf-token'];
    if (!expected || typeof given !== 'string' || !sameToken(given, expected)) throw new AppError('CSRF_FAILED');
  }
}

export function hasRole(user: Pick<User, 'role'>, roles: Role[]): boolean {
  return user.role === 'admin' || roles.includes(user.role);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
