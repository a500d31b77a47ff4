import type { ContextRule, Hit } from '../rule';
import type { Thresholds } from '../types';

const DAY_S = 24 * 3600;

/**
 * flood.rate: too soon after the last comment, too many on this article, too
 * many today. Refused attempts are not stored, so they never count. Retry-After
 * where waiting helps: the interval, the day window; not the per-article cap.
 */
export const floodRate: ContextRule = ({ ctx, thresholds }) => {
  const a = ctx.author;
  if (!a) return null;
  const now = ctx.now.getTime();
  if (thresholds.commentIntervalSeconds > 0 && a.lastCommentAt) {
    const wait = thresholds.commentIntervalSeconds - (now - a.lastCommentAt.getTime()) / 1000;
    if (wait > 0) return { retryAfterSeconds: Math.ceil(wait), details: { limit: 'interval', seconds: thresholds.commentIntervalSeconds } };
  }
  if (thresholds.commentsPerArticle > 0 && a.commentsOnArticle >= thresholds.commentsPerArticle) {
    return { details: { limit: 'perArticle', max: thresholds.commentsPerArticle } };
  }
  if (thresholds.commentsPerDay > 0 && a.commentsLast24h >= thresholds.commentsPerDay) {
    return dayWindow('perDay', thresholds.commentsPerDay, now, a.oldestInLast24h ?? null);
  }
  return null;
};

export function dayWindow(limit: string, max: number, now: number, oldest: Date | null): Hit {
  const retry = oldest ? Math.max(1, Math.ceil(DAY_S - (now - oldest.getTime()) / 1000)) : DAY_S;
  return { retryAfterSeconds: retry, details: { limit, max } };
}

/**
 * The daily reaction cap (flood.rate for reactions): a reaction counts when it
 * is set or switched, not when removed, so the caller passes how many of those
 * the reader made in the last 24 hours and when the oldest was. Null when the
 * reaction may go ahead; otherwise how long to wait. 0 turns the cap off.
 */
export function checkReactionRate(
  reactionsLast24h: number,
  thresholds: Pick<Thresholds, 'reactionsPerDay'>,
  now: Date = new Date(),
  oldestInWindow: Date | null = null,
): { retryAfterSeconds: number; details: { limit: 'reactionsPerDay'; max: number } } | null {
  const max = thresholds.reactionsPerDay;
  if (max <= 0 || reactionsLast24h < max) return null;
  const hit = dayWindow('reactionsPerDay', max, now.getTime(), oldestInWindow);
  return { retryAfterSeconds: hit.retryAfterSeconds!, details: { limit: 'reactionsPerDay', max } };
}
