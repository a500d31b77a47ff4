import type { Role, User } from '../users/user.entity';

/** Admins pass every moderator check. */
export function hasRole(user: Pick<User, 'role'>, roles: Role[]): boolean {
  return user.role === 'admin' || roles.includes(user.role);
}
