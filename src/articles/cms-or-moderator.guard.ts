import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AppError } from '../common/errors';

/**
 * The CMS authenticates with `Authorization: Bearer CMS_API_TOKEN`, carries no
 * session and so needs no CSRF token. Moderators come through their session.
 */
@Injectable()
export class CmsOrModeratorGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    if (header !== undefined) {
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
      if (token && this.config.cmsApiToken && sameSecret(token, this.config.cmsApiToken)) return true;
      throw new AppError('UNAUTHENTICATED', { message: { en: 'The CMS token is not valid.', ko: 'CMS 토큰이 올바르지 않습니다.' } });
    }
    const user = request.user as { role?: string } | undefined;
    if (!user) throw new AppError('UNAUTHENTICATED');
    // A moderator's session request has already passed the global guard's CSRF check.
    if (user.role === 'moderator' || user.role === 'admin') return true;
    throw new AppError('FORBIDDEN', { message: { en: 'Only moderators and the CMS can change an article.', ko: '기사 설정은 운영자와 CMS만 바꿀 수 있습니다.' } });
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
