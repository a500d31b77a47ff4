import { ExecutionContext, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../moderation/audit.repository';
import type { Role, User } from '../users/user.entity';

export const ROLES = 'roles';
export const CMS_TOKEN = 'cmsToken';
/** The name of the CMS's bearer scheme in the OpenAPI document. */
export const CMS_SECURITY = 'cms';

/** The route needs one of these roles (admin passes every moderator check). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/**
 * The route also accepts the newsroom's CMS, authenticated by
 * `Authorization: Bearer CMS_API_TOKEN` instead of a reader's session.
 */
export const CmsToken = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(CMS_TOKEN, true), ApiBearerAuth(CMS_SECURITY));

/** Who is acting, for the audit log: the CMS (by its token) or the logged-in moderator or admin. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  if (request.viaCmsToken) return { id: null, kind: 'cms' };
  const user = request.user as User;
  return { id: user.id, kind: user.role === 'admin' ? 'admin' : 'moderator' };
});

/** The logged-in reader (the global guard has already refused anonymous requests on non-public routes). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): User | undefined => {
  return (ctx.switchToHttp().getRequest<FastifyRequest>().user as User | undefined) ?? undefined;
});
