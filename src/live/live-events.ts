import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { CommentEventType } from './comment-event.entity';
import { CommentQueries } from './comment-queries';
import { toCommentView } from './dto/comment.view';

export interface StoredEvent {
  id: string;
  type: CommentEventType;
  payload: unknown;
}

const CHANNEL = 'comment_events';
const POLL_MS = 2000;

/**
 * The live stream, shared by every instance through Postgres: events are rows
 * (so a reconnecting client replays exactly what it missed) and NOTIFY wakes
 * the instances that hold open streams; a slow poll covers a lost notification.
 */
@Injectable()
export class CommentEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CommentEvents');
  private readonly bus = new EventEmitter().setMaxListeners(0);
  private listener?: Client;
  private poller?: NodeJS.Timeout;
  private closed = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queries: CommentQueries,
  ) {}

  async onModuleInit(): Promise<void> {
    this.poller = setInterval(() => {
      for (const name of this.bus.eventNames()) this.bus.emit(name);
    }, POLL_MS);
    this.poller.unref();
    await this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closed || !this.config.databaseUrl) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'newsroom-comments-listener' });
    client.on('notification', (n) => n.payload && this.bus.emit(n.payload));
    client.on('error', (error) => {
      this.logger.warn({ msg: 'event listener lost its connection; polling until it is back', error: error.message });
      this.listener = undefined;
      setTimeout(() => void this.listen(), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn({ msg: 'LISTEN unavailable; the stream polls', error: (error as Error).message });
      await client.end().catch(() => undefined);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    await this.listener?.end().catch(() => undefined);
  }

  /**
   * Records an event inside the transaction that changed the comment. The
   * article row lock orders the ids of one article by commit; the NOTIFY is
   * delivered only if the transaction commits.
   */
  async record(m: EntityManager, articleId: string, type: CommentEventType, commentId: string): Promise<void> {
    await m.query('SELECT 1 FROM articles WHERE id = $1 FOR UPDATE', [articleId]);
    const row = await this.queries.one(commentId, null, m);
    if (!row) return;
    const view = toCommentView(row, null);
    // A comment leaving public view is sent as a placeholder: its text and author never reach the stream.
    const payload = type === 'comment.deleted' ? { ...view, status: 'deleted', body: '', author: null, editedAt: null, myReaction: null } : view;
    // Earlier frames of a comment that left public view are scrubbed too, so a replay cannot resend its text.
    if (type === 'comment.deleted') await this.scrub(m, `payload->>'id' = $1`, commentId);
    await m.query('INSERT INTO comment_events (article_id, type, payload) VALUES ($1, $2, $3)', [articleId, type, payload]);
    await m.query('SELECT pg_notify($1, $2)', [CHANNEL, articleId]);
  }

  /** Rewrites matching frames as placeholders: no text, no author. */
  async scrub(m: EntityManager, where: string, param: string): Promise<void> {
    await m.query(
      `UPDATE comment_events SET payload = payload || '{"body": "", "author": null, "status": "deleted", "editedAt": null}'::jsonb WHERE ${where}`,
      [param],
    );
  }

  async since(articleId: string, afterId: string, limit = 500): Promise<StoredEvent[]> {
    return this.dataSource.query(
      'SELECT id::text AS id, type, payload FROM comment_events WHERE article_id = $1 AND id > $2::bigint ORDER BY id LIMIT $3',
      [articleId, afterId, limit],
    );
  }

  async latestId(articleId: string): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT coalesce(max(id), 0)::text AS id FROM comment_events WHERE article_id = $1', [articleId])) as { id: string }[];
    return row.id;
  }

  subscribe(articleId: string, wake: () => void): () => void {
    this.bus.on(articleId, wake);
    return () => this.bus.off(articleId, wake);
  }
}
