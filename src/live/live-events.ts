import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { Lifecycle } from '../common/lifecycle';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { afterCommit } from '../database/transaction';
import type { CommentEventType } from './comment-event.entity';
import { CommentEventsRepository, type StoredEvent } from './comment-events.repository';
import { ModerationEventsRepository } from './moderation-events.repository';
import type { EventFeed } from './sse';

const CHANNEL = 'comment_events';
/** LISTEN reconnects after 0.5 s, 1 s, 2 s … at most 5 s apart, until the database is back. */
const LISTEN_RETRY_FIRST_MS = 500;
const LISTEN_RETRY_MAX_MS = 5000;
export const EVENT_BATCH = 500;
/** The moderators' queue shares the channel under a key no article id can take (ids have no '#'). */
const MODERATION = '#moderation';

/** What moderators' pages hear of, with the id it concerns. */
export type QueueEventKind =
  | 'comment.pending'
  | 'comment.reported'
  | 'comment.hidden'
  | 'comment.decided'
  | 'claim.due'
  | 'claim.restoration_requested'
  | 'name.pending'
  | 'name.decided';

/**
 * The live stream, shared by every instance through Postgres: events are rows
 * (so a reconnecting client replays exactly what it missed). After a commit
 * this instance's streams are woken at once; NOTIFY wakes the other instances,
 * and a slow poll covers a lost notification. The embedded database belongs
 * to one process and is used through one connection, so it takes no LISTEN
 * connection: the in-process wake-up is all it needs.
 */
