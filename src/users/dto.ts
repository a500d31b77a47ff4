import { ApiProperty } from '@nestjs/swagger';
import type { Role, User } from './user.entity';

/** The User of api.md: never an e-mail, a session or a provider token. */
export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) avatarUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) profileUrl: string | null;
  @ApiProperty({ type: [String], example: ['twitter'] }) providers: string[];
  @ApiProperty({ enum: ['reader', 'moderator', 'admin'] }) role: Role;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) suspendedUntil: string | null;

  static of(user: User, providers: string[]): UserView {
    return {
      id: user.id,
      displayName: user.displayName,
      avatarUrl: user.avatarUrl,
      profileUrl: user.profileUrl,
      providers: [...providers].sort(),
      role: user.role,
      suspendedUntil: user.suspendedUntil && user.suspendedUntil > new Date() ? user.suspendedUntil.toISOString() : null,
    };
  }
}
