import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ArticlesRepository } from '../articles/articles.repository';
import { AppError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Queryable } from '../database/read-routing';
import { inTransaction } from '../database/transaction';
import { LiveEvents } from '../live/live-events';
import { MetricsRegistry } from '../metrics/metrics';
import type { PolicyEngine } from '../policy';
import { POLICY_ENGINE } from '../standards-board/policy-engine.token';
import { ReaderStanding } from '../standards-board/standing';
import { verdictError } from '../standards-board/verdict-error';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { assertMayChange } from './comment-access';
import { CommentLifecycle } from './comment-lifecycle';
import { CommentsRepository, type LockedComment } from './comments.repository';
import { CommentSort, decodeCursor, encodeCursor, type CursorKeys } from './cursor';
import type { ContentVerdict } from '../policy';
import { CommentPage, CommentRow, CommentView, toCommentView } from './dto/comment.view';
import { authorContext } from './policy-context';
import { etagOf } from './http-cache';
import { ListVersionsRepository } from './list-versions.repository';
import { isPublic, threadShown } from './visibility';

export interface PostResult {
  status: 201 | 202;
  comment: CommentView;
}

interface PostAttempt {
  author: User;
  articleId: string;
  content: ContentVerdict;
  parentId: string | undefined;
  idempotencyKey: string | undefined;
  requestHash: string;
  /** A second attempt holds the article's lock from the start. */
  lockFirst: boolean;
}

/** What a post decided on before it held the article's lock has moved: roll back and start over. */
class StaleDecision extends Error {}

/** A post starts over after a stale decision or a deadlock (Postgres chose it as the victim; nothing was written). */
function startOver(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return error instanceof StaleDecision || e.code === '40P01' || e.driverError?.code === '40P01';
}

