import type { Rule } from '../rule';

/** A ban is stored as a suspension until the far future; anything a century away is one. */
const BAN_AFTER_MS = 100 * 365.25 * 86_400_000;

/** account.suspended: a suspension or ban in force. */
export const accountSuspended: Rule = ({ ctx }) => {
  const until = ctx.author?.suspendedUntil;
  if (!until || until.getTime() <= ctx.now.getTime()) return null;
  const permanent = until.getTime() - ctx.now.getTime() > BAN_AFTER_MS;
  return { details: { until: until.toISOString(), reason: ctx.author?.suspensionReason ?? null, permanent } };
};
