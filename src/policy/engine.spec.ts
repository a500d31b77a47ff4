import { createPolicyEngine, loadPolicyFile, RULE_IDS, toMatchForm, type AuthorContext, type PolicyContext } from '.';
import { projectPolicyFile } from './test-support';

const policy = loadPolicyFile(projectPolicyFile());
const engine = createPolicyEngine(policy);
const now = new Date('2026-11-28T12:00:00Z');
const ctx = (extra: Partial<PolicyContext> = {}): PolicyContext => ({ now, ...extra });
const reader: AuthorContext = {
  accountCreatedAt: new Date('2025-01-01T00:00:00Z'),
  suspendedUntil: null,
  publishedOrHeldCommentCount: 10,
  recentFingerprints: [],
  commentsLast24h: 1,
  commentsOnArticle: 0,
  lastCommentAt: null,
};

describe('the engine', () => {
  it('allows an ordinary comment, NFC and trimmed, with its length, fingerprint and policy version', () => {
    const v = engine.evaluate('  좋은 기사 감사합니다 '.normalize('NFD'), ctx());
    expect(v).toEqual({
      verdict: 'allow',
      decidingRule: null,
      violations: [],
      length: 11,
      normalizedBody: '좋은 기사 감사합니다',
      fingerprint: engine.fingerprint('좋은 기사 감사합니다'),
      policyVersion: policy.version,
      // Scored low by the learned scorer: recorded, no band, no n-grams.
      toxicity: { score: expect.any(Number), hate: expect.any(Number), band: 'none', abstained: false, source: 'built-in' },
    });
    expect(v.toxicity!.score).toBeLessThan(policy.toxicity!.hold);
  });

  it('reports every rule that fired; the strictest action wins; the first such rule in policy order decides', () => {
    const v = engine.evaluate('틀딱 시발 010-1234-5678 https://example.com', ctx());
    expect(v.violations.map((x) => x.rule)).toEqual(['profanity', 'hate', 'pii.phone', 'spam.link']);
    expect(v.verdict).toBe('reject');
    expect(v.decidingRule).toBe('profanity');
  });

  it('runs the rules in the catalogue order of docs/policy.md', () => {
    expect(policy.rules.map((r) => r.id)).toEqual([...RULE_IDS]);
    const limited = engine.evaluate('시발', ctx({ author: { ...reader, suspendedUntil: new Date('9999-12-31T00:00:00Z'), lastCommentAt: new Date(now.getTime() - 5_000) }, article: { commentsOpen: false, moderation: 'pre' } }));
    expect(limited.violations.map((x) => x.rule)).toEqual(['profanity', 'toxicity.hold', 'flood.rate', 'account.suspended', 'article.closed', 'article.premoderated']);
    expect(limited).toMatchObject({ verdict: 'limit', decidingRule: 'flood.rate' });
  });

  it("follows the policy file's order when the Standards Board changes it", () => {
    const reordered = { ...policy, rules: [...policy.rules].sort((a, b) => (a.id === 'pii.phone' ? -1 : b.id === 'pii.phone' ? 1 : 0)) };
    const v = createPolicyEngine(reordered).evaluate('시발 010-1234-5678', ctx());
    expect(v.violations.map((x) => x.rule)).toEqual(['pii.phone', 'profanity']);
    expect(v.decidingRule).toBe('pii.phone');
    expect(createPolicyEngine(reordered).describe().rules[0].id).toBe('pii.phone');
  });

  it('holds when only holding rules fire, decided by the first of them', () => {
    const v = engine.evaluate('틀딱들 https://example.com', ctx());
    expect(v).toMatchObject({ verdict: 'hold', decidingRule: 'hate' });
  });

  it('a shortener makes spam.link reject although its listed action is hold', () => {
    const v = engine.evaluate('여기 bit.ly/abc', ctx());
    expect(v).toMatchObject({ verdict: 'reject', decidingRule: 'spam.link' });
  });

  it('carries the policy messages in both languages, and never the text', () => {
    const v = engine.evaluate('연락 010-1234-5678', ctx()).violations[0];
    expect(v.message.ko).toContain('전화번호');
    expect(v.message.en).toContain('phone number');
    expect(JSON.stringify(v)).not.toContain('1234');
  });

  it('describes itself for GET /policy in the documented order', () => {
    const d = engine.describe();
    expect(d).toMatchObject({ version: policy.version, title: 'Standards Board Policy', maxLength: 250 });
    expect(d.rules.map((r) => r.id)).toEqual(policy.rules.map((r) => r.id));
    for (const r of d.rules) {
      expect(Object.keys(r).sort()).toEqual(['action', 'description', 'id', 'message', 'title']);
      expect(['reject', 'hold', 'limit']).toContain(r.action);
    }
    expect(d.rules.filter((r) => r.action === 'limit').map((r) => r.id)).toEqual(['flood.rate', 'account.suspended', 'article.closed']);
  });

  it('takes threshold overrides from the environment and keeps the rest from the file', () => {
    const e = createPolicyEngine(policy, { commentsPerDay: 5, reactionsPerDay: undefined });
    expect(e.thresholds).toEqual({ commentsPerDay: 5, commentsPerArticle: 3, commentIntervalSeconds: 60, reactionsPerDay: 50 });
    expect(engine.thresholds.commentsPerDay).toBe(20);
  });

  it('is deterministic and keeps no state between evaluations', () => {
    const a = engine.evaluate('시발', ctx());
    engine.evaluate('좋은 기사', ctx());
    expect(engine.evaluate('시발', ctx())).toEqual(a);
  });
});

