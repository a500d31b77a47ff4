import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UsersService } from '../users/users.service';
import { CommentEvents } from './comment-events';

/**
 * A reader's comment data for export and erasure. Erasure runs inside
 * UsersService.deleteAccount's transaction: counts are taken back before the
 * rows go, comments with other readers' replies stay as authorless
 * placeholders, everything else is removed.
 */
@Injectable()
export class AccountDataService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly events: CommentEvents,
  ) {}

  onModuleInit(): void {
    this.users.onAccountDeletion((m, userId) => this.erase(m, userId));
  }

  private async erase(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE comments c SET agree_count = c.agree_count - (r.value = 'agree')::int, disagree_count = c.disagree_count - (r.value = 'disagree')::int
         FROM comment_reactions r WHERE r.comment_id = c.id AND r.user_id = $1`,
      [userId],
    );
    await m.query('DELETE FROM comment_reactions WHERE user_id = $1', [userId]);
    await m.query('UPDATE comments c SET report_count = c.report_count - 1 FROM comment_reports p WHERE p.comment_id = c.id AND p.reporter_id = $1', [userId]);
    await m.query('DELETE FROM comment_reports WHERE reporter_id = $1', [userId]);

    const published = (await m.query(`SELECT id, article_id FROM comments WHERE author_id = $1 AND status = 'published'`, [userId])) as { id: string; article_id: string }[];
    await m.query(
      `UPDATE articles a SET comment_count = a.comment_count - x.n, top_level_count = a.top_level_count - x.t
         FROM (SELECT article_id, count(*)::int AS n, (count(*) FILTER (WHERE parent_id IS NULL))::int AS t
                 FROM comments WHERE author_id = $1 AND status = 'published' GROUP BY article_id) x
        WHERE a.id = x.article_id`,
      [userId],
    );
    await m.query(
      `UPDATE comments p SET reply_count = p.reply_count - x.n
         FROM (SELECT parent_id, count(*)::int AS n FROM comments WHERE author_id = $1 AND status = 'published' AND parent_id IS NOT NULL GROUP BY parent_id) x
        WHERE p.id = x.parent_id`,
      [userId],
    );
    // Streams hear that these comments are gone (recorded before the rows change so the placeholder is built from them).
    await m.query(`UPDATE comments SET status = 'deleted', body = '', notice = NULL, deleted_at = now() WHERE author_id = $1 AND status <> 'deleted'`, [userId]);
    for (const c of published) await this.events.record(m, c.article_id, 'comment.deleted', c.id);
    await this.events.scrub(m, `payload->'author'->>'id' = $1`, userId);
    await m.query('DELETE FROM comments WHERE author_id = $1 AND parent_id IS NOT NULL', [userId]);
    await m.query(
      `DELETE FROM comments c WHERE c.author_id = $1 AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id)`,
      [userId],
    );
    await m.query('UPDATE comments SET author_id = NULL WHERE author_id = $1', [userId]);
  }

  /** Everything the service holds about the reader. */
  async export(userId: string): Promise<Record<string, unknown>> {
    const q = (sql: string) => this.dataSource.query(sql, [userId]);
    const [user] = await q('SELECT id, display_name AS "displayName", avatar_url AS "avatarUrl", profile_url AS "profileUrl", role, suspended_until AS "suspendedUntil", suspension_reason AS "suspensionReason", created_at AS "createdAt" FROM users WHERE id = $1');
    const [identities, comments, reactions, reports, sessions] = await Promise.all([
      q('SELECT provider, provider_user_id AS "providerUserId", handle, display_name AS "displayName", avatar_url AS "avatarUrl", profile_url AS "profileUrl", created_at AS "createdAt", updated_at AS "lastLoginAt" FROM user_identities WHERE user_id = $1 ORDER BY created_at'),
      q('SELECT id, article_id AS "articleId", parent_id AS "parentId", body, status, notice, agree_count AS "agreeCount", disagree_count AS "disagreeCount", policy_version AS "policyVersion", policy_rules AS "policyRules", created_at AS "createdAt", edited_at AS "editedAt", deleted_at AS "deletedAt" FROM comments WHERE author_id = $1 ORDER BY created_at'),
      q('SELECT comment_id AS "commentId", value, updated_at AS "at" FROM comment_reactions WHERE user_id = $1 ORDER BY updated_at'),
      q('SELECT comment_id AS "commentId", reason, note, created_at AS "at" FROM comment_reports WHERE reporter_id = $1 ORDER BY created_at'),
      q('SELECT expires_at AS "expiresAt" FROM sessions WHERE user_id = $1 ORDER BY expires_at'),
    ]);
    return { exportedAt: new Date().toISOString(), user, identities, comments, reactions, reports, sessions };
  }
}
