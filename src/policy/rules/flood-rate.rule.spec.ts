import { checkReactionRate } from '..';
import { ago, author, createEngineWith, ctx, engine, NOW, violationOf } from './rule-spec-support';

// flood.rate: interval, per-article cap, daily cap; reactions have their own daily cap.
describe('flood.rate', () => {
  const body = '좋은 기사 감사합니다';

  it('refuses a comment less than 60 s after the last, with Retry-After for the rest of the interval', () => {
    const v = violationOf('flood.rate', body, ctx({ author: author({ lastCommentAt: ago(45) }) }));
    expect(v).toMatchObject({ action: 'limit', retryAfterSeconds: 15 });
  });

  it('allows one exactly 60 s after', () => {
    expect(violationOf('flood.rate', body, ctx({ author: author({ lastCommentAt: ago(60) }) }))).toBeUndefined();
  });

  it('refuses a 4th comment on one article, without Retry-After (waiting does not help)', () => {
    const v = violationOf('flood.rate', body, ctx({ author: author({ commentsOnArticle: 3 }) }));
    expect(v?.action).toBe('limit');
    expect(v?.retryAfterSeconds).toBeUndefined();
    expect(violationOf('flood.rate', body, ctx({ author: author({ commentsOnArticle: 2 }) }))).toBeUndefined();
  });

  it('refuses a 21st comment of the day, with Retry-After until the oldest leaves the window', () => {
    const v = violationOf('flood.rate', body, ctx({ author: author({ commentsLast24h: 20, oldestInLast24h: ago(23 * 3600) }) }));
    expect(v).toMatchObject({ action: 'limit', retryAfterSeconds: 3600 });
    expect(violationOf('flood.rate', body, ctx({ author: author({ commentsLast24h: 19 }) }))).toBeUndefined();
  });

  it('the day cap without the oldest comment known waits a whole day at most', () => {
    expect(violationOf('flood.rate', body, ctx({ author: author({ commentsLast24h: 20 }) }))?.retryAfterSeconds).toBe(86_400);
  });

  it('limit wins over every other action and decides', () => {
    const verdict = engine.evaluate('시발 010-1234-5678', ctx({ author: author({ lastCommentAt: ago(5) }) }));
    expect(verdict.verdict).toBe('limit');
    expect(verdict.decidingRule).toBe('flood.rate');
    expect(verdict.violations.map((v) => v.rule)).toEqual(expect.arrayContaining(['profanity', 'pii.phone']));
  });

  it('thresholds of 0 turn a limit off (environment overrides)', () => {
    const relaxed = createEngineWith({ commentIntervalSeconds: 0, commentsPerArticle: 0, commentsPerDay: 0 });
    const verdict = relaxed.evaluate(body, ctx({ author: author({ lastCommentAt: ago(1), commentsOnArticle: 99, commentsLast24h: 999 }) }));
    expect(verdict.verdict).toBe('allow');
    expect(relaxed.thresholds).toMatchObject({ commentIntervalSeconds: 0, commentsPerArticle: 0, commentsPerDay: 0, reactionsPerDay: 50 });
  });

  it('an anonymous dry run has no rate', () => {
    expect(violationOf('flood.rate', body, ctx())).toBeUndefined();
  });

  describe('reactions', () => {
    it('allow the 50th, refuse the 51st with Retry-After until the oldest leaves the window', () => {
      expect(engine.checkReactionRate(49, NOW, ago(3600))).toBeNull();
      const v = engine.checkReactionRate(50, NOW, ago(86_400 - 120));
      expect(v).toMatchObject({ rule: 'flood.rate', action: 'limit', retryAfterSeconds: 120 });
    });

    it('is also a plain function of the thresholds, for callers without an engine', () => {
      expect(checkReactionRate(49, { reactionsPerDay: 50 }, NOW, null)).toBeNull();
      expect(checkReactionRate(50, { reactionsPerDay: 50 }, NOW, ago(86_400 - 30))).toEqual({ retryAfterSeconds: 30, details: { limit: 'reactionsPerDay', max: 50 } });
      expect(checkReactionRate(50, { reactionsPerDay: 50 }, NOW, null)?.retryAfterSeconds).toBe(86_400);
      expect(checkReactionRate(1_000, { reactionsPerDay: 0 })).toBeNull();
    });

    it('0 turns the reaction limit off', () => {
      expect(createEngineWith({ reactionsPerDay: 0 }).checkReactionRate(10_000, NOW, null)).toBeNull();
    });
  });
});
