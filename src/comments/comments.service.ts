import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { hasRole } from '../auth/auth.guard';
import { AppError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MetricsRegistry } from '../metrics/metrics';
import type { PolicyContext, PolicyEngine, Verdict } from '../policy';
import { POLICY_ENGINE } from '../standards-board/policy-engine.token';
import { verdictError } from '../standards-board/verdict-error';
import type { User } from '../users/user.entity';
import type { CommentStatus } from './comment.entity';
import { CommentQueries } from './comment-queries';
import { CommentEvents } from './comment-events';
import { CommentView, toCommentView } from './dto/comment.view';
import { applyStatusChange, lockComment, type LockedComment } from './visibility';

export interface PostResult {
  status: 201 | 202;
  comment: CommentView;
}

@Injectable()
export class CommentsService {
  private readonly logger = new Logger('Comments');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(POLICY_ENGINE) private readonly policy: PolicyEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queries: CommentQueries,
    private readonly metrics: MetricsRegistry,
    private readonly events: CommentEvents,
  ) {}

  /**
   * Posting, in one transaction: the idempotency key first (a concurrent
   * duplicate waits on it and then replays the answer), the author's lock (so
   * flood counters cannot be raced), the article row, the Standards Board's
   * verdict, the row and every kept counter.
   */
  async post(author: User, articleId: string, body: string, parentId: string | undefined, idempotencyKey: string | undefined): Promise<PostResult> {
    const requestHash = createHash('sha256').update(JSON.stringify([articleId, body, parentId ?? null])).digest('hex');
    const result = await this.dataSource.transaction(async (m): Promise<{ replay: PostResult } | { answer: PostResult }> => {
      if (idempotencyKey) {
        const replay = await this.claimIdempotencyKey(m, author.id, idempotencyKey, requestHash);
        if (replay) return { replay };
      }
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('comment-author:' || $1, 0))`, [author.id]);
      await m.query('INSERT INTO articles (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [articleId]);
      // The article row is the first lock every writer takes (see visibility.ts).
      const [article] = (await m.query('SELECT comments_open, moderation FROM articles WHERE id = $1 FOR UPDATE', [articleId])) as {
        comments_open: boolean;
        moderation: 'post' | 'pre';
      }[];

      let topLevelParent: string | null = null;
      if (parentId) {
        const [parent] = (await m.query('SELECT id, article_id, parent_id, status FROM comments WHERE id = $1', [parentId])) as LockedComment[];
        if (!parent || parent.article_id !== articleId || parent.status !== 'published') {
          throw new AppError('NOT_FOUND', { message: { en: 'The comment you reply to does not exist or is not public.', ko: '답글을 달 댓글이 없거나 공개되지 않았습니다.' } });
        }
        // Replies are one level deep: a reply to a reply joins its thread.
        topLevelParent = parent.parent_id ?? parent.id;
      }

      const context = await this.authorContext(m, author, articleId, { commentsOpen: article.comments_open, moderation: article.moderation });
      const verdict = this.policy.evaluate(body, context);
      this.record(verdict);
      const refusal = verdictError(verdict, { until: author.suspendedUntil, reason: author.suspensionReason });
      if (refusal) throw refusal;

      const status: CommentStatus = verdict.verdict === 'hold' ? 'pending' : 'published';
      const [row] = (await m.query(
        `INSERT INTO comments (article_id, parent_id, author_id, body, status, notice, policy_version, policy_rules, fingerprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, article_id, parent_id`,
        [articleId, topLevelParent, author.id, verdict.normalizedBody, status, status === 'pending' ? 'awaiting_review' : null, verdict.policyVersion, verdict.violations.map((v) => v.rule), verdict.fingerprint],
      )) as LockedComment[];
      await applyStatusChange(m, row, null, status);
      if (status === 'published') await this.events.record(m, articleId, 'comment.created', row.id);
      const view = toCommentView((await this.queries.one(row.id, author.id, m))!, author.id);
      const answer = { status: (status === 'published' ? 201 : 202) as 201 | 202, comment: view };
      if (idempotencyKey) {
        await m.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2', [author.id, idempotencyKey, answer.status, view]);
      }
      return { answer };
    });
    return 'replay' in result ? result.replay : result.answer;
  }

  /**
   * Takes the key for this request, or returns the first answer given under it.
   * The primary key makes a concurrent duplicate wait here until the first
   * transaction ends. Keys older than 24 h are taken over.
   */
  private async claimIdempotencyKey(m: EntityManager, userId: string, key: string, requestHash: string): Promise<PostResult | null> {
    const claimed = await m.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status_code = NULL, response = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - interval '24 hours'
       RETURNING key`,
      [userId, key, requestHash],
    );
    if (claimed.length) return null;
    const [first] = (await m.query('SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, key])) as {
      request_hash: string;
      status_code: number | null;
      response: CommentView | null;
    }[];
    if (first.request_hash !== requestHash) {
      throw AppError.validation({
        en: 'This Idempotency-Key was already used for a different request.',
        ko: '이 Idempotency-Key는 다른 요청에 이미 사용되었습니다.',
      });
    }
    return { status: first.status_code as 201 | 202, comment: first.response! };
  }

  /** What the Standards Board needs to know about the author right now. */
  private async authorContext(
    m: EntityManager,
    author: User,
    articleId: string,
    article: PolicyContext['article'],
    editing?: { commentId: string },
  ): Promise<PolicyContext> {
    const [stats] = (await m.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE created_at > now() - interval '24 hours')::int AS last_day,
              count(*) FILTER (WHERE article_id = $2)::int AS on_article,
              max(created_at) AS last_at,
              min(created_at) FILTER (WHERE created_at > now() - interval '24 hours') AS oldest_day,
              coalesce(array_agg(fingerprint) FILTER (WHERE created_at > now() - interval '24 hours' AND id IS DISTINCT FROM $3::uuid AND status <> 'deleted'), '{}') AS fingerprints
         FROM comments WHERE author_id = $1`,
      [author.id, articleId, editing?.commentId ?? null],
    )) as { total: number; last_day: number; on_article: number; last_at: Date | null; oldest_day: Date | null; fingerprints: string[] }[];
    return {
      now: new Date(),
      article,
      newAccountHoldHours: this.config.newAccountHoldHours,
      author: {
        accountCreatedAt: author.createdAt,
        suspendedUntil: author.suspendedUntil,
        suspensionReason: author.suspensionReason,
        commentCount: stats.total,
        recentFingerprints: stats.fingerprints,
        // An edit is not a new comment: the flood counters do not apply to it.
        commentsLast24h: editing ? 0 : stats.last_day,
        oldestInLast24h: stats.oldest_day,
        commentsOnArticle: editing ? 0 : stats.on_article,
        lastCommentAt: editing ? null : stats.last_at,
      },
    };
  }

  private record(verdict: Verdict): void {
    this.metrics.commentsPosted.inc({ verdict: verdict.verdict });
    for (const v of verdict.violations) this.metrics.policyRejections.inc({ rule: v.rule, action: v.action });
  }

  /** The author edits within the window; the policy runs again on the new text. */
  async edit(user: User, commentId: string, body: string): Promise<CommentView> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.lock(m, commentId);
      if (!c || c.status === 'deleted' || (c.author_id !== user.id && c.status !== 'published')) throw AppError.notFound('comment');
      if (c.author_id !== user.id) throw new AppError('FORBIDDEN', { message: { en: 'Only its author can edit a comment.', ko: '댓글은 작성자만 수정할 수 있습니다.' } });
      if (Date.now() - c.created_at.getTime() > this.config.editWindowSeconds * 1000) {
        throw new AppError('EDIT_WINDOW_CLOSED', { details: { editWindowSeconds: this.config.editWindowSeconds } });
      }
      const [article] = (await m.query('SELECT comments_open, moderation FROM articles WHERE id = $1', [c.article_id])) as { comments_open: boolean; moderation: 'post' | 'pre' }[];
      const context = await this.authorContext(m, user, c.article_id, { commentsOpen: article.comments_open, moderation: article.moderation }, { commentId });
      const verdict = this.policy.evaluate(body, context);
      const refusal = verdictError(verdict, { until: user.suspendedUntil, reason: user.suspensionReason });
      if (refusal) throw refusal;
      // A held edit goes back to review; an allowed one keeps whatever the comment had (a pending one still waits).
      const status: CommentStatus = verdict.verdict === 'hold' ? 'pending' : c.status;
      await m.query(
        `UPDATE comments SET body = $2, status = $3::varchar, policy_version = $4, policy_rules = $5, fingerprint = $6, edited_at = now(),
                notice = CASE WHEN $3::varchar = 'pending' THEN 'awaiting_review' WHEN $3::varchar = 'published' THEN NULL ELSE notice END
          WHERE id = $1`,
        [commentId, verdict.normalizedBody, status, verdict.policyVersion, verdict.violations.map((v) => v.rule), verdict.fingerprint],
      );
      await applyStatusChange(m, c, c.status, status);
      // Public streams hear of the edit; a comment the edit sent back to review leaves them.
      if (c.status === 'published') await this.events.record(m, c.article_id, status === 'published' ? 'comment.updated' : 'comment.deleted', commentId);
      return toCommentView((await this.queries.one(commentId, user.id, m))!, user.id);
    });
  }

  /** Soft delete by the author or a moderator: the row stays (it counts for flooding), the text goes. */
  async remove(user: User, commentId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const c = await this.lock(m, commentId);
      const moderator = hasRole(user, ['moderator']);
      if (!c || c.status === 'deleted' || (c.author_id !== user.id && !moderator && c.status !== 'published')) throw AppError.notFound('comment');
      if (c.author_id !== user.id && !moderator) {
        throw new AppError('FORBIDDEN', { message: { en: 'Only its author or a moderator can delete a comment.', ko: '댓글은 작성자나 운영자만 삭제할 수 있습니다.' } });
      }
      await m.query(`UPDATE comments SET status = 'deleted', notice = NULL, body = '', deleted_at = now() WHERE id = $1`, [commentId]);
      await applyStatusChange(m, c, c.status, 'deleted');
      if (c.status === 'published') await this.events.record(m, c.article_id, 'comment.deleted', commentId);
    });
  }

  /**
   * The author of a comment hidden by a rights claim (임시조치) asks, once, for
   * it to be restored; a moderator decides. 202: the request is queued.
   */
  async requestRestoration(user: User, commentId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [c] = (await m.query('SELECT author_id, status, notice, restoration_requested_at FROM comments WHERE id = $1 FOR UPDATE', [commentId])) as {
        author_id: string | null;
        status: CommentStatus;
        notice: string | null;
        restoration_requested_at: Date | null;
      }[];
      if (!c || (c.author_id !== user.id && c.status !== 'published')) throw AppError.notFound('comment');
      if (c.author_id !== user.id) throw new AppError('FORBIDDEN', { message: { en: 'Only its author can ask for a comment to be restored.', ko: '복원 요청은 작성자만 할 수 있습니다.' } });
      if (c.status !== 'hidden' || c.notice !== 'hidden_by_claim') {
        throw new AppError('CONFLICT', { message: { en: 'Only a comment hidden by a rights claim can be restored on request.', ko: '권리침해 신고로 가려진 댓글만 복원을 요청할 수 있습니다.' } });
      }
      if (c.restoration_requested_at) {
        throw new AppError('CONFLICT', { message: { en: 'Restoration was already requested for this comment.', ko: '이미 복원을 요청한 댓글입니다.' }, details: { requestedAt: c.restoration_requested_at.toISOString() } });
      }
      await m.query('UPDATE comments SET restoration_requested_at = now() WHERE id = $1', [commentId]);
    });
  }

  private lock(m: EntityManager, commentId: string): Promise<LockedComment | undefined> {
    return lockComment(m, commentId);
  }
}
