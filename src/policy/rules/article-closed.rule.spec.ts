import { ctx, engine, violationOf } from './rule-spec-support';

// article.closed: the newsroom closed comments; the request itself is refused.
describe('article.closed', () => {
  it('refuses on a closed article and decides', () => {
    const verdict = engine.evaluate('좋은 기사', ctx({ article: { commentsOpen: false, moderation: 'post' } }));
    expect(verdict).toMatchObject({ verdict: 'limit', decidingRule: 'article.closed' });
  });

  it('passes on an open article and when the article is unknown', () => {
    expect(violationOf('article.closed', '좋은 기사', ctx({ article: { commentsOpen: true, moderation: 'post' } }))).toBeUndefined();
    expect(violationOf('article.closed', '좋은 기사', ctx())).toBeUndefined();
  });
});