/**
 * Comments: the rules of posting, editing, deleting and listing. The
 * Standards Board judges the text before any transaction (no lock is held
 * while it reads); inside the transaction only the rules that need the
 * author's history and the article's state run, under the locks that keep
 * those from moving.
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(POLICY_ENGINE) private readonly policy: PolicyEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly comments: CommentsRepository,
    private readonly articles: ArticlesRepository,
    private readonly lifecycle: CommentLifecycle,
    private readonly standing: ReaderStanding,
    private readonly live: LiveEvents,
    private readonly metrics: MetricsRegistry,
    private readonly users: UsersRepository,
    private readonly versions: ListVersionsRepository,
  ) {}

  /**
   * Posting, in one transaction: the author's lock (so flood counters cannot
   * be raced), the idempotency key (a concurrent duplicate waits on it and
   * then replays the answer), the article's settings, the context rules, the
   * row and its answer; the article's row lock only at the end, with its
   * counters and event (see CommentLifecycle.entered). What was decided
   * before the lock is checked again under it; if an article's settings or
   * the parent's state moved in between, the post starts over, holding the
   * article's lock from the start this time, so it cannot move twice.
   */
  async post(author: User, articleId: string, body: string, parentId: string | undefined, idempotencyKey: string | undefined): Promise<PostResult> {
    this.standing.assertMayAct(author);
    const content = await this.policy.assessContent(body);
    const requestHash = createHash('sha256').update(JSON.stringify([articleId, body, parentId ?? null])).digest('hex');
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.dataSource, (m) => this.postIn(m, { author, articleId, content, parentId, idempotencyKey, requestHash, lockFirst: attempt > 1 }));
      } catch (error) {
        if (attempt < 3 && startOver(error)) continue;
        throw error;
      }
    }
  }

  private async postIn(m: EntityManager, p: PostAttempt): Promise<PostResult> {
    const { author, articleId, parentId, idempotencyKey } = p;
    // First the author's own lock (the flood counters, an erasure of the account), then the key.
    const me = await this.users.lockActing(m, author.id);
    this.standing.assertMayAct(me);
    if (idempotencyKey) {
      const replay = await this.claimIdempotencyKey(m, author.id, idempotencyKey, p.requestHash);
      if (replay) return replay;
    }
    const article = await this.articles.ensureForComment(m, articleId);
    if (p.lockFirst) await this.articles.lock(m, [articleId]);

    let parent: LockedComment | undefined;
    if (parentId) {
      parent = await this.comments.placed(m, parentId);
      if (!parent || parent.article_id !== articleId || !isPublic(parent)) {
        throw new AppError('NOT_FOUND', { message: { en: 'The comment you reply to does not exist or is not public.', ko: '답글을 달 댓글이 없거나 공개되지 않았습니다.' } });
      }
    }

    const stats = await this.comments.authorStats(m, author.id, articleId, null);
    const verdict = this.policy.decide(p.content, authorContext(me!, stats, article, { editing: false, newAccountHoldHours: this.config.newAccountHoldHours }));
    this.metrics.recordVerdict('post', verdict);
    const refused = verdictError(verdict);
    if (refused) throw refused;

    const held = verdict.verdict === 'hold';
    const id = await this.comments.insert(m, {
      articleId,
      // Replies are one level deep: a reply to a reply joins its thread.
      parentId: parent ? (parent.parent_id ?? parent.id) : null,
      authorId: author.id,
      body: verdict.normalizedBody,
      status: held ? 'pending' : 'published',
      notice: held ? 'awaiting_review' : null,
      policyVersion: verdict.policyVersion,
      policyRules: verdict.violations.map((v) => v.rule),
      fingerprint: verdict.fingerprint,
      toxicity: verdict.toxicity ?? null,
    });
    const entry = await this.lifecycle.prepareEntry(m, id);
    const answer: PostResult = { status: held ? 202 : 201, comment: toCommentView(entry.row, author.id) };
    if (idempotencyKey) await this.comments.completeIdempotencyKey(m, author.id, idempotencyKey, answer.status, answer.comment);
    await this.lifecycle.entered(m, entry, async (now) => {
      if (now.commentsOpen !== article.commentsOpen || now.moderation !== article.moderation) throw new StaleDecision();
      if (parent) {
        const again = await this.comments.placed(m, parent.id);
        if (!again || again.status !== parent.status || again.thread_status !== parent.thread_status) throw new StaleDecision();
      }
    });
    return answer;
  }

  /** The first answer given under this key, or null when this request takes it. */
  private async claimIdempotencyKey(m: EntityManager, userId: string, key: string, requestHash: string): Promise<PostResult | null> {
    const claim = await this.comments.claimIdempotencyKey(m, userId, key, requestHash);
    if (claim.claimed) return null;
    if (claim.requestHash !== requestHash) {
      throw AppError.validation({ en: 'This Idempotency-Key was already used for a different request.', ko: '이 Idempotency-Key는 다른 요청에 이미 사용되었습니다.' });
    }
    return { status: claim.statusCode as 201 | 202, comment: claim.response as CommentView };
  }

  /** The author edits within the window; the Standards Board judges the new text again. */
  async edit(user: User, commentId: string, body: string): Promise<CommentView> {
    this.standing.assertMayAct(user);
    const content = await this.policy.assessContent(body);
    return inTransaction(this.dataSource, async (m) => {
      const me = await this.users.lockActing(m, user.id);
      this.standing.assertMayAct(me);
      const c = await this.lifecycle.lock(m, commentId);
      assertMayChange(user, c, 'edit');
      // Hidden by readers' reports, a claim or a moderator: a new text must not slip it back past them.
      if (c.status === 'hidden') {
        throw new AppError('CONFLICT', {
          message: { en: 'A hidden comment cannot be edited while it waits for a moderator.', ko: '가려진 댓글은 운영자의 결정이 있을 때까지 수정할 수 없습니다.' },
        });
      }
      if (Date.now() - c.created_at.getTime() > this.config.editWindowSeconds * 1000) {
        throw new AppError('EDIT_WINDOW_CLOSED', { details: { editWindowSeconds: this.config.editWindowSeconds } });
      }
      const article = (await this.articles.find(c.article_id, m))!;
      const stats = await this.comments.authorStats(m, user.id, c.article_id, commentId);
      const verdict = this.policy.decide(content, authorContext(me!, stats, article, { editing: true, newAccountHoldHours: this.config.newAccountHoldHours }));
      this.metrics.recordVerdict('edit', verdict);
      const refused = verdictError(verdict);
      if (refused) throw refused;
      await this.comments.updateBody(m, commentId, {
        body: verdict.normalizedBody,
        policyVersion: verdict.policyVersion,
        policyRules: verdict.violations.map((v) => v.rule),
        fingerprint: verdict.fingerprint,
        toxicity: verdict.toxicity ?? null,
      });
      await this.lifecycle.edited(m, c, verdict.verdict === 'hold');
      return this.view(m, commentId, user.id);
    });
  }

  /** Soft delete by the author or a moderator: the row stays (it counts for flooding), the text goes. */
  async remove(user: User, commentId: string): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const c = await this.lifecycle.lock(m, commentId);
      assertMayChange(user, c, 'delete');
      await this.lifecycle.transition(m, c, { status: 'deleted' });
    });
  }

  /**
   * The author of a comment hidden by a rights claim (임시조치) asks, once, for
   * it to be restored; a moderator decides. 202: the request is queued.
   */
  async requestRestoration(user: User, commentId: string): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const c = await this.lifecycle.lock(m, commentId);
      assertMayChange(user, c, 'restoration');
      if (c.status !== 'hidden' || c.notice !== 'hidden_by_claim') {
        throw new AppError('CONFLICT', { message: { en: 'Only a comment hidden by a rights claim can be restored on request.', ko: '권리침해 신고로 가려진 댓글만 복원을 요청할 수 있습니다.' } });
      }
      if (c.restoration_requested_at) {
        throw new AppError('CONFLICT', {
          message: { en: 'Restoration was already requested for this comment.', ko: '이미 복원을 요청한 댓글입니다.' },
          details: { requestedAt: c.restoration_requested_at.toISOString() },
        });
      }
      await this.comments.markRestorationRequested(m, commentId);
      await this.live.recordForModerators(m, 'claim.restoration_requested', commentId);
    });
  }

  // ---- lists ----

  /** `db`: where the read goes (ReadRouter: the replica or the primary). */
  async list(articleId: string, sort: CommentSort, limit: number, cursor: string | undefined, viewerId: string | null, db?: Queryable, knownTotal?: number): Promise<CommentPage> {
    const scope = `${articleId}:${sort}`;
    const after = decodeCursor(cursor, scope);
    const [rows, total] = await Promise.all([
      this.comments.topLevel(articleId, sort, limit, after, viewerId, db),
      knownTotal ?? this.articles.topLevelCount(articleId, db),
    ]);
    return page(rows, limit, viewerId, total, (last) => encodeCursor(scope, { t: last.created_key, id: last.id, ...(sort === 'agreed' ? { a: last.agree_count } : {}) }));
  }

  /**
   * The ETag of an anonymous list page, from the article's version (no
   * comment row read). The cursor is checked first: a forged one is a 400
   * whatever the client sends.
   */
  async listTag(articleId: string, sort: CommentSort, limit: number, cursor: string | undefined, db?: Queryable): Promise<{ etag: string; total: number }> {
    decodeCursor(cursor, `${articleId}:${sort}`);
    const { version, total } = await this.versions.withTotal(articleId, db);
    return { etag: etagOf(['list', articleId, sort, limit, cursor ?? null, version]), total };
  }

  /** The same for a thread's replies; null when the thread is not shown to everyone (the list then answers 404). */
  async repliesTag(commentId: string, limit: number, cursor: string | undefined, db?: Queryable): Promise<string | null> {
    decodeCursor(cursor, `${commentId}:replies`);
    const thread = await this.comments.thread(commentId, db);
    if (!thread || !threadShown(thread.status)) return null;
    return etagOf(['replies', commentId, limit, cursor ?? null, await this.versions.of(thread.article_id, db)]);
  }

  async replies(commentId: string, limit: number, cursor: string | undefined, viewerId: string | null, db?: Queryable): Promise<CommentPage> {
    const thread = await this.comments.thread(commentId, db);
    if (!thread || !(threadShown(thread.status) || (viewerId !== null && thread.author_id === viewerId))) throw AppError.notFound('comment');
    const scope = `${commentId}:replies`;
    const rows = await this.comments.replies(commentId, limit, decodeCursor(cursor, scope), viewerId, db);
    return page(rows, limit, viewerId, thread.reply_count, (last) => encodeCursor(scope, timeKeys(last)));
  }

  /** The reader's own comments, every status, newest first, with any moderation notice. */
  async byAuthor(authorId: string, limit: number, cursor: string | undefined): Promise<CommentPage> {
    const scope = `${authorId}:mine`;
    const [rows, total] = await Promise.all([this.comments.byAuthor(authorId, limit, decodeCursor(cursor, scope)), this.comments.countByAuthor(authorId)]);
    return page(rows, limit, authorId, total, (last) => encodeCursor(scope, timeKeys(last)));
  }

  // ---- the reader's data ----

  /**
   * Erasure of an author's comments, in the erasure's transaction (the
   * articles already locked): each leaves public view through the lifecycle
   * (counters and streams), every frame naming the author is scrubbed, then
   * the rows no thread needs go and placeholders lose their author.
   */
  async eraseAuthor(m: EntityManager, authorId: string, articleIds: string[]): Promise<void> {
    for (const id of await this.comments.undeletedByAuthor(m, authorId)) {
      const c = (await this.lifecycle.lock(m, id))!;
      await this.lifecycle.transition(m, c, { status: 'deleted' });
    }
    await this.live.scrubAuthor(m, authorId, articleIds);
    await this.comments.dropErasedRows(m, authorId);
  }

  /** The articles an erasure touches: those of the author's comments and of the given comments. */
  articlesTouched(m: EntityManager, authorId: string, commentIds: string[]): Promise<string[]> {
    return this.comments.articleIds(m, authorId, commentIds);
  }

  exportOf(authorId: string): Promise<Record<string, unknown>[]> {
    return this.comments.exportOf(authorId);
  }

  private async view(m: EntityManager, commentId: string, viewerId: string): Promise<CommentView> {
    return toCommentView((await this.comments.one(commentId, viewerId, m))!, viewerId);
  }
}

function timeKeys(row: CommentRow): CursorKeys {
  return { t: row.created_key, id: row.id };
}

function page(rows: CommentRow[], limit: number, viewerId: string | null, total: number, cursorOf: (row: CommentRow) => string): CommentPage {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items: items.map((r) => toCommentView(r, viewerId)), nextCursor: more ? cursorOf(items[items.length - 1]) : null, total };
}
