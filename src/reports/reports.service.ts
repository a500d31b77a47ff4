import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors';
import { CommentLifecycle } from '../comments/comment-lifecycle';
import { CommentsRepository } from '../comments/comments.repository';
import { isPublic } from '../comments/visibility';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { inTransaction } from '../database/transaction';
import { LiveEvents } from '../live/live-events';
import { ReaderStanding } from '../standards-board/standing';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import type { ReportReason } from './report.entity';
import { ReportsRepository } from './reports.repository';

/**
 * Readers' reports (신고): once per reader per comment. When
 * REPORT_HIDE_THRESHOLD distinct readers have reported a public comment it is
 * hidden and waits for a moderator.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reports: ReportsRepository,
    private readonly comments: CommentsRepository,
    private readonly lifecycle: CommentLifecycle,
    private readonly standing: ReaderStanding,
    private readonly live: LiveEvents,
    private readonly users: UsersRepository,
  ) {}

  /** true when this is the reader's first report of the comment. */
  async report(user: User, commentId: string, reason: ReportReason, note: string | undefined): Promise<boolean> {
    this.standing.assertMayAct(user);
    return inTransaction(this.dataSource, async (m) => {
      this.standing.assertMayAct(await this.users.lockActing(m, user.id));
      const c = await this.lifecycle.lock(m, commentId);
      // Only what readers can see can be reported.
      if (!c || !isPublic(c)) throw AppError.notFound('comment');
      if (c.author_id === user.id) {
        throw new AppError('FORBIDDEN', { message: { en: 'You cannot report your own comment; delete it instead.', ko: '자신의 댓글은 신고할 수 없습니다. 대신 삭제해 주세요.' } });
      }
      // Postgres refuses U+0000 in text; it carries nothing a moderator could read.
      const cleanNote = note?.replace(/\u0000/g, '').trim() || null;
      if (!(await this.reports.add(m, commentId, user.id, reason, cleanNote))) return false;
      const reports = await this.comments.addReport(m, commentId);
      if (reports >= this.config.reportHideThreshold) await this.lifecycle.transition(m, c, { status: 'hidden', notice: 'hidden_by_reports' });
      else await this.live.recordForModerators(m, 'comment.reported', commentId);
      return true;
    });
  }

  /** A moderator restored the comment (articles and comment already locked): its reports stop counting. */
  async clearFor(m: EntityManager, commentId: string): Promise<void> {
    await this.reports.clear(m, commentId);
    await this.comments.resetReports(m, commentId);
  }

  /** Erasure: the reader's reports go and the comments' counts are given back (articles already locked). */
  async eraseReporter(m: EntityManager, userId: string): Promise<void> {
    await this.comments.subtractReports(m, await this.reports.eraseReporter(m, userId));
  }

  commentIdsOf(m: EntityManager, userId: string): Promise<string[]> {
    return this.reports.commentIdsOf(m, userId);
  }

  exportOf(userId: string): Promise<Record<string, unknown>[]> {
    return this.reports.exportOf(userId);
  }
}
