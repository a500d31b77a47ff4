import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Comment } from '../comments/comment.entity';

export const REPORT_REASONS = ['abuse', 'spam', 'personal_info', 'defamation', 'obscene', 'hate', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** A reader's report (신고) of a comment; once per reader per comment. */
@Entity('comment_reports')
@Check('CHK_comment_reports_reason', `"reason" IN ('abuse', 'spam', 'personal_info', 'defamation', 'obscene', 'hate', 'other')`)
export class Report {
  @PrimaryColumn({ name: 'comment_id', type: 'uuid', primaryKeyConstraintName: 'PK_comment_reports' })
  commentId: string;

  @Index('IDX_comment_reports_reporter')
  @PrimaryColumn({ name: 'reporter_id', type: 'uuid', primaryKeyConstraintName: 'PK_comment_reports' })
  reporterId: string;

  @ManyToOne(() => Comment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id', foreignKeyConstraintName: 'FK_comment_reports_comment' })
  comment?: Comment;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'FK_comment_reports_reporter' })
  reporter?: User;

  @Column({ type: 'varchar', length: 32 })
  reason: ReportReason;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set when a moderator restored the comment: the report stays (its reader cannot report again) but no longer counts. */
  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true })
  clearedAt: Date | null;
}
