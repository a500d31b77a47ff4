import { ago, author, ctx, engine, violationOf } from './rule-spec-support';

// account.suspended: a sanction in force refuses the request itself.
describe('account.suspended', () => {
  const later = (s: number) => new Date(ctx().now.getTime() + s * 1000);

  it('refuses while suspended, with the end of the suspension', () => {
    const v = violationOf('account.suspended', '좋은 기사', ctx({ author: author({ suspendedUntil: later(3600), suspensionReason: 'profanity' }) }));
    expect(v).toMatchObject({ action: 'limit', details: { until: later(3600).toISOString(), reason: 'profanity', permanent: false } });
  });

  it('a ban (the far future) decides over everything else', () => {
    const verdict = engine.evaluate('시발', ctx({ author: author({ suspendedUntil: new Date('9999-12-31T00:00:00Z') }) }));
    expect(verdict).toMatchObject({ verdict: 'limit', decidingRule: 'account.suspended' });
    expect(verdict.violations.find((v) => v.rule === 'account.suspended')?.details).toMatchObject({ permanent: true });
  });

  it('an expired suspension no longer applies', () => {
    expect(violationOf('account.suspended', '좋은 기사', ctx({ author: author({ suspendedUntil: ago(1) }) }))).toBeUndefined();
  });
});
