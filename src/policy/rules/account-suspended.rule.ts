import type { ContextRule, Hit } from '../rule';
import type { AuthorContext } from '../types';

/** A ban is stored as a suspension until the far future; anything a century away is one. */
const BAN_AFTER_MS = 100 * 365.25 * 86_400_000;

/**
 * A suspension or ban in force, for any request a suspended reader may not
 * make: posting (account.suspended below), reacting and reporting
 * (engine.checkSuspended), so that all of them refuse with the same details.
 */
export function suspension(author: Pick<AuthorContext, 'suspendedUntil' | 'suspensionReason'> | undefined, now: Date): Hit | null {
  const until = author?.suspendedUntil;
  if (!until || until.getTime() <= now.getTime()) return null;
  const permanent = until.getTime() - now.getTime() > BAN_AFTER_MS;
  return { details: { until: until.toISOString(), reason: author?.suspensionReason ?? null, permanent } };
}

/** account.suspended: a suspension or ban in force. */
export const accountSuspended: ContextRule = ({ ctx }) => suspension(ctx.author, ctx.now);
