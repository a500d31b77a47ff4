import type { PolicyContext } from '../policy';
import type { User } from '../users/user.entity';
import type { AuthorStats } from './comments.repository';

/**
 * What the Standards Board's context rules know about the author right now.
 * An edit is not a new comment: the flood counters (per day, per article,
 * the interval) do not apply to it, but the duplicate check does, against the
 * author's other comments.
 */
export function authorContext(
  author: Pick<User, 'createdAt' | 'suspendedUntil' | 'suspensionReason'>,
  stats: AuthorStats,
  article: NonNullable<PolicyContext['article']>,
  options: { editing: boolean; newAccountHoldHours: number; now?: Date },
): PolicyContext {
  const { editing } = options;
  return {
    now: options.now ?? new Date(),
    article,
    newAccountHoldHours: options.newAccountHoldHours,
    author: {
      accountCreatedAt: author.createdAt,
      suspendedUntil: author.suspendedUntil,
      suspensionReason: author.suspensionReason,
      publishedOrHeldCommentCount: stats.total,
      recentFingerprints: stats.fingerprints,
      commentsLast24h: editing ? 0 : stats.lastDay,
      oldestInLast24h: stats.oldestInDay,
      commentsOnArticle: editing ? 0 : stats.onArticle,
      lastCommentAt: editing ? null : stats.lastAt,
    },
  };
}
