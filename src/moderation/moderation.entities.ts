import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Comment } from '../comments/comment.entity';
import { User } from '../users/user.entity';

/** A confirmed violation: a moderator rejected or deleted a comment for a rule of the policy. */
@Entity('strikes')
export class Strike {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_strikes' })
  id: string;

  @Index('IDX_strikes_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_strikes_user' })
  user?: User;

  @Column({ name: 'comment_id', type: 'uuid', nullable: true })
  commentId: string | null;

  @ManyToOne(() => Comment, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'comment_id', foreignKeyConstraintName: 'FK_strikes_comment' })
  comment?: Comment;

  @Column({ type: 'varchar', length: 64 })
  rule: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export type SanctionKind = 'warning' | 'suspend' | 'ban';

/** A warning, suspension or ban: from the strike ladder (no actor) or a moderator. */
@Entity('sanctions')
@Check('CHK_sanctions_kind', `"kind" IN ('warning', 'suspend', 'ban')`)
@Index('IDX_sanctions_user', ['userId', 'createdAt'])
export class Sanction {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_sanctions' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_sanctions_user' })
  user?: User;

  @Column({ type: 'varchar', length: 16 })
  kind: SanctionKind;

  @Column({ type: 'timestamptz', nullable: true })
  until: Date | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'strike_id', type: 'bigint', nullable: true })
  strikeId: string | null;

  @ManyToOne(() => Strike, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'strike_id', foreignKeyConstraintName: 'FK_sanctions_strike' })
  strike?: Strike;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt: Date | null;

  @Column({ name: 'lifted_by', type: 'uuid', nullable: true })
  liftedBy: string | null;
}

/** A rights-infringement claim (임시조치): the comment is hidden until hiddenUntil, then a moderator decides. */
@Entity('comment_claims')
@Check('CHK_comment_claims_resolution', `"resolution" IN ('restored', 'deleted')`)
@Index('UQ_comment_claims_open', ['commentId'], { unique: true, where: '"resolved_at" IS NULL' })
@Index('IDX_comment_claims_due', ['hiddenUntil'], { where: '"resolved_at" IS NULL' })
export class CommentClaim {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_comment_claims' })
  id: string;

  @Column({ name: 'comment_id', type: 'uuid' })
  commentId: string;

  @ManyToOne(() => Comment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id', foreignKeyConstraintName: 'FK_comment_claims_comment' })
  comment?: Comment;

  @Column({ type: 'varchar', length: 200 })
  claimant: string;

  @Column({ type: 'varchar', length: 2000 })
  reason: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'hidden_until', type: 'timestamptz' })
  hiddenUntil: Date;

  /** When one instance announced that the period ran out (a row lease: once, whatever the number of instances). */
  @Column({ name: 'due_announced_at', type: 'timestamptz', nullable: true })
  dueAnnouncedAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  resolution: 'restored' | 'deleted' | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;
}

/** One entry of the append-only audit log (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Entity('moderation_audit')
@Check('CHK_moderation_audit_actor_kind', `"actor_kind" IN ('moderator', 'admin', 'cms', 'system')`)
@Index('IDX_moderation_audit_actor', ['actorId', 'id'])
@Index('IDX_moderation_audit_target', ['targetId', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_moderation_audit' })
  id: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind: 'moderator' | 'admin' | 'cms' | 'system';

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: string;

  @Column({ name: 'target_id', type: 'varchar', length: 128 })
  targetId: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The moderators' live queue: a kind and an id, never text. */
@Entity('moderation_events')
export class ModerationEvent {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_moderation_events' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 128 })
  subjectId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
