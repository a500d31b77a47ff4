import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role, User } from '../users/user.entity';

export const ROLES = 'roles';

/** The route needs one of these roles (admin passes every moderator check). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** The logged-in reader (the global guard has already refused anonymous requests on non-public routes). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): User | undefined => {
  return (ctx.switchToHttp().getRequest<FastifyRequest>().user as User | undefined) ?? undefined;
});
