import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Article } from '../articles/article.entity';

export type CommentEventType = 'comment.created' | 'comment.updated' | 'comment.deleted';

/** One frame of an article's live stream, kept so that reconnecting clients miss nothing. */
@Entity('comment_events')
@Index('IDX_comment_events_article', ['articleId', 'id'])
export class CommentEvent {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_comment_events' })
  id: string;

  @Column({ name: 'article_id', type: 'varchar', length: 128 })
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'FK_comment_events_article' })
  article?: Article;

  @Column({ type: 'varchar', length: 32 })
  type: CommentEventType;

  /** The comment as an anonymous reader saw it at that moment. */
  @Column({ type: 'jsonb' })
  payload: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
