import { createPolicyEngine, loadPolicyFile } from '../policy';
import { projectPolicyFile } from '../policy/test-support';
import type { AuthorStats } from './comments.repository';
import { authorContext } from './policy-context';

const engine = createPolicyEngine(loadPolicyFile(projectPolicyFile()));
const now = new Date('2026-12-01T12:00:00Z');
const author = { createdAt: new Date('2026-01-01T00:00:00Z'), suspendedUntil: null, suspensionReason: null };
const article = { commentsOpen: true, moderation: 'post' as const };
const body = '좋은 기사 감사합니다';

/** An author who has hit every flood limit: many comments today, several on this article, the last a second ago. */
const busy: AuthorStats = {
  total: 40,
  lastDay: 40,
  onArticle: 10,
  lastAt: new Date(now.getTime() - 1000),
  oldestInDay: new Date(now.getTime() - 3600_000),
  fingerprints: [],
};

const rules = (editing: boolean, stats = busy) =>
  engine.evaluate(body, authorContext(author, stats, article, { editing, newAccountHoldHours: 0, now })).violations.map((v) => v.rule);

describe('the author context for the Standards Board', () => {
  it('a new comment from a flooding author meets flood.rate', () => {
    expect(rules(false)).toContain('flood.rate');
  });

  it('an edit is exempt from the flood limits: the same author may still fix a typo', () => {
    expect(rules(true)).not.toContain('flood.rate');
  });

  it('the duplicate check still applies to an edit, against the author’s other comments', () => {
    const same = { ...busy, fingerprints: [engine.fingerprint(body)] };
    expect(rules(true, same)).toContain('flood.duplicate');
    expect(rules(false, same)).toContain('flood.duplicate');
  });

  it('the article’s state applies to an edit as to a new comment', () => {
    const closed = engine.evaluate(body, authorContext(author, { ...busy, lastDay: 0, onArticle: 0, lastAt: null }, { commentsOpen: false, moderation: 'post' }, { editing: true, newAccountHoldHours: 0, now }));
    expect(closed.decidingRule).toBe('article.closed');
  });
});
