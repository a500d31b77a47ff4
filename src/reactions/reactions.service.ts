import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors';
import type { PolicyEngine } from '../policy';
import { POLICY_ENGINE } from '../standards-board/policy-engine.token';
import { verdictError } from '../standards-board/verdict-error';
import type { User } from '../users/user.entity';
import type { ReactionCountsView } from './dto/comment.view';
import type { ReactionValue } from './reaction.entity';

/**
 * Agree/disagree, one per reader per comment. The comment row is locked for
 * the change, so the kept counts always equal the reaction rows however many
 * readers react at once.
 */
@Injectable()
export class ReactionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(POLICY_ENGINE) private readonly policy: PolicyEngine,
  ) {}

  async set(user: User, commentId: string, value: ReactionValue | null): Promise<ReactionCountsView> {
    if (value !== null) this.refuseSuspended(user);
    return this.dataSource.transaction(async (m) => {
      const [c] = (await m.query(`SELECT status FROM comments WHERE id = $1 FOR UPDATE`, [commentId])) as { status: string }[];
      if (!c || c.status !== 'published') throw AppError.notFound('comment');
      const [prior] = (await m.query('SELECT value FROM comment_reactions WHERE comment_id = $1 AND user_id = $2', [commentId, user.id])) as {
        value: ReactionValue;
      }[];
      const before = prior?.value ?? null;
      if (before !== value) {
        if (value !== null) {
          // A reaction set or switched counts toward the daily limit; a removal does not.
          await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('reaction-user:' || $1, 0))`, [user.id]);
          const [rate] = (await m.query(
            `SELECT count(*)::int AS n, min(created_at) AS oldest FROM reaction_events WHERE user_id = $1 AND created_at > now() - interval '24 hours'`,
            [user.id],
          )) as { n: number; oldest: Date | null }[];
          const limited = this.policy.checkReactionRate(rate.n, new Date(), rate.oldest);
          if (limited) {
            throw verdictError({
              verdict: 'limit',
              decidingRule: limited.rule,
              violations: [limited],
              length: 0,
              normalizedBody: '',
              fingerprint: '',
              policyVersion: this.policy.version,
            })!;
          }
          await m.query('INSERT INTO reaction_events (user_id) VALUES ($1)', [user.id]);
          await m.query(
            `INSERT INTO comment_reactions (comment_id, user_id, value) VALUES ($1, $2, $3)
             ON CONFLICT (comment_id, user_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
            [commentId, user.id, value],
          );
        } else {
          await m.query('DELETE FROM comment_reactions WHERE comment_id = $1 AND user_id = $2', [commentId, user.id]);
        }
        const agree = (value === 'agree' ? 1 : 0) - (before === 'agree' ? 1 : 0);
        const disagree = (value === 'disagree' ? 1 : 0) - (before === 'disagree' ? 1 : 0);
        await m.query('UPDATE comments SET agree_count = agree_count + $2, disagree_count = disagree_count + $3 WHERE id = $1', [commentId, agree, disagree]);
      }
      const [counts] = (await m.query('SELECT agree_count, disagree_count FROM comments WHERE id = $1', [commentId])) as { agree_count: number; disagree_count: number }[];
      return { agreeCount: counts.agree_count, disagreeCount: counts.disagree_count, myReaction: value };
    });
  }

  private refuseSuspended(user: User): void {
    if (user.suspendedUntil && user.suspendedUntil > new Date()) {
      throw new AppError('ACCOUNT_SUSPENDED', { details: { until: user.suspendedUntil.toISOString(), reason: user.suspensionReason } });
    }
  }
}
