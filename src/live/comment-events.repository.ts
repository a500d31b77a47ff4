import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CommentEventType } from './comment-event.entity';

export interface StoredEvent {
  id: string;
  type: CommentEventType;
  payload: unknown;
}

/** What a frame keeps of a comment that left public view: no text, no author. */
const PLACEHOLDER = `'{"body": "", "author": null, "status": "deleted", "editedAt": null, "myReaction": null}'::jsonb`;

/** Every statement on `comment_events`, the live stream's history. */
@Injectable()
export class CommentEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, articleId: string, type: CommentEventType, payload: unknown): Promise<void> {
    await m.query('INSERT INTO comment_events (article_id, type, payload) VALUES ($1, $2, $3)', [articleId, type, payload]);
  }

  /** Wakes the other instances' streams of this article, when (and only if) the transaction commits. */
  async notify(m: EntityManager, channel: string, articleId: string): Promise<void> {
    await m.query('SELECT pg_notify($1, $2)', [channel, articleId]);
  }

  /**
   * Every earlier frame of one comment becomes a placeholder, so a replay
   * never resends its text. Within its article: the (article_id, id) index
   * keeps this from reading every frame of every article.
   */
  async scrubComment(m: EntityManager, articleId: string, commentId: string): Promise<void> {
    await m.query(`UPDATE comment_events SET payload = payload || ${PLACEHOLDER} WHERE article_id = $1 AND payload->>'id' = $2`, [articleId, commentId]);
  }

  /** Every frame that names this author, for an erased account, in the articles they wrote under. */
  async scrubAuthor(m: EntityManager, authorId: string, articleIds: string[]): Promise<void> {
    await m.query(`UPDATE comment_events SET payload = payload || ${PLACEHOLDER} WHERE article_id = ANY($2::varchar[]) AND payload->'author'->>'id' = $1`, [
      authorId,
      articleIds,
    ]);
  }

  async since(articleId: string, afterId: string, limit: number): Promise<StoredEvent[]> {
    return this.dataSource.query(
      'SELECT id::text AS id, type, payload FROM comment_events WHERE article_id = $1 AND id > $2::bigint ORDER BY id LIMIT $3',
      [articleId, afterId, limit],
    );
  }

  async latestId(articleId: string): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT coalesce(max(id), 0)::text AS id FROM comment_events WHERE article_id = $1', [articleId])) as { id: string }[];
    return row.id;
  }
}
