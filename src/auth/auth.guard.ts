import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../common/errors';
import { IS_PUBLIC } from '../common/public.decorator';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Role, User } from '../users/user.entity';
import { CMS_TOKEN, ROLES } from './decorators';
import { hasRole } from './roles';
import { WIDGET_TOKEN_PREFIX } from './widget-tokens.repository';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_SESSION_KEY = 'csrfToken';

/**
 * The one global guard, deny by default:
 * 1. a state-changing request made with a logged-in session must carry the
 *    session's X-CSRF-Token and, where the browser sends Origin, one of ours;
 * 2. a route not marked @Public() needs a logged-in reader;
 * 3. @Roles() narrows it further;
 * 4. a route marked @CmsToken() also lets the CMS in with its bearer token
 *    (no session, so no CSRF token: nothing a browser sends on its own).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly trustedOrigins: Set<string>;
  private readonly cmsToken: Buffer | null;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.trustedOrigins = new Set([new URL(config.publicUrl).origin, ...config.allowedOrigins]);
    this.cmsToken = config.cmsApiToken ? Buffer.from(config.cmsApiToken) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const user = request.user as User | undefined;
    const targets = [context.getHandler(), context.getClass()];

    // A session user is always CSRF-checked, whatever other headers the request carries. A widget
    // token is sent by script only, never by the browser on its own: its request must come from the
    // very site the token was made for (Origin, exactly), and needs no CSRF token.
    if (request.widgetOrigin !== undefined) {
      if (STATE_CHANGING.has(request.method) && request.headers.origin !== request.widgetOrigin) {
        throw new AppError('CSRF_FAILED', { message: { en: 'This request came from a site that may not act for you.', ko: '허용되지 않은 사이트에서 보낸 요청입니다.' } });
      }
    } else if (user && STATE_CHANGING.has(request.method)) this.checkCsrf(request);

    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const authorization = request.headers.authorization;
    if (authorization !== undefined && !authorization.startsWith(`Bearer ${WIDGET_TOKEN_PREFIX}`) && this.reflector.getAllAndOverride<boolean>(CMS_TOKEN, targets)) {
      if (this.isCms(authorization)) {
        request.viaCmsToken = true;
        return true;
      }
      throw new AppError('UNAUTHENTICATED', { message: { en: 'The CMS token is not valid.', ko: 'CMS 토큰이 올바르지 않습니다.' } });
    }
    if (!user) throw new AppError('UNAUTHENTICATED');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !hasRole(user, roles)) throw new AppError('FORBIDDEN');
    return true;
  }

  private isCms(authorization: string): boolean {
    const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
    return token !== undefined && this.cmsToken !== null && sameToken(Buffer.from(token), this.cmsToken);
  }

  private checkCsrf(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (origin !== undefined && !this.trustedOrigins.has(origin)) {
      throw new AppError('CSRF_FAILED', { message: { en: 'This request came from a site that may not act for you.', ko: '허용되지 않은 사이트에서 보낸 요청입니다.' } });
    }
    const expected = request.session?.get(CSRF_SESSION_KEY) as string | undefined;
    const given = request.headers['x-csrf-token'];
    if (!expected || typeof given !== 'string' || !sameToken(Buffer.from(given), Buffer.from(expected))) throw new AppError('CSRF_FAILED');
  }
}

function sameToken(x: Buffer, y: Buffer): boolean {
  return x.length === y.length && timingSafeEqual(x, y);
}
