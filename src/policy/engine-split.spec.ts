import fc from 'fast-check';
import { CASES } from './cases/standards-board.cases';
import { ContentVerdictMismatchError, createPolicyEngine, loadPolicyFile, RULE_IDS, ruleKind, type AuthorContext, type PolicyContext, type Violation } from '.';
import { projectPolicyFile } from './test-support';

const policy = loadPolicyFile(projectPolicyFile());
const engine = createPolicyEngine(policy);
const now = new Date('2026-11-28T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const SEVERITY = { hold: 1, reject: 2, limit: 3 } as const;
const order = new Map(policy.rules.map((r, i) => [r.id, i]));

const reader = (extra: Partial<AuthorContext> = {}): AuthorContext => ({
  accountCreatedAt: ago(400 * 86_400),
  suspendedUntil: null,
  publishedOrHeldCommentCount: 10,
  recentFingerprints: [],
  commentsLast24h: 1,
  commentsOnArticle: 0,
  lastCommentAt: null,
  ...extra,
});

/** Contexts of every kind: no author, new accounts, suspensions and bans, floods, duplicates of the body, closed and pre-moderated articles. */
const contextFor = (body: string): fc.Arbitrary<PolicyContext> =>
  fc.record(
    {
      now: fc.constant(now),
      author: fc.option(
        fc.record({
          accountCreatedAt: fc.integer({ min: 0, max: 400 * 86_400 }).map(ago),
          suspendedUntil: fc.oneof(fc.constant(null), fc.integer({ min: -86_400, max: 30 * 86_400 }).map((s) => ago(-s)), fc.constant(new Date('9999-12-31T00:00:00Z'))),
          suspensionReason: fc.constantFrom(undefined, null, 'spam'),
          publishedOrHeldCommentCount: fc.integer({ min: 0, max: 3 }),
          recentFingerprints: fc.subarray([engine.fingerprint(body), engine.fingerprint('다른 댓글')]),
          commentsLast24h: fc.integer({ min: 0, max: 25 }),
          oldestInLast24h: fc.option(fc.integer({ min: 0, max: 86_400 }).map(ago), { nil: null }),
          commentsOnArticle: fc.integer({ min: 0, max: 4 }),
          lastCommentAt: fc.option(fc.integer({ min: 0, max: 120 }).map(ago), { nil: null }),
        }),
        { nil: undefined },
      ),
      article: fc.option(fc.record({ commentsOpen: fc.boolean(), moderation: fc.constantFrom('post' as const, 'pre' as const) }), { nil: undefined }),
      newAccountHoldHours: fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }),
    },
    { requiredKeys: ['now'] },
  );

const bodies = [...CASES.map(([text]) => text), '', '\u0000', '시발 '.repeat(2000)];
const bodyAndContext = fc.integer({ min: 0, max: bodies.length - 1 }).chain((i) => contextFor(bodies[i]).map((ctx) => [bodies[i], ctx] as const));

