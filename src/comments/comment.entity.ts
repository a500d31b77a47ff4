import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Article } from '../articles/article.entity';
import { User } from '../users/user.entity';

export type CommentStatus = 'published' | 'pending' | 'hidden' | 'deleted';
/** Why a reader's own comment is not public, shown to them only. */
export type CommentNotice = 'awaiting_review' | 'hidden_by_reports' | 'hidden_by_claim' | 'hidden_by_moderator' | 'removed_by_moderator';

/** A comment under an article, or a reply (one level: parentId is always a top-level comment). */
@Entity('comments')
@Check('CHK_comments_status', `"status" IN ('published', 'pending', 'hidden', 'deleted')`)
@Check('CHK_comments_counts', `"agree_count" >= 0 AND "disagree_count" >= 0 AND "reply_count" >= 0 AND "report_count" >= 0`)
@Index('IDX_comments_top_by_time', ['articleId', 'createdAt', 'id'], { where: '"parent_id" IS NULL' })
@Index('IDX_comments_top_by_agree', ['articleId', 'agreeCount', 'createdAt', 'id'], { where: '"parent_id" IS NULL' })
@Index('IDX_comments_replies', ['parentId', 'createdAt', 'id'], { where: '"parent_id" IS NOT NULL' })
@Index('IDX_comments_author_time', ['authorId', 'createdAt', 'id'])
@Index('IDX_comments_author_article', ['authorId', 'articleId'])
@Index('IDX_comments_queue', ['status', 'createdAt', 'id'], { where: `"status" IN ('pending', 'hidden')` })
@Index('IDX_comments_reported', ['createdAt', 'id'], { where: `"status" = 'published' AND "report_count" > 0` })
export class Comment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'article_id', type: 'varchar', length: 128 })
  articleId: string;

  // Checked at commit (see DeferCommentForeignKeys).
  @ManyToOne(() => Article, { onDelete: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'FK_comments_article' })
  article?: Article;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Comment, { onDelete: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_comments_parent' })
  parent?: Comment;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_comments_author' })
  author?: User;

  /** NFC-normalised and trimmed, as the policy counted it. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16 })
  status: CommentStatus;

  @Column({ type: 'varchar', length: 32, nullable: true })
  notice: CommentNotice | null;

  @Column({ name: 'agree_count', type: 'integer', default: 0 })
  agreeCount: number;

  @Column({ name: 'disagree_count', type: 'integer', default: 0 })
  disagreeCount: number;

  /** Published replies. */
  @Column({ name: 'reply_count', type: 'integer', default: 0 })
  replyCount: number;

  @Column({ name: 'report_count', type: 'integer', default: 0 })
  reportCount: number;

  @Column({ name: 'policy_version', type: 'varchar', length: 64 })
  policyVersion: string;

  /** Ids of the Standards Board rules that fired on the last version of the body. */
  @Column({ name: 'policy_rules', type: 'text', array: true, default: () => "'{}'" })
  policyRules: string[];

  /** The toxicity scorer's reading of the last version of the body (policy ToxicityAssessment), for moderators; null once deleted. */
  @Column({ type: 'jsonb', nullable: true })
  toxicity: Record<string, unknown> | null;

  /** Hash of the normalised text, for flood.duplicate. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /** When its author asked for a comment hidden by a rights claim to be restored (once). */
  @Column({ name: 'restoration_requested_at', type: 'timestamptz', nullable: true })
  restorationRequestedAt: Date | null;
}
