import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { User } from './user.entity';

export type ProviderId = 'twitter' | 'facebook';

/** One provider account of a user; a provider account belongs to exactly one user. */
@Entity('user_identities')
@Unique('UQ_user_identities_provider_account', ['provider', 'providerUserId'])
export class UserIdentity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_user_identities_user_id')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne('User', (user: User) => user.identities, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_identities_user' })
  user?: User;

  @Column({ type: 'varchar', length: 32 })
  provider: ProviderId;

  @Column({ name: 'provider_user_id', type: 'varchar', length: 128 })
  providerUserId: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  handle: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ name: 'avatar_url', type: 'text', nullable: true })
  avatarUrl: string | null;

  @Column({ name: 'profile_url', type: 'text', nullable: true })
  profileUrl: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
