import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type ModerationMode = 'post' | 'pre';

/** An article of the newsroom's CMS, known by the newsroom's own id. Rows appear on a CMS upsert or the first comment. */
@Entity('articles')
@Check('CHK_articles_moderation', `"moderation" IN ('post', 'pre')`)
@Check('CHK_articles_comment_count', `"comment_count" >= 0`)
@Check('CHK_articles_top_level_count', `"top_level_count" >= 0`)
export class Article {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id: string;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ name: 'comments_open', type: 'boolean', default: true })
  commentsOpen: boolean;

  @Column({ type: 'varchar', length: 8, default: 'post' })
  moderation: ModerationMode;

  /** Published comments and replies; kept in the same transaction as the change that moves it. */
  @Column({ name: 'comment_count', type: 'integer', default: 0 })
  commentCount: number;

  /** Published top-level comments: a list's `total`. */
  @Column({ name: 'top_level_count', type: 'integer', default: 0 })
  topLevelCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
