import { HIT, type ContextRule } from '../rule';

/** account.new: the first comment of an account younger than NEW_ACCOUNT_HOLD_HOURS is held. */
export const accountNew: ContextRule = ({ ctx }) => {
  const hours = ctx.newAccountHoldHours ?? 0;
  const a = ctx.author;
  if (!a || hours <= 0 || (a.publishedOrHeldCommentCount ?? a.commentCount ?? 0) > 0) return null;
  return ctx.now.getTime() - a.accountCreatedAt.getTime() < hours * 3600_000 ? HIT : null;
};
