import { author, ctx, engine, fired } from './rule-spec-support';

// flood.duplicate: the author's own comment of the last 24 hours again, near enough.
describe('flood.duplicate', () => {
  const first = '정부는 이번 협정을 국민에게 자세히 설명해야 합니다.';
  const recent = [engine.fingerprint(first)];
  const withHistory = () => ctx({ author: author({ recentFingerprints: recent }) });

  it.each([first, `  ${first}  `, '정부는 이번 협정을 국민에게 자세히 설명해야 합니다!!!', '정부는  이번 협정을 국민에게 자세히 설명해야 합니다', '정부는 이번 협정을 국민에게 자세히 설명해야 합니다...'])(
    'fires on a near-duplicate: %s',
    (text) => {
      expect(fired(text, withHistory())).toContain('flood.duplicate');
    },
  );

  it.each(['정부는 이번 협정을 국회에 자세히 설명해야 합니다.', '좋은 기사 감사합니다'])('lets a different comment pass: %s', (text) => {
    expect(fired(text, withHistory())).not.toContain('flood.duplicate');
  });

  it('needs an author: an anonymous dry run has no history', () => {
    expect(fired(first, ctx())).not.toContain('flood.duplicate');
  });

  it('the fingerprint ignores case, spacing, punctuation, repeats and NFD', () => {
    expect(engine.fingerprint('Great Article!!!')).toBe(engine.fingerprint('great    article'));
    expect(engine.fingerprint('좋은 기사'.normalize('NFD'))).toBe(engine.fingerprint('좋은기사'));
    expect(engine.fingerprint('좋은 기사')).not.toBe(engine.fingerprint('나쁜 기사'));
    expect(engine.evaluate(first, ctx()).fingerprint).toBe(engine.fingerprint(first));
  });
});
