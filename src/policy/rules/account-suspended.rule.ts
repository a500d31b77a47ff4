import type { Rule } from '../rule';

/** account.suspended: a suspension or ban in force. */
export const accountSuspended: Rule = ({ ctx }) => {
  const until = ctx.author?.suspendedUntil;
  return until && until.getTime() > ctx.now.getTime() ? { details: { until: until.toISOString(), reason: ctx.author?.suspensionReason ?? null } } : null;
};
