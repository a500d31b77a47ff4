import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { User } from '../users/user.entity';
import { CommentEvents } from './comment-events';
import type { ReportReason } from './report.entity';
import { applyStatusChange, lockComment } from './visibility';

/**
 * Readers' reports (신고): once per reader per comment. When
 * REPORT_HIDE_THRESHOLD distinct readers have reported a published comment it
 * is hidden and waits for a moderator.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: CommentEvents,
  ) {}

  /** true when this is the reader's first report of the comment. */
  async report(user: User, commentId: string, reason: ReportReason, note: string | undefined): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const c = await lockComment(m, commentId);
      // Only what readers can see can be reported.
      if (!c || c.status !== 'published') throw AppError.notFound('comment');
      if (c.author_id === user.id) {
        throw new AppError('FORBIDDEN', { message: { en: 'You cannot report your own comment; delete it instead.', ko: '자신의 댓글은 신고할 수 없습니다. 대신 삭제해 주세요.' } });
      }
      const inserted = await m.query(
        `INSERT INTO comment_reports (comment_id, reporter_id, reason, note) VALUES ($1, $2, $3, $4)
         ON CONFLICT (comment_id, reporter_id) DO NOTHING RETURNING comment_id`,
        [commentId, user.id, reason, note?.trim() || null],
      );
      if (!inserted.length) return false;
      await m.query('UPDATE comments SET report_count = report_count + 1 WHERE id = $1', [commentId]);
      const [after] = (await m.query('SELECT report_count FROM comments WHERE id = $1', [commentId])) as { report_count: number }[];
      if (c.status === 'published' && after.report_count >= this.config.reportHideThreshold) {
        await m.query(`UPDATE comments SET status = 'hidden', notice = 'hidden_by_reports' WHERE id = $1`, [commentId]);
        await applyStatusChange(m, c, 'published', 'hidden');
        await this.events.record(m, c.article_id, 'comment.deleted', commentId);
      }
      return true;
    });
  }
}