describe('the policy in two parts: the content verdict, then the decision', () => {
  it('sorts the rules by what they read: the text alone, or the author and the article', () => {
    expect(RULE_IDS.filter((id) => ruleKind(id) === 'content')).toEqual([
      'length.empty',
      'length.max',
      'length.abuse',
      'content.noise',
      'profanity',
      'hate',
      'pii.rrn',
      'pii.phone',
      'pii.account',
      'spam.link',
      'spam.ad',
      'obscene',
      'violence',
      'toxicity.hold',
      'toxicity.reject',
    ]);
    expect(RULE_IDS.filter((id) => ruleKind(id) === 'context')).toEqual(['flood.duplicate', 'flood.rate', 'account.new', 'account.suspended', 'article.closed', 'article.premoderated']);
  });

  it('the content verdict holds the content rules only, and what gets stored', () => {
    const cv = engine.contentVerdict(' 틀딱 시발 010-1234-5678 ');
    expect(cv).toEqual({
      violations: [
        expect.objectContaining({ rule: 'profanity' }),
        expect.objectContaining({ rule: 'hate' }),
        expect.objectContaining({ rule: 'pii.phone' }),
        expect.objectContaining({ rule: 'toxicity.reject' }),
      ],
      // The scorer's reading, with the n-grams behind it: for the moderation queue.
      toxicity: expect.objectContaining({ band: 'reject', source: 'built-in', ngrams: expect.arrayContaining([expect.objectContaining({ text: '틀딱' })]) }),
      length: 19,
      normalizedBody: '틀딱 시발 010-1234-5678',
      fingerprint: engine.fingerprint('틀딱 시발 010-1234-5678'),
      policyVersion: policy.version,
    });
  });

  it('assessContent resolves to the same content verdict', async () => {
    await expect(engine.assessContent('좋은 기사 https://example.com')).resolves.toEqual(engine.contentVerdict('좋은 기사 https://example.com'));
  });

  it('decide adds the context rules in the policy order, and the first of the strictest decides', () => {
    const cv = engine.contentVerdict('틀딱들 https://example.com');
    const v = engine.decide(cv, { now, author: reader({ suspendedUntil: ago(-3600), lastCommentAt: ago(5) }), article: { commentsOpen: true, moderation: 'pre' } });
    expect(v.violations.map((x) => x.rule)).toEqual(['hate', 'spam.link', 'flood.rate', 'account.suspended', 'article.premoderated']);
    expect(v).toMatchObject({ verdict: 'limit', decidingRule: 'flood.rate', normalizedBody: cv.normalizedBody, fingerprint: cv.fingerprint, length: cv.length });
  });

  it('decide leaves the content verdict as it was, and gives the same answer twice', () => {
    const cv = engine.contentVerdict('시발');
    const copy = structuredClone(cv);
    const ctx = { now, author: reader({ recentFingerprints: [cv.fingerprint] }) };
    expect(engine.decide(cv, ctx)).toEqual(engine.decide(cv, ctx));
    expect(cv).toEqual(copy);
  });

  it('refuses a content verdict of another policy version', () => {
    const other = createPolicyEngine({ ...policy, version: '2020-01-01' });
    expect(() => engine.decide(other.contentVerdict('좋은 기사'), { now })).toThrow(ContentVerdictMismatchError);
    expect(() => engine.decide(other.contentVerdict('좋은 기사'), { now })).toThrow(new RegExp(`policy 2020-01-01 .*policy ${policy.version}`));
  });

  it('refuses a content verdict whose rules are not in its order (same version, rules reordered)', () => {
    const reordered = createPolicyEngine({ ...policy, rules: [...policy.rules].sort((a, b) => (a.id === 'pii.phone' ? -1 : b.id === 'pii.phone' ? 1 : 0)) });
    const cv = reordered.contentVerdict('시발 010-1234-5678');
    expect(cv.violations.map((v) => v.rule)).toEqual(['pii.phone', 'profanity']);
    expect(() => engine.decide(cv, { now })).toThrow(ContentVerdictMismatchError);
  });

  it('an unreadable body (empty, abusive) is not compared with the author’s recent comments', () => {
    for (const body of ['   ', '시발 '.repeat(2000)]) {
      const cv = engine.contentVerdict(body);
      expect(engine.decide(cv, { now, author: reader({ recentFingerprints: [cv.fingerprint] }) }).violations.map((v) => v.rule)).not.toContain('flood.duplicate');
    }
    const cv = engine.contentVerdict('좋은 기사');
    expect(engine.decide(cv, { now, author: reader({ recentFingerprints: [cv.fingerprint] }) }).decidingRule).toBe('flood.duplicate');
  });

  it('for every case of the table and any context: evaluate is decide(contentVerdict), the text’s findings do not depend on the context, and the verdict follows the documented order', () => {
    fc.assert(
      fc.property(bodyAndContext, ([body, ctx]) => {
        const cv = engine.contentVerdict(body);
        const v = engine.evaluate(body, ctx);
        expect(engine.decide(cv, ctx)).toEqual(v);
        expect(v.violations.filter((x) => ruleKind(x.rule as never) === 'content')).toEqual(cv.violations);
        const positions = v.violations.map((x) => order.get(x.rule)!);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(positions.length);
        const strictest = Math.max(0, ...v.violations.map((x) => SEVERITY[x.action]));
        const first = v.violations.find((x) => SEVERITY[x.action] === strictest) as Violation | undefined;
        expect(v.decidingRule).toBe(first?.rule ?? null);
        expect(v.verdict).toBe(first?.action ?? 'allow');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkSuspended', () => {
  it('is the very violation a post gets, so reacting, reporting and posting answer alike', () => {
    for (const author of [reader({ suspendedUntil: ago(-86_400), suspensionReason: 'abuse' }), reader({ suspendedUntil: new Date('9999-12-31T00:00:00Z') })]) {
      const posted = engine.evaluate('좋은 기사', { now, author }).violations.find((v) => v.rule === 'account.suspended');
      expect(posted).toBeDefined();
      expect(engine.checkSuspended(author, now)).toEqual(posted);
    }
  });

  it('says until when, why, and whether it is a ban', () => {
    expect(engine.checkSuspended({ suspendedUntil: ago(-86_400), suspensionReason: 'abuse' }, now)).toMatchObject({
      rule: 'account.suspended',
      action: 'limit',
      details: { until: ago(-86_400).toISOString(), reason: 'abuse', permanent: false },
    });
    expect(engine.checkSuspended({ suspendedUntil: new Date('9999-12-31T00:00:00Z') }, now)?.details).toMatchObject({ reason: null, permanent: true });
  });

  it('is null for a reader in good standing or whose suspension has ended', () => {
    expect(engine.checkSuspended({ suspendedUntil: null }, now)).toBeNull();
    expect(engine.checkSuspended({ suspendedUntil: ago(1), suspensionReason: 'abuse' }, now)).toBeNull();
    expect(engine.checkSuspended({ suspendedUntil: now }, now)).toBeNull();
  });
});
