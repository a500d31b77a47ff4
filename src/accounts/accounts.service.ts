import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ArticlesRepository } from '../articles/articles.repository';
import { AuthService } from '../auth/auth.service';
import { PostgresSessionStore } from '../auth/session-store';
import { WidgetTokensRepository } from '../auth/widget-tokens.repository';
import { CommentsService } from '../comments/comments.service';
import { AppError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { inTransaction } from '../database/transaction';
import { AuditRepository } from '../moderation/audit.repository';
import { ClaimsRepository } from '../moderation/claims.repository';
import { SanctionsRepository } from '../moderation/sanctions.repository';
import { ReactionsService } from '../reactions/reactions.service';
import { ReportsService } from '../reports/reports.service';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import type { DataDeletionRequest } from './data-deletion-request.entity';
import { DataDeletionsRepository } from './data-deletions.repository';

/**
 * The reader's own data: export, and erasure (DELETE /users/me and Facebook's
 * data-deletion callback). Erasure asks each owner to erase its part, in one
 * transaction that first locks every article it will touch, in id order (the
 * lock order of every writer), so it cannot deadlock with a reply or a report
 * arriving at the same moment.
 */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly logins: UsersService,
    private readonly sessions: PostgresSessionStore,
    private readonly articles: ArticlesRepository,
    private readonly comments: CommentsService,
    private readonly reactions: ReactionsService,
    private readonly reports: ReportsService,
    private readonly deletions: DataDeletionsRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditRepository,
    private readonly sanctions: SanctionsRepository,
    private readonly widgetTokens: WidgetTokensRepository,
    private readonly claims: ClaimsRepository,
  ) {}

  async erase(userId: string, requestId?: string): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      // The person's own lock: their posts, reactions and reports in flight finish first or wait and find them gone.
      if (!(await this.users.lockActing(m, userId))) return;
      const touched = [...(await this.reactions.commentIdsOf(m, userId)), ...(await this.reports.commentIdsOf(m, userId))];
      const articleIds = await this.comments.articlesTouched(m, userId, touched);
      await this.articles.lock(m, articleIds);
      await this.reactions.eraseReader(m, userId);
      await this.reports.eraseReporter(m, userId);
      await this.comments.eraseAuthor(m, userId, articleIds);
      await this.sessions.endAllFor(m, userId);
      await this.widgetTokens.revokeAllFor(m, userId);
      await this.users.erase(m, userId);
      // Once they are gone, the audit log keeps its entries about them and their comments with the ids only.
      await this.audit.scrubSubject(m, userId);
    });
    this.logger.log({ msg: 'account erased', requestId, userId });
  }

  /** Everything the service holds about the reader. */
  async export(userId: string): Promise<Record<string, unknown>> {
    const [person, comments, reactions, reports, sessions, record, claims] = await Promise.all([
      this.users.exportOf(userId),
      this.comments.exportOf(userId),
      this.reactions.exportOf(userId),
      this.reports.exportOf(userId),
      this.sessions.exportOf(userId),
      this.sanctions.exportOf(userId),
      this.claims.exportFor(userId),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      user: person.user,
      identities: person.identities,
      comments,
      reactions,
      reports,
      sessions,
      strikes: record.strikes,
      sanctions: record.sanctions,
      claimsOnComments: claims,
    };
  }

  /**
   * Facebook's data-deletion callback: a verified, fresh signed_request erases
   * the person as DELETE /users/me would and answers a status URL. The same
   * request sent again answers the same code and erases nothing more.
   */
  async facebookDataDeletion(signedRequest: unknown, requestId?: string): Promise<{ url: string; confirmation_code: string }> {
    const payload = this.auth.verifyFacebookRequest(signedRequest);
    if (!payload) {
      throw AppError.validation({
        en: 'signed_request is missing, its signature is not valid, or it is too old.',
        ko: 'signed_request가 없거나, 서명이 올바르지 않거나, 너무 오래되었습니다.',
      });
    }
    const digest = createHash('sha256').update(String(signedRequest)).digest('hex');
    const opened = await inTransaction(this.dataSource, (m) => this.deletions.open(m, randomBytes(16).toString('hex'), 'facebook', digest));
    const answer = { url: `${this.config.publicUrl}/auth/facebook/data-deletion/${opened.code}`, confirmation_code: opened.code };
    if (opened.replay) return answer;
    const userId = await this.logins.findIdentityOwner('facebook', payload.user_id);
    if (userId) await this.erase(userId, requestId);
    await inTransaction(this.dataSource, (m) => this.deletions.complete(m, opened.code));
    return answer;
  }

  async deletionStatus(code: string): Promise<DataDeletionRequest | null> {
    if (!/^[0-9a-f]{32}$/.test(code)) return null;
    return this.deletions.find(code);
  }
}
