import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors';
import { CommentsRepository } from '../comments/comments.repository';
import { ListVersionsRepository } from '../comments/list-versions.repository';
import { isPublic } from '../comments/visibility';
import { inTransaction } from '../database/transaction';
import type { PolicyEngine } from '../policy';
import { POLICY_ENGINE } from '../standards-board/policy-engine.token';
import { ReaderStanding } from '../standards-board/standing';
import { refusal } from '../standards-board/verdict-error';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { ReactionCountsView } from './dto';
import type { ReactionValue } from './reaction.entity';
import { ReactionsRepository } from './reactions.repository';

/**
 * Agree/disagree, one per reader per comment. Only the comment's row is
 * locked (a reaction moves no article counter), so the kept counts always
 * equal the reaction rows however many readers react at once.
 */
@Injectable()
export class ReactionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(POLICY_ENGINE) private readonly policy: PolicyEngine,
    private readonly reactions: ReactionsRepository,
    private readonly comments: CommentsRepository,
    private readonly standing: ReaderStanding,
    private readonly users: UsersRepository,
    private readonly versions: ListVersionsRepository,
  ) {}

  /** Sets (agree, disagree) or removes (null) the reader's reaction. */
  async set(user: User, commentId: string, value: ReactionValue | null): Promise<ReactionCountsView> {
    if (value !== null) this.standing.assertMayAct(user);
    return inTransaction(this.dataSource, async (m) => {
      // The reader's own lock first (the daily count, an erasure of the account), then the comment.
      const me = await this.users.lockActing(m, user.id);
      // Removing a reaction is allowed while suspended; nothing is allowed once the account is gone.
      if (!me || value !== null) this.standing.assertMayAct(me);
      const c = await this.comments.lock(m, commentId);
      if (!c || !isPublic(c)) throw AppError.notFound('comment');
      const before = await this.reactions.current(m, commentId, user.id);
      if (before === value) {
        const row = (await this.comments.one(commentId, null, m))!;
        return { agreeCount: row.agree_count, disagreeCount: row.disagree_count, myReaction: value };
      }
      if (value !== null) {
        await this.assertUnderDailyLimit(m, user.id);
        await this.reactions.set(m, commentId, user.id, value);
      } else {
        await this.reactions.remove(m, commentId, user.id);
      }
      // Lists show the counts: their cached copies must see a new version.
      await this.versions.bump(m, c.article_id);
      const agree = (value === 'agree' ? 1 : 0) - (before === 'agree' ? 1 : 0);
      const disagree = (value === 'disagree' ? 1 : 0) - (before === 'disagree' ? 1 : 0);
      return { ...(await this.comments.adjustReactionCounts(m, commentId, agree, disagree)), myReaction: value };
    });
  }

  /** A reaction set or switched counts toward the daily limit (flood.rate); a removal does not. */
  private async assertUnderDailyLimit(m: EntityManager, userId: string): Promise<void> {
    const day = await this.reactions.lastDay(m, userId);
    const limited = this.policy.checkReactionRate(day.count, new Date(), day.oldest);
    if (limited) throw refusal(limited, [limited.rule], this.policy.version);
  }

  /** Erasure: the reader's reactions go and the comments' counts are given back (articles already locked). */
  async eraseReader(m: EntityManager, userId: string): Promise<void> {
    const removed = await this.reactions.eraseReader(m, userId);
    await this.comments.subtractReactions(m, removed);
    for (const articleId of await this.comments.articlesOfComments(m, removed.map((r) => r.commentId))) await this.versions.bump(m, articleId);
  }

  commentIdsOf(m: EntityManager, userId: string): Promise<string[]> {
    return this.reactions.commentIdsOf(m, userId);
  }

  exportOf(userId: string): Promise<Record<string, unknown>[]> {
    return this.reactions.exportOf(userId);
  }
}
