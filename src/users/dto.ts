import { ApiProperty } from '@nestjs/swagger';
import type { Role, User } from './user.entity';

/** A suspension or ban in force, as the reader sees it. */
export class SuspensionView {
  @ApiProperty({ format: 'date-time', description: 'When it ends by itself (a ban: 9999-12-31)' }) until: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ description: 'A ban, not a suspension' }) permanent: boolean;
}

/** A sanction a century away or more is a ban (policy.md, Sanctions). */
const PERMANENT_AFTER_MS = 100 * 365.25 * 86_400_000;

/** The User of api.md: never an e-mail, a session or a provider token. */
export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) avatarUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) profileUrl: string | null;
  @ApiProperty({ type: [String], example: ['twitter'] }) providers: string[];
  @ApiProperty({ enum: ['reader', 'moderator', 'admin'] }) role: Role;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) suspendedUntil: string | null;
  @ApiProperty({ nullable: true, type: SuspensionView, description: 'Why and until when the reader may not post, edit, react or report' })
  suspension: SuspensionView | null;

  static of(user: User, providers: string[]): UserView {
    const now = Date.now();
    const inForce = user.suspendedUntil && user.suspendedUntil.getTime() > now ? user.suspendedUntil : null;
    return {
      id: user.id,
      displayName: user.displayName,
      avatarUrl: user.avatarUrl,
      profileUrl: user.profileUrl,
      providers: [...providers].sort(),
      role: user.role,
      suspendedUntil: inForce ? inForce.toISOString() : null,
      suspension: inForce ? { until: inForce.toISOString(), reason: user.suspensionReason, permanent: inForce.getTime() - now > PERMANENT_AFTER_MS } : null,
    };
  }
}
