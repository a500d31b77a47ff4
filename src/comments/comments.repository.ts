import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ToxicityAssessment } from '../policy';
import type { ReactionValue } from '../reactions/reaction.entity';
import type { CommentNotice, CommentStatus } from './comment.entity';
import type { CommentSort, CursorKeys } from './cursor';
import type { CommentRow } from './dto/comment.view';
import type { Queryable } from '../database/read-routing';
import { publicSql, type Placed } from './visibility';

/** A comment row as the writers lock it: where it sits, who wrote it, what state it is in. */
export interface LockedComment extends Placed {
  id: string;
  article_id: string;
  author_id: string | null;
  notice: CommentNotice | null;
  reply_count: number;
  created_at: Date;
  restoration_requested_at: Date | null;
}

/** The author's own history that the Standards Board's context rules read. */
export interface AuthorStats {
  total: number;
  lastDay: number;
  onArticle: number;
  lastAt: Date | null;
  oldestInDay: Date | null;
  fingerprints: string[];
}

export interface NewComment {
  articleId: string;
  parentId: string | null;
  authorId: string;
  body: string;
  status: CommentStatus;
  notice: CommentNotice | null;
  policyVersion: string;
  policyRules: string[];
  fingerprint: string;
  /** The toxicity scorer's reading, for the moderation queue. */
  toxicity?: ToxicityAssessment | null;
}

export interface BodyChange {
  body: string;
  policyVersion: string;
  policyRules: string[];
  fingerprint: string;
  toxicity?: ToxicityAssessment | null;
}

/**
 * The read side: every list is one keyset statement (comments, authors and
 * the reader's own reactions joined). No OFFSET, no per-row queries.
 */
const SELECT = `
  SELECT c.id, c.article_id, c.parent_id, c.author_id, c.body, c.status, c.notice,
         c.agree_count, c.disagree_count, c.reply_count, c.created_at, c.created_at::text AS created_key, c.edited_at,
         u.display_name AS author_name, u.avatar_url AS author_avatar,
         (SELECT i.provider FROM user_identities i WHERE i.user_id = c.author_id ORDER BY i.updated_at DESC LIMIT 1) AS author_provider,
         r.value AS my_reaction
    FROM comments c
    LEFT JOIN users u ON u.id = c.author_id
    LEFT JOIN comment_reactions r ON r.comment_id = c.id AND r.user_id = $2::uuid`;

/** The same, for bench/scale/baseline.ts, which runs the service's SQL with no framework. */
export const COMMENT_SELECT = SELECT;

/** A viewer ($2) sees their own held and hidden comments in place, with their notice. */
const OWN_UNPUBLISHED = `(c.author_id = $2::uuid AND c.status IN ('pending', 'hidden'))`;
/** Top-level rows a list shows: public ones, placeholders whose thread still has replies, and the viewer's own. */
const TOP_LEVEL_SHOWN = `(${publicSql('c', 'c')} OR (c.status = 'deleted' AND c.reply_count > 0) OR ${OWN_UNPUBLISHED})`;
/** Replies a shown thread lists (the thread itself is checked first). */
const REPLY_SHOWN = `(c.status = 'published' OR ${OWN_UNPUBLISHED})`;

const ORDER: Record<CommentSort, { order: string; after: string }> = {
  newest: { order: 'c.created_at DESC, c.id DESC', after: '(c.created_at, c.id) < ($4::timestamptz, $5::uuid)' },
  oldest: { order: 'c.created_at ASC, c.id ASC', after: '(c.created_at, c.id) > ($4::timestamptz, $5::uuid)' },
  agreed: { order: 'c.agree_count DESC, c.created_at DESC, c.id DESC', after: '(c.agree_count, c.created_at, c.id) < ($6::int, $4::timestamptz, $5::uuid)' },
};

/** The top-level list statement: $1 article, $2 viewer, $3 limit + 1, then the cursor's keys. Exported for bench:pages' EXPLAIN. */
export function topLevelStatement(sort: CommentSort, withCursor: boolean): string {
  const { order, after } = ORDER[sort];
  return `${SELECT}
          WHERE c.article_id = $1 AND c.parent_id IS NULL AND ${TOP_LEVEL_SHOWN} ${withCursor ? `AND ${after}` : ''}
          ORDER BY ${order} LIMIT $3`;
}

function cursorParams(after: CursorKeys | null, sort: CommentSort): unknown[] {
  if (!after) return [];
  return [after.t, after.id, ...(sort === 'agreed' ? [after.a] : [])];
}

