import { TestApp, startTestApp, truncateAll } from './helpers/app';

describe('the Standards Board Policy over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_POLICY_CHECKS_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());
  // Other spec files leave rows behind; this one counts comments, so it starts from none.
  beforeEach(() => truncateAll(t.dataSource));

  it('GET /policy describes every rule with its action, in both languages', async () => {
    const res = await t.http().get('/policy').expect(200);
    expect(res.body).toMatchObject({ version: expect.any(String), title: 'Standards Board Policy', maxLength: 250 });
    const ids = res.body.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['length.max', 'profanity', 'pii.phone', 'flood.rate', 'account.suspended', 'article.closed']));
    for (const rule of res.body.rules) {
      expect(Object.keys(rule).sort()).toEqual(['action', 'description', 'id', 'message', 'title']);
      expect(rule.title).toEqual({ ko: expect.any(String), en: expect.any(String) });
      expect(['reject', 'hold', 'limit']).toContain(rule.action);
    }
    expect(res.body.rules.find((r: { id: string }) => r.id === 'flood.rate').action).toBe('limit');
    expect(res.body.rules.find((r: { id: string }) => r.id === 'pii.phone').message).toEqual({ ko: expect.stringMatching(/[가-힣]/), en: expect.any(String) });
    expect(res.body.editWindowSeconds).toBe(300);
  });

  it('POST /policy/check gives the decision without storing anything, in the reader’s language', async () => {
    const ok = await t.http().post('/policy/check').send({ body: '좋은 기사 감사합니다' }).expect(200);
    expect(ok.body).toEqual({ verdict: 'allow', violations: [], length: 11 });
    const bad = await t.http().post('/policy/check').set('Accept-Language', 'ko').send({ body: '시1발 010-1234-5678' }).expect(200);
    expect(bad.body.verdict).toBe('reject');
    expect(bad.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['profanity', 'pii.phone']); // policy.md's order
    expect(bad.body.violations[0].message).toMatch(/[가-힣]/);
    expect(JSON.stringify(bad.body)).not.toContain('1234-5678');
    // English: the hate list holds it; the Korean toxicity scorer abstains (a Korean slur like 틀딱 it would refuse outright).
    const held = await t.http().post('/policy/check').send({ body: 'typical fag' }).expect(200);
    expect(held.body.verdict).toBe('hold');
    expect(held.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['hate']);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM comments')).toEqual([{ n: 0 }]);
  });

  it('validates the body', async () => {
    expect((await t.http().post('/policy/check').send({}).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('is limited per client IP: 429 with Retry-After past the limit', async () => {
    let limited;
    for (let i = 0; i < 8 && !limited; i++) {
      const res = await t.http().post('/policy/check').send({ body: 'hello there' });
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expect(limited!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('a bad policy file', () => {
  it('stops start-up with one line naming the file and the problem', async () => {
    await expect(startTestApp({ POLICY_FILE: '/nonexistent/policy.yaml' })).rejects.toThrow(/Standards Board Policy file \/nonexistent\/policy\.yaml: cannot be read/);
  });
});