// Through the engine: the users service asks engine.isReservedDisplayName, so that is what these pin.
describe('reserved display names', () => {
  it.each(['홍길동 기자', '홍길동기자', '편집국', '편 집 국', '관리자입니다', 'admin', 'Admin', 'JoongAng_Admin', 'adm1n', 'ａｄｍｉｎ', 'staff', 'Staff Kim', 'KimStaff', '중앙일보 운영자', 'admin_kim', 'the editor'])(
    'reserved: %s',
    (name) => {
      expect(engine.isReservedDisplayName(name)).toBe(true);
    },
  );

  // Cyrillic and Greek letters that pass for Latin ones (look-alike-letters.ts, from Unicode's confusables.txt).
  it.each([
    ['Аdmin', 'Cyrillic А'],
    ['ѕtaff', 'Cyrillic ѕ'],
    ['аdmіn', 'Cyrillic а and і'],
    ['Ѕtaff Kim', 'Cyrillic Ѕ'],
    ['ΑDMIN', 'Greek Α'],
    ['ΑDΜΙΝ', 'Greek Α, Μ, Ι, Ν'],
    ['KimЅtaff', 'Cyrillic Ѕ after a camelCase break'],
    ['mоdеrаtоr', 'Cyrillic о, е, а'],
    ['ЕDІТОR', 'Cyrillic Е, І, Т, О'],
    ['ѕtaffёr', 'Cyrillic ѕ and ё'],
  ])('reserved, look-alike letters: %s (%s)', (name) => {
    expect(engine.isReservedDisplayName(name)).toBe(true);
  });

  // A Latin entry at the start of a longer word is reserved on purpose: staffkim and adminlee are how
  // impersonators write, and telling them from Staffordshire would take a dictionary. A moderator's click frees it.
  it.each(['Staffordshire', 'Editorial Cartoon Fan', 'staffkim'])('reserved, an entry beginning a longer word: %s', (name) => {
    expect(engine.isReservedDisplayName(name)).toBe(true);
  });

  // Latin entries must begin a word: inside another word they are innocent.
  it.each(['김민수', 'Jane Doe', 'badminton_lover', 'Badminton Lover', 'seoul reader', '기차여행', '편집자가 꿈', 'Kim Jiyoung', 'creditor', 'Sadmin Park', 'bistaff', 'Борис', 'Ирина', 'Σωκράτης', 'Наталья Смирнова', 'Αθηνά', 'Алексей Стафеев'])('free: %s', (name) => {
    expect(engine.isReservedDisplayName(name)).toBe(false);
  });
});

describe('the matching form', () => {
  const form = (s: string) => toMatchForm(s).text;

  it.each<[string, string]>([
    ['시 1 발', '시발'],
    ['ㅅ ㅣ ㅂ ㅏ ㄹ', '시발'],
    ['f.u.c.k', 'fuck'],
    ['F U C K', 'fuck'],
    ['ｓｈ１ｔ', 'shit'],
    ['sh1t', 'shit'],
    ['fu\u200bck', 'fuck'],
    ['fuuuuuck', 'fuck'],
    ['병-신', '병신'],
    ['시바ㄹ', '시발'],
    ['ㅂㅕㅇㅅㅣㄴ', '병신'],
    ['병ㅅㅣㄴ같은', '병신같은'],
    ['지라ㄹ 하네', '지랄 하네'],
  ])('%s → %s', (input, expected) => {
    expect(form(input)).toBe(expected);
  });

  it('composes a token with loose jamo back into whole syllables, so no listed jamo pair straddles two syllables', () => {
    expect(form('첫번째ㅋㅋ')).toMatch(/^첫번/);
    expect(form('첫번째ㅋㅋ')).not.toContain('ㅅㅂ');
    expect(form('밥솥ㅋㅋ')).not.toContain('ㅂㅅ');
    expect(form('맞나ㅋㅋ')).not.toContain('ㅈㄴ');
  });

  it('keeps ordinary word boundaries', () => {
    expect(form('오늘 날씨가 좋네요')).toBe('오늘 날씨가 좋네요');
    expect(form('the class assignment')).toBe('the class assignment');
  });

  it('reads Latin typed on a Korean keyboard back as Hangul, but not English', () => {
    expect(toMatchForm('tlqkf').layout).toContain('시발');
    expect(toMatchForm('qudtls').layout).toContain('병신');
    expect(toMatchForm('hello school street').layout).toBe('');
  });
});
