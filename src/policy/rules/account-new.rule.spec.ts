import { ago, author, ctx, violationOf } from './rule-spec-support';

// account.new: the first comment of an account younger than NEW_ACCOUNT_HOLD_HOURS is held.
describe('account.new', () => {
  const young = author({ accountCreatedAt: ago(3600), publishedOrHeldCommentCount: 0 });

  it('holds the first comment of a young account when the setting is on', () => {
    expect(violationOf('account.new', '안녕하세요 첫 댓글입니다', ctx({ author: young, newAccountHoldHours: 24 }))?.action).toBe('hold');
  });

  it('is off by default (0)', () => {
    expect(violationOf('account.new', '첫 댓글', ctx({ author: young }))).toBeUndefined();
    expect(violationOf('account.new', '첫 댓글', ctx({ author: young, newAccountHoldHours: 0 }))).toBeUndefined();
  });

  it('only the first comment: one that has commented before, even a held or deleted comment, passes', () => {
    expect(violationOf('account.new', '둘째 댓글', ctx({ author: { ...young, publishedOrHeldCommentCount: 1 }, newAccountHoldHours: 24 }))).toBeUndefined();
  });

  it('an account older than the setting passes', () => {
    expect(violationOf('account.new', '첫 댓글', ctx({ author: author({ accountCreatedAt: ago(25 * 3600), publishedOrHeldCommentCount: 0 }), newAccountHoldHours: 24 }))).toBeUndefined();
  });

  it('reads the count under its earlier name, commentCount, too', () => {
    const legacy = { ...author({ accountCreatedAt: ago(3600) }), publishedOrHeldCommentCount: undefined };
    expect(violationOf('account.new', '첫 댓글', ctx({ author: { ...legacy, commentCount: 0 }, newAccountHoldHours: 24 }))?.action).toBe('hold');
    expect(violationOf('account.new', '둘째 댓글', ctx({ author: { ...legacy, commentCount: 3 }, newAccountHoldHours: 24 }))).toBeUndefined();
  });
});
