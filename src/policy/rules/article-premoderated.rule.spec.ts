import { ctx, engine, violationOf } from './rule-spec-support';

// article.premoderated: every comment on the article waits for a moderator.
describe('article.premoderated', () => {
  it('holds a clean comment', () => {
    const verdict = engine.evaluate('좋은 기사', ctx({ article: { commentsOpen: true, moderation: 'pre' } }));
    expect(verdict).toMatchObject({ verdict: 'hold', decidingRule: 'article.premoderated' });
  });

  it('a reject still beats the hold', () => {
    const verdict = engine.evaluate('010-1234-5678', ctx({ article: { commentsOpen: true, moderation: 'pre' } }));
    expect(verdict).toMatchObject({ verdict: 'reject', decidingRule: 'pii.phone' });
    expect(verdict.violations.map((v) => v.rule)).toContain('article.premoderated');
  });

  it('passes on post-moderated articles', () => {
    expect(violationOf('article.premoderated', '좋은 기사', ctx({ article: { commentsOpen: true, moderation: 'post' } }))).toBeUndefined();
  });
});
