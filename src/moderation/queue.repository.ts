import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CursorKeys } from '../comments/cursor';
import type { ToxicityAssessment } from '../policy';
import type { CommentRow } from '../comments/dto/comment.view';

export type QueueStatus = 'pending' | 'reported' | 'hidden' | 'claims' | 'names';

/** A comment of the queue with everything a moderator decides on, as one statement reads it. */
export interface QueueRow extends CommentRow {
  report_count: number;
  policy_version: string;
  policy_rules: string[];
  /** The toxicity scorer's reading (policy ToxicityAssessment), null before the scorer or once deleted. */
  toxicity: ToxicityAssessment | null;
  restoration_requested_at: Date | null;
  article_title: string | null;
  article_url: string | null;
  author_since: Date | null;
  author_comments: number;
  author_strikes: number;
  author_suspended_until: Date | null;
  author_suspension_reason: string | null;
  reports: { reason: string; reporterId: string; note: string | null; at: string }[];
  claim: { id: string; claimant: string; reason: string; createdAt: string; hiddenUntil: string } | null;
}

export interface PersonRow {
  id: string;
  display_name: string;
  role: 'reader' | 'moderator' | 'admin';
  created_at: Date;
  suspended_until: Date | null;
  suspension_reason: string | null;
  name_review: 'pending' | 'approved' | null;
  pending_display_name: string | null;
  comments: number;
  strikes: number;
}

export interface NameRow {
  id: string;
  display_name: string;
  pending_display_name: string;
  created_at: Date;
  created_key: string;
}

/** What each list waits for; every one of them is served by an index that ends in (created_at, id). */
const WAITING: Record<Exclude<QueueStatus, 'names'>, string> = {
  pending: `c.status = 'pending'`,
  reported: `c.status = 'published' AND c.report_count > 0`,
  hidden: `c.status = 'hidden' AND c.notice IN ('hidden_by_reports', 'hidden_by_moderator')`,
  // A claim waits for a moderator once its period has run out, or once its author asked for restoration.
  claims: `c.status = 'hidden' AND c.notice = 'hidden_by_claim' AND (c.restoration_requested_at IS NOT NULL OR EXISTS (
             SELECT 1 FROM comment_claims k WHERE k.comment_id = c.id AND k.resolved_at IS NULL AND k.hidden_until <= now()))`,
};

/**
 * The moderation queue: one statement per page whatever its size, oldest
 * first, keyset on (created_at, id). Reads across the tables a decision needs
 * (the comment, its article, its open reports, its claim, its author's record);
 * it writes none of them.
 */
@Injectable()
export class QueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  comments(status: Exclude<QueueStatus, 'names'>, articleId: string | null, limit: number, after: CursorKeys | null): Promise<QueueRow[]> {
    return this.dataSource.query(queueStatement(status, after !== null), [articleId, limit + 1, ...(after ? [after.t, after.id] : [])]);
  }

  /** One comment as the queue shows it, whatever its state (a live arrival, a look at one item). */
  async item(commentId: string): Promise<QueueRow | undefined> {
    const rows: QueueRow[] = await this.dataSource.query(`${QUEUE_ROW} WHERE c.id = $1`, [commentId]);
    return rows[0];
  }

  /** A whole thread as moderators see it, every state: its top-level comment and up to 200 replies, oldest first. */
  thread(topId: string): Promise<QueueRow[]> {
    return this.dataSource.query(`${QUEUE_ROW} WHERE c.id = $1 OR c.parent_id = $1 ORDER BY c.parent_id NULLS FIRST, c.created_at, c.id LIMIT 201`, [topId]);
  }

  /** A person's record as a moderator needs it before a sanction or a role change. */
  async person(userId: string): Promise<PersonRow | undefined> {
    const rows: PersonRow[] = await this.dataSource.query(
      `SELECT u.id, u.display_name, u.role, u.created_at, u.suspended_until, u.suspension_reason, u.name_review, u.pending_display_name,
              (SELECT count(*) FROM comments x WHERE x.author_id = u.id)::int AS comments,
              (SELECT count(*) FROM strikes s WHERE s.user_id = u.id)::int AS strikes
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    return rows[0];
  }

  names(limit: number, after: CursorKeys | null): Promise<NameRow[]> {
    return this.dataSource.query(
      `SELECT id, display_name, pending_display_name, created_at, created_at::text AS created_key FROM users
        WHERE name_review = 'pending' ${after ? 'AND (created_at, id) > ($2::timestamptz, $3::uuid)' : ''}
        ORDER BY created_at, id LIMIT $1`,
      [limit + 1, ...(after ? [after.t, after.id] : [])],
    );
  }
}

/** A comment with everything a moderator decides on; `c` is the comment row. */
const QUEUE_ROW = `
    SELECT c.id, c.article_id, c.parent_id, c.author_id, c.body, c.status, c.notice, c.agree_count, c.disagree_count, c.reply_count,
           c.report_count, c.created_at, c.created_at::text AS created_key, c.edited_at, c.policy_version, c.policy_rules, c.toxicity, c.restoration_requested_at,
           NULL AS my_reaction,
           a.title AS article_title, a.url AS article_url,
           u.display_name AS author_name, u.avatar_url AS author_avatar, u.created_at AS author_since,
           u.suspended_until AS author_suspended_until, u.suspension_reason AS author_suspension_reason,
           (SELECT i.provider FROM user_identities i WHERE i.user_id = c.author_id ORDER BY i.updated_at DESC LIMIT 1) AS author_provider,
           (SELECT count(*) FROM comments x WHERE x.author_id = c.author_id)::int AS author_comments,
           (SELECT count(*) FROM strikes s WHERE s.user_id = c.author_id)::int AS author_strikes,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('reason', r.reason, 'reporterId', r.reporter_id, 'note', r.note, 'at', r.created_at) ORDER BY r.created_at), '[]')
              FROM comment_reports r WHERE r.comment_id = c.id AND r.cleared_at IS NULL) AS reports,
           (SELECT jsonb_build_object('id', k.id, 'claimant', k.claimant, 'reason', k.reason, 'createdAt', k.created_at, 'hiddenUntil', k.hidden_until)
              FROM comment_claims k WHERE k.comment_id = c.id AND k.resolved_at IS NULL) AS claim
      FROM comments c
      JOIN articles a ON a.id = c.article_id
      LEFT JOIN users u ON u.id = c.author_id`;

/** $1 article (or null), $2 limit + 1, then the cursor's keys. Exported for bench:queue's EXPLAIN. */
export function queueStatement(status: Exclude<QueueStatus, 'names'>, withCursor: boolean): string {
  return `${QUEUE_ROW}
     WHERE ${WAITING[status]} AND ($1::varchar IS NULL OR c.article_id = $1::varchar)
       ${withCursor ? 'AND (c.created_at, c.id) > ($3::timestamptz, $4::uuid)' : ''}
     ORDER BY c.created_at, c.id
     LIMIT $2`;
}
