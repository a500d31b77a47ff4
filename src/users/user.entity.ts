import { Check, Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UserIdentity } from './user-identity.entity';

export type Role = 'reader' | 'moderator' | 'admin';

/** One person, whatever providers they log in with. */
@Entity('users')
@Check('CHK_users_role', `"role" IN ('reader', 'moderator', 'admin')`)
@Check('CHK_users_name_review', `"name_review" IN ('pending', 'approved')`)
@Index('IDX_users_name_review', ['createdAt', 'id'], { where: `"name_review" = 'pending'` })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ name: 'avatar_url', type: 'text', nullable: true })
  avatarUrl: string | null;

  @Column({ name: 'profile_url', type: 'text', nullable: true })
  profileUrl: string | null;

  @Column({ type: 'varchar', length: 16, default: 'reader' })
  role: Role;

  /** A suspension or ban in force until then (a ban is the far future). */
  @Column({ name: 'suspended_until', type: 'timestamptz', nullable: true })
  suspendedUntil: Date | null;

  @Column({ name: 'suspension_reason', type: 'text', nullable: true })
  suspensionReason: string | null;

  /** A provider name the identity rules flagged waits for a moderator ('pending'), or was approved. */
  @Column({ name: 'name_review', type: 'varchar', length: 16, nullable: true })
  nameReview?: 'pending' | 'approved' | null;

  /** The flagged name, shown once a moderator approves it. */
  @Column({ name: 'pending_display_name', type: 'varchar', length: 100, nullable: true })
  pendingDisplayName?: string | null;

  /** The name a moderator approved; later logins keep showing it while the provider gives the same. */
  @Column({ name: 'approved_display_name', type: 'varchar', length: 100, nullable: true })
  approvedDisplayName?: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany('UserIdentity', (identity: UserIdentity) => identity.user)
  identities?: UserIdentity[];
}