@Injectable()
export class LiveEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LiveEvents');
  private readonly bus = new EventEmitter().setMaxListeners(0);
  /** Per stream key, how many times its streams were woken: a read begun after wake n serves every stream woken by it. */
  private readonly wakes = new Map<string, number>();
  /** The reads in flight, by key, cursor and wake: one query for all the streams of an article at the same place. */
  private readonly reads = new Map<string, Promise<StoredEvent[]>>();
  private listener?: Client;
  private poller?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private retryMs = LISTEN_RETRY_FIRST_MS;
  /** Whether the last attempt failed, so a lasting outage is said once, not at every retry. */
  private listenFailing = false;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: CommentEventsRepository,
    private readonly queue: ModerationEventsRepository,
    private readonly lifecycle: Lifecycle,
  ) {}

  async onModuleInit(): Promise<void> {
    this.poller = setInterval(() => this.wakeAll(), this.config.livePollSeconds * 1000);
    this.poller.unref();
    if (!this.config.embeddedDatabase) await this.listen();
  }

  private wakeAll(): void {
    for (const name of this.bus.eventNames()) this.wakeStreams(name as string);
  }

  /** True while notifications arrive (a LISTEN connection is up). */
  get listening(): boolean {
    return this.listener !== undefined;
  }

  /**
   * One LISTEN connection, kept: lost or refused, it is tried again with
   * backoff for as long as the process runs; in between the streams poll.
   * Once back, every stream looks at once for what it missed meanwhile.
   */
  private async listen(): Promise<void> {
    this.retry = undefined;
    if (this.closed || !this.config.databaseUrl) return;
    const client = new Client({
      // The direct connection (DATABASE_LISTEN_URL): LISTEN cannot go through transaction pooling.
      connectionString: this.config.databaseListenUrl ?? this.config.databaseUrl,
      application_name: 'newsroom-comments-listener',
      connectionTimeoutMillis: this.config.databaseConnectTimeoutMs,
      keepAlive: true,
    });
    client.on('notification', (n) => n.payload && this.wakeStreams(n.payload));
    const lost = (error: Error | undefined) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.logger.warn({ msg: 'event listener lost its connection; the streams poll until it is back', error: error?.message });
      void client.end().catch(() => undefined);
      this.scheduleListen();
    };
    client.on('error', (error) => lost(error));
    client.on('end', () => lost(undefined));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      if (this.listenFailing) this.logger.log({ msg: 'event listener is back' });
      this.listenFailing = false;
      this.retryMs = LISTEN_RETRY_FIRST_MS;
      this.wakeAll();
    } catch (error) {
      if (!this.listenFailing) this.logger.warn({ msg: 'LISTEN unavailable; the streams poll and it is tried again', error: (error as Error).message });
      this.listenFailing = true;
      await client.end().catch(() => undefined);
      this.scheduleListen();
    }
  }

  private scheduleListen(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => void this.listen(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, LISTEN_RETRY_MAX_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    if (this.retry) clearTimeout(this.retry);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /**
   * Records a frame inside the transaction that changed the comment. The
   * caller holds the article's row lock, which orders an article's event ids
   * by commit. A comment leaving public view goes out as a placeholder and its
   * earlier frames are scrubbed, so a replay can never resend its text.
   */
  async record(m: EntityManager, articleId: string, type: CommentEventType, payload: { id: string }): Promise<void> {
    const frame = type === 'comment.deleted' ? { ...payload, status: 'deleted', body: '', author: null, editedAt: null, myReaction: null } : payload;
    if (type === 'comment.deleted') await this.events.scrubComment(m, articleId, payload.id);
    await this.events.insert(m, articleId, type, frame);
    await this.wake(m, articleId);
  }

  /** Tells the moderators' pages that something joined or left the queue: its kind and id, never its text. */
  async recordForModerators(m: EntityManager, kind: QueueEventKind, subjectId: string): Promise<void> {
    await this.queue.insert(m, kind, subjectId);
    await this.wake(m, MODERATION);
  }

  /** Other instances through NOTIFY (delivered only on commit), this one after the commit. */
  private async wake(m: EntityManager, key: string): Promise<void> {
    if (!this.config.embeddedDatabase) await this.events.notify(m, CHANNEL, key);
    afterCommit(m, () => this.wakeStreams(key));
  }

  /** An erased author's name and text leave every frame (of the articles they wrote under). */
  scrubAuthor(m: EntityManager, authorId: string, articleIds: string[]): Promise<void> {
    return this.events.scrubAuthor(m, authorId, articleIds);
  }

  /** An article's public stream. */
  articleFeed(articleId: string): EventFeed {
    return {
      since: (afterId) => this.sharedSince(articleId, afterId, () => this.events.since(articleId, afterId, EVENT_BATCH)),
      latestId: () => this.events.latestId(articleId),
      subscribe: (wake) => this.subscribe(articleId, wake),
      batchSize: EVENT_BATCH,
      onDrain: (end) => this.lifecycle.onDrain(end),
    };
  }

  /** The moderators' queue stream. */
  moderationFeed(): EventFeed {
    return {
      since: (afterId): Promise<StoredEvent[]> => this.sharedSince(MODERATION, afterId, () => this.queue.since(afterId, EVENT_BATCH)),
      latestId: () => this.queue.latestId(),
      subscribe: (wake) => this.subscribe(MODERATION, wake),
      batchSize: EVENT_BATCH,
      onDrain: (end) => this.lifecycle.onDrain(end),
    };
  }

  /**
   * Wakes the streams of one key. A thousand readers of a breaking-news
   * article all wake for each comment and all ask for what follows the same
   * cursor: they share one read (sharedSince). The wake count is bumped
   * first, so no stream woken now joins a read begun before the commit it
   * was woken for.
   */
  private wakeStreams(key: string): void {
    if (this.bus.listenerCount(key) === 0) {
      this.wakes.delete(key);
      return;
    }
    this.wakes.set(key, (this.wakes.get(key) ?? 0) + 1);
    this.bus.emit(key);
  }

  private sharedSince(key: string, afterId: string, read: () => Promise<StoredEvent[]>): Promise<StoredEvent[]> {
    const id = `${key}\u0000${afterId}\u0000${this.wakes.get(key) ?? 0}`;
    let pending = this.reads.get(id);
    if (!pending) {
      pending = read().finally(() => this.reads.delete(id));
      this.reads.set(id, pending);
    }
    return pending;
  }

  private subscribe(key: string, wake: () => void): () => void {
    this.bus.on(key, wake);
    return () => this.bus.off(key, wake);
  }
}
