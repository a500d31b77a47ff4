import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ArticlesRepository, type ArticleSettingsRead } from '../articles/articles.repository';
import { LiveEvents } from '../live/live-events';
import type { CommentStatus } from './comment.entity';
import { CommentsRepository, type LockedComment } from './comments.repository';
import { toCommentView, type CommentRow } from './dto/comment.view';
import { counterDeltas, isPublic, noticeOf, threadShown, type CommentState } from './visibility';

/** A comment inserted but not yet entered: its place and state, and its row as lists show it. */
export interface PreparedEntry {
  comment: LockedComment;
  row: CommentRow;
}

/**
 * The only way a comment comes into being in a state, changes state or
 * changes its public text. Each step, inside the caller's transaction: the
 * row, every kept counter (the article's comment and top-level counts, the
 * thread's reply count) and the live event. Callers lock with `lock` first.
 *
 * Live events follow public visibility: `comment.created` when a comment
 * becomes public (posted, approved, restored), `comment.updated` when a public
 * comment's text changes, `comment.deleted` when it leaves public view for any
 * reason (its earlier frames are then scrubbed).
 */
@Injectable()
export class CommentLifecycle {
  constructor(
    private readonly comments: CommentsRepository,
    private readonly articles: ArticlesRepository,
    private readonly live: LiveEvents,
  ) {}

  /** The comment's article row, then the comment row: the lock order of every writer. */
  async lock(m: EntityManager, commentId: string): Promise<LockedComment | undefined> {
    const articleId = await this.comments.articleOf(m, commentId);
    if (!articleId) return undefined;
    await this.articles.lock(m, [articleId]);
    return this.comments.lock(m, commentId);
  }

  /**
   * What entering needs of a comment just inserted, read before any lock: its
   * own uncommitted row, which no other transaction can see or change yet.
   */
  async prepareEntry(m: EntityManager, commentId: string): Promise<PreparedEntry> {
    const comment = (await this.comments.placed(m, commentId))!;
    const row = (await this.comments.one(commentId, null, m))!;
    return { comment, row };
  }

  /**
   * The comment enters its first state. The article's row lock is taken here,
   * by the counter update, and held only for the rest of the transaction (the
   * thread's count, the event, the commit): posts on one busy article then
   * queue for a few statements each instead of for their whole transaction.
   * `underLock` runs as soon as the lock is held, with the article's settings
   * as they are now: the caller re-checks there whatever it decided on
   * before it had the lock, and throws to roll back if that moved.
   */
  async entered(m: EntityManager, entry: PreparedEntry, underLock: (now: ArticleSettingsRead) => Promise<void>): Promise<void> {
    const c = entry.comment;
    const d = counterDeltas(c, null, c.status);
    await underLock(await this.articles.lockAndCount(m, c.article_id, d.comments, d.topLevel));
    if (c.parent_id !== null) await this.comments.adjustReplyCount(m, c.parent_id, d.parentReplies);
    if (isPublic(c)) await this.live.record(m, c.article_id, 'comment.created', toCommentView(entry.row, null));
    if (c.status === 'pending') await this.live.recordForModerators(m, 'comment.pending', c.id);
  }

  /** Moves a locked comment to another state; a no-op when it is already there. */
  async transition(m: EntityManager, c: LockedComment, to: CommentState): Promise<LockedComment> {
    const notice = noticeOf(to);
    if (c.status === to.status && c.notice === notice) return c;
    const wasPublic = isPublic(c);
    await this.comments.setState(m, c.id, to.status, notice);
    await this.moveCounters(m, c, c.status, to.status);
    const after: LockedComment = { ...c, status: to.status, notice, thread_status: c.parent_id === null ? to.status : c.thread_status };
    const nowPublic = isPublic(after);
    if (wasPublic && !nowPublic) await this.announce(m, after, 'comment.deleted');
    else if (!wasPublic && nowPublic) await this.announce(m, after, 'comment.created');
    // A thread leaves public view, or comes back, with its top-level comment: so do its replies on the streams.
    if (c.parent_id === null && threadShown(c.status) !== threadShown(to.status)) {
      const type = threadShown(to.status) ? 'comment.created' : 'comment.deleted';
      for (const replyId of await this.comments.publishedReplyIds(m, c.id)) await this.announceId(m, c.article_id, replyId, type);
    }
    // Moderators' pages hear of what now waits for them.
    if (to.status === 'pending' && c.status !== 'pending') await this.live.recordForModerators(m, 'comment.pending', c.id);
    if (to.status === 'hidden' && c.status !== 'hidden') await this.live.recordForModerators(m, 'comment.hidden', c.id);
    return after;
  }

  /**
   * The author changed the text (already written by the caller). A held edit
   * sends the comment back to review; otherwise it keeps its state and public
   * streams hear of the new text.
   */
  async edited(m: EntityManager, c: LockedComment, held: boolean): Promise<LockedComment> {
    if (held) return this.transition(m, c, { status: 'pending' });
    if (isPublic(c)) await this.announce(m, c, 'comment.updated');
    return c;
  }

  private async moveCounters(m: EntityManager, c: LockedComment, from: CommentStatus | null, to: CommentStatus): Promise<void> {
    const d = counterDeltas(c, from, to);
    await this.articles.adjustCounts(m, c.article_id, d.comments, d.topLevel);
    if (c.parent_id !== null) await this.comments.adjustReplyCount(m, c.parent_id, d.parentReplies);
  }

  private announce(m: EntityManager, c: LockedComment, type: 'comment.created' | 'comment.updated' | 'comment.deleted'): Promise<void> {
    return this.announceId(m, c.article_id, c.id, type);
  }

  private async announceId(m: EntityManager, articleId: string, commentId: string, type: 'comment.created' | 'comment.updated' | 'comment.deleted'): Promise<void> {
    const row = (await this.comments.one(commentId, null, m))!;
    await this.live.record(m, articleId, type, toCommentView(row, null));
  }
}