const LOCKED = `c.id, c.article_id, c.parent_id, c.author_id, c.status, c.notice, c.reply_count, c.created_at, c.restoration_requested_at`;

/**
 * Every statement on the `comments` and `idempotency_keys` tables. Status and
 * notice are written only through setState, which only the comment lifecycle
 * calls.
 */
@Injectable()
export class CommentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // ---- reads ----

  topLevel(articleId: string, sort: CommentSort, limit: number, after: CursorKeys | null, viewerId: string | null, db: Queryable = this.dataSource): Promise<CommentRow[]> {
    return db.query(topLevelStatement(sort, after !== null), [articleId, viewerId, limit + 1, ...cursorParams(after, sort)]);
  }

  /** A thread's top-level comment, as the replies list needs it; undefined when it is not a top-level comment. */
  async thread(commentId: string, db: Queryable = this.dataSource): Promise<{ article_id: string; status: CommentStatus; author_id: string | null; reply_count: number } | undefined> {
    const rows = await db.query('SELECT article_id, status, author_id, reply_count FROM comments WHERE id = $1 AND parent_id IS NULL', [commentId]);
    return rows[0];
  }

  replies(commentId: string, limit: number, after: CursorKeys | null, viewerId: string | null, db: Queryable = this.dataSource): Promise<CommentRow[]> {
    return db.query(
      `${SELECT}
        WHERE c.parent_id = $1 AND ${REPLY_SHOWN} ${after ? `AND ${ORDER.oldest.after}` : ''}
        ORDER BY ${ORDER.oldest.order} LIMIT $3`,
      [commentId, viewerId, limit + 1, ...cursorParams(after, 'oldest')],
    );
  }

  /** The reader's own comments, every status, newest first. */
  byAuthor(authorId: string, limit: number, after: CursorKeys | null): Promise<CommentRow[]> {
    return this.dataSource.query(
      `${SELECT} WHERE c.author_id = $1 ${after ? `AND ${ORDER.newest.after}` : ''} ORDER BY ${ORDER.newest.order} LIMIT $3`,
      [authorId, authorId, limit + 1, ...cursorParams(after, 'newest')],
    );
  }

  async countByAuthor(authorId: string): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT count(*)::int AS n FROM comments WHERE author_id = $1', [authorId])) as { n: number }[];
    return row.n;
  }

  async one(commentId: string, viewerId: string | null, m: EntityManager = this.dataSource.manager): Promise<CommentRow | undefined> {
    const rows: CommentRow[] = await m.query(`${SELECT} WHERE c.id = $1`, [commentId, viewerId]);
    return rows[0];
  }

  /** What the flood and account rules need to know of the author's own comments (any status, deleted ones too). */
  async authorStats(m: EntityManager, authorId: string, articleId: string, excludeId: string | null): Promise<AuthorStats> {
    const [s] = (await m.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE created_at > now() - interval '24 hours')::int AS last_day,
              count(*) FILTER (WHERE article_id = $2)::int AS on_article,
              max(created_at) AS last_at,
              min(created_at) FILTER (WHERE created_at > now() - interval '24 hours') AS oldest_day,
              coalesce(array_agg(fingerprint) FILTER (WHERE created_at > now() - interval '24 hours' AND id IS DISTINCT FROM $3::uuid AND status <> 'deleted'), '{}') AS fingerprints
         FROM comments WHERE author_id = $1`,
      [authorId, articleId, excludeId],
    )) as { total: number; last_day: number; on_article: number; last_at: Date | null; oldest_day: Date | null; fingerprints: string[] }[];
    return { total: s.total, lastDay: s.last_day, onArticle: s.on_article, lastAt: s.last_at, oldestInDay: s.oldest_day, fingerprints: s.fingerprints };
  }

  // ---- locks (the article row is locked first, by the caller: see ArticlesRepository) ----

  async articleOf(m: EntityManager, commentId: string): Promise<string | undefined> {
    const rows: { article_id: string }[] = await m.query('SELECT article_id FROM comments WHERE id = $1', [commentId]);
    return rows[0]?.article_id;
  }

  /**
   * The comment row, locked, with its thread's top-level status. FOR NO KEY
   * UPDATE: a reply being inserted holds a key-share lock on its parent
   * through the foreign key, which this must not wait on (see ArticlesRepository.lock).
   */
  lock(m: EntityManager, commentId: string): Promise<LockedComment | undefined> {
    return this.placed(m, commentId, 'FOR NO KEY UPDATE OF c');
  }

  /** The same, unlocked: for a row whose article the caller already holds, so its state cannot move. */
  async placed(m: EntityManager, commentId: string, lock = ''): Promise<LockedComment | undefined> {
    const rows: LockedComment[] = await m.query(
      `SELECT ${LOCKED}, coalesce(t.status, c.status) AS thread_status
         FROM comments c LEFT JOIN comments t ON t.id = c.parent_id
        WHERE c.id = $1 ${lock}`,
      [commentId],
    );
    return rows[0];
  }


  /** Comments an author has that are not yet deleted, oldest first, for erasure. */
  async undeletedByAuthor(m: EntityManager, authorId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM comments WHERE author_id = $1 AND status <> 'deleted' ORDER BY created_at, id`, [authorId]);
    return rows.map((r) => r.id);
  }

  /** The articles an author's comments, and the given comments, sit under: what an erasure must lock first. */
  async articleIds(m: EntityManager, authorId: string, commentIds: string[]): Promise<string[]> {
    const rows: { article_id: string }[] = await m.query(
      'SELECT DISTINCT article_id FROM comments WHERE author_id = $1 OR id = ANY($2::uuid[])',
      [authorId, commentIds],
    );
    return rows.map((r) => r.article_id);
  }

  async articlesOfComments(m: EntityManager, commentIds: string[]): Promise<string[]> {
    if (!commentIds.length) return [];
    const rows: { article_id: string }[] = await m.query('SELECT DISTINCT article_id FROM comments WHERE id = ANY($1::uuid[])', [commentIds]);
    return rows.map((r) => r.article_id);
  }

  // ---- writes ----

  async insert(m: EntityManager, c: NewComment): Promise<string> {
    const [row] = (await m.query(
      `INSERT INTO comments (article_id, parent_id, author_id, body, status, notice, policy_version, policy_rules, fingerprint, toxicity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [c.articleId, c.parentId, c.authorId, c.body, c.status, c.notice, c.policyVersion, c.policyRules, c.fingerprint, c.toxicity ? JSON.stringify(c.toxicity) : null],
    )) as { id: string }[];
    return row.id;
  }

  async updateBody(m: EntityManager, commentId: string, change: BodyChange): Promise<void> {
    await m.query('UPDATE comments SET body = $2, policy_version = $3, policy_rules = $4, fingerprint = $5, toxicity = $6, edited_at = now() WHERE id = $1', [
      commentId,
      change.body,
      change.policyVersion,
      change.policyRules,
      change.fingerprint,
      change.toxicity ? JSON.stringify(change.toxicity) : null,
    ]);
  }

  /** For the comment lifecycle only: a deleted comment loses its text at once. */
  async setState(m: EntityManager, commentId: string, status: CommentStatus, notice: CommentNotice | null): Promise<void> {
    await m.query(
      `UPDATE comments SET status = $2::varchar, notice = $3,
              body = CASE WHEN $2::varchar = 'deleted' THEN '' ELSE body END,
              toxicity = CASE WHEN $2::varchar = 'deleted' THEN NULL ELSE toxicity END,
              deleted_at = CASE WHEN $2::varchar = 'deleted' THEN now() ELSE deleted_at END
        WHERE id = $1`,
      [commentId, status, notice],
    );
  }

  async adjustReplyCount(m: EntityManager, parentId: string, delta: number): Promise<void> {
    if (delta !== 0) await m.query('UPDATE comments SET reply_count = reply_count + $2 WHERE id = $1', [parentId, delta]);
  }

  async adjustReactionCounts(m: EntityManager, commentId: string, agree: number, disagree: number): Promise<{ agreeCount: number; disagreeCount: number }> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [[row]] = (await m.query(
      'UPDATE comments SET agree_count = agree_count + $2, disagree_count = disagree_count + $3 WHERE id = $1 RETURNING agree_count, disagree_count',
      [commentId, agree, disagree],
    )) as [{ agree_count: number; disagree_count: number }[], number];
    return { agreeCount: row.agree_count, disagreeCount: row.disagree_count };
  }

  /** Gives back the counts of reactions an erased reader had made. */
  async subtractReactions(m: EntityManager, removed: { commentId: string; value: ReactionValue }[]): Promise<void> {
    if (!removed.length) return;
    await m.query(
      `UPDATE comments c SET agree_count = c.agree_count - x.agree, disagree_count = c.disagree_count - x.disagree
         FROM (SELECT id, count(*) FILTER (WHERE v = 'agree')::int AS agree, count(*) FILTER (WHERE v = 'disagree')::int AS disagree
                 FROM unnest($1::uuid[], $2::varchar[]) AS r(id, v) GROUP BY id) x
        WHERE c.id = x.id`,
      [removed.map((r) => r.commentId), removed.map((r) => r.value)],
    );
  }

  async addReport(m: EntityManager, commentId: string): Promise<number> {
    const [[row]] = (await m.query('UPDATE comments SET report_count = report_count + 1 WHERE id = $1 RETURNING report_count', [commentId])) as [{ report_count: number }[], number];
    return row.report_count;
  }

  /** The reports were cleared by a moderator: none count any more. */
  async resetReports(m: EntityManager, commentId: string): Promise<void> {
    await m.query('UPDATE comments SET report_count = 0 WHERE id = $1', [commentId]);
  }

  async subtractReports(m: EntityManager, commentIds: string[]): Promise<void> {
    if (!commentIds.length) return;
    await m.query(
      `UPDATE comments c SET report_count = c.report_count - x.n
         FROM (SELECT id, count(*)::int AS n FROM unnest($1::uuid[]) AS r(id) GROUP BY id) x WHERE c.id = x.id`,
      [commentIds],
    );
  }

  async markRestorationRequested(m: EntityManager, commentId: string): Promise<void> {
    await m.query('UPDATE comments SET restoration_requested_at = now() WHERE id = $1', [commentId]);
  }

  /** The claim was decided: a later claim on the same comment may be asked about again. */
  async clearRestorationRequest(m: EntityManager, commentId: string): Promise<void> {
    await m.query('UPDATE comments SET restoration_requested_at = NULL WHERE id = $1', [commentId]);
  }

  /** The policy's record of a comment: what a moderator confirms or overrules. */
  async policyRecord(m: EntityManager, commentId: string): Promise<{ policyVersion: string; rules: string[] }> {
    const [row] = (await m.query('SELECT policy_version, policy_rules FROM comments WHERE id = $1', [commentId])) as { policy_version: string; policy_rules: string[] }[];
    return { policyVersion: row.policy_version, rules: row.policy_rules };
  }


  /**
   * After erasure has deleted an author's comments through the lifecycle: the
   * rows no thread needs go, the placeholders others replied to lose their author.
   */
  async dropErasedRows(m: EntityManager, authorId: string): Promise<void> {
    // Only rows the lifecycle has already deleted: anything else would go without its counters.
    await m.query(`DELETE FROM comments WHERE author_id = $1 AND status = 'deleted' AND parent_id IS NOT NULL`, [authorId]);
    await m.query(
      `DELETE FROM comments c WHERE c.author_id = $1 AND c.status = 'deleted' AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id)`,
      [authorId],
    );
    await m.query('UPDATE comments SET author_id = NULL WHERE author_id = $1', [authorId]);
  }

  /** The published replies of a thread, oldest first: they leave and return to public view with it. */
  async publishedReplyIds(m: EntityManager, threadId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM comments WHERE parent_id = $1 AND status = 'published' ORDER BY created_at, id`, [threadId]);
    return rows.map((r) => r.id);
  }

  // ---- idempotency keys (posting's own table) ----

  /**
   * Takes the key for this request, or returns what was stored under it. The
   * primary key makes a concurrent duplicate wait here until the first
   * transaction ends. Keys older than 24 h are taken over.
   */
  async claimIdempotencyKey(
    m: EntityManager,
    userId: string,
    key: string,
    requestHash: string,
  ): Promise<{ claimed: true } | { claimed: false; requestHash: string; statusCode: number | null; response: unknown }> {
    const claimed = await m.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status_code = NULL, response = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - interval '24 hours'
       RETURNING key`,
      [userId, key, requestHash],
    );
    if (claimed.length) return { claimed: true };
    const [first] = (await m.query('SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, key])) as {
      request_hash: string;
      status_code: number | null;
      response: unknown;
    }[];
    return { claimed: false, requestHash: first.request_hash, statusCode: first.status_code, response: first.response };
  }

  async completeIdempotencyKey(m: EntityManager, userId: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await m.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2', [userId, key, statusCode, response]);
  }

  // ---- the reader's data ----

  exportOf(authorId: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      'SELECT id, article_id AS "articleId", parent_id AS "parentId", body, status, notice, agree_count AS "agreeCount", disagree_count AS "disagreeCount", policy_version AS "policyVersion", policy_rules AS "policyRules", created_at AS "createdAt", edited_at AS "editedAt", deleted_at AS "deletedAt" FROM comments WHERE author_id = $1 ORDER BY created_at',
      [authorId],
    );
  }
}

