import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { TestApp, startTestApp, truncateAll } from './helpers/app';
import { freePort } from './helpers/free-port';
import { Session, login } from './helpers/login';
import { startMain } from './helpers/main-process';
import { NO_FLOOD_LIMITS, providerEnv } from './helpers/provider-env';

const ARTICLE = 'toxicity-article';
const HELD = '얼굴 성형 티 너무 난다 징그럽네';
const REFUSED = '얼굴도 못생긴게 주제를 알아라 ㅋㅋ';

describe('the toxicity scorer over HTTP (real logins, real Postgres)', () => {
  let fakes: FakeProviders;
  let t: TestApp;
  let n = 0;
  const reader = (name = `tox${++n}`) => login(t, 'twitter', { screenName: name, name });
  const as = (s: Session, method: 'get' | 'post' | 'put' | 'patch' | 'delete', p: string) => t.http()[method](p).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken);
  const post = (s: Session, body: string) => as(s, 'post', `/articles/${ARTICLE}/comments`).send({ body });

  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(providerEnv(fakes, { CMS_API_TOKEN: 'cms-toxicity', ...NO_FLOOD_LIMITS }));
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    await t.http().put(`/articles/${ARTICLE}`).set('Authorization', 'Bearer cms-toxicity').send({ title: '연예 기사', url: 'https://news.example/toxicity' }).expect(200);
  });

  it('GET /policy shows the bands and the two rules', async () => {
    const res = await t.http().get('/policy').expect(200);
    expect(res.body.toxicity).toEqual({ hold: expect.any(Number), reject: expect.any(Number), minHangulShare: expect.any(Number), heads: ['toxic', 'hate'] });
    expect(res.body.toxicity.hold).toBeLessThan(res.body.toxicity.reject);
    const rules = Object.fromEntries(res.body.rules.map((r: { id: string; action: string }) => [r.id, r.action]));
    expect(rules).toMatchObject({ 'toxicity.hold': 'hold', 'toxicity.reject': 'reject' });
  });

  it('holds an insult no list names; the author sees the policy’s word, the moderation queue the score and the n-grams', async () => {
    const author = await reader();
    const res = await post(author, HELD).expect(202);
    expect(res.body.status).toBe('pending');
    expect(res.body).not.toHaveProperty('toxicity');
    expect(JSON.stringify(res.body)).not.toMatch(/score|ngram|weight/);

    const moderator = await reader();
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id]);
    const item = (await as(moderator, 'get', `/moderation/comments/${res.body.id}`).expect(200)).body.comment;
    expect(item.policy.rules).toEqual(['toxicity.hold']);
    expect(item.policy.toxicity).toMatchObject({ band: 'hold', abstained: false, source: 'built-in', score: expect.any(Number), hate: expect.any(Number) });
    expect(item.policy.toxicity.ngrams.length).toBeGreaterThan(0);
    for (const g of item.policy.toxicity.ngrams) expect(HELD).toContain(g.text);

    const queue = (await as(moderator, 'get', '/moderation/queue?status=pending').expect(200)).body;
    expect(queue.items[0].policy.toxicity.band).toBe('hold');

    // Deleting the comment takes its n-grams (pieces of the text) with the text.
    await as(author, 'delete', `/comments/${res.body.id}`).expect(204);
    expect((await t.dataSource.query('SELECT toxicity, body FROM comments WHERE id = $1', [res.body.id]))[0]).toEqual({ toxicity: null, body: '' });
  });

  it('refuses what scores above the upper band with the rule’s message only; nothing is stored', async () => {
    const author = await reader();
    const res = await post(author, REFUSED).set('Accept-Language', 'en').expect(422);
    expect(res.body.error).toMatchObject({ code: 'POLICY_VIOLATION', message: 'The comment attacks others and cannot be posted.', details: { rule: 'toxicity.reject', rules: ['toxicity.reject'] } });
    expect(JSON.stringify(res.body)).not.toMatch(/못생|score|ngram|weight/);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM comments')).toEqual([{ n: 0 }]);
  });

  it('an ordinary comment is published with its low score recorded; English is scored but never banded', async () => {
    const author = await reader();
    const ok = await post(author, '배우분 연기 정말 좋았어요 다음 작품도 기대합니다').expect(201);
    const english = await post(author, 'you are so ugly and stupid').expect(201);
    const rows = await t.dataSource.query('SELECT id, toxicity FROM comments ORDER BY created_at');
    const byId = Object.fromEntries(rows.map((r: { id: string; toxicity: unknown }) => [r.id, r.toxicity]));
    expect(byId[ok.body.id]).toMatchObject({ band: 'none', abstained: false });
    expect(byId[ok.body.id].ngrams).toBeUndefined();
    expect(byId[english.body.id]).toMatchObject({ band: 'none', abstained: true });
  });
});

describe('a missing or corrupt toxicity model', () => {
  it('stops start-up with one line naming the file and the problem', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toxicity-startup-'));
    try {
      const repoPolicy = fs.readFileSync(path.join(__dirname, '../policy/standards-board.yaml'), 'utf8');
      const bytes = fs.readFileSync(path.join(__dirname, '../policy/scorer/toxicity.bin'));
      bytes[bytes.length - 3] ^= 0x10;
      fs.writeFileSync(path.join(dir, 'broken.bin'), bytes);
      fs.writeFileSync(path.join(dir, 'policy.yaml'), repoPolicy.replace('model: scorer/toxicity.bin', 'model: broken.bin'));
      fs.writeFileSync(path.join(dir, 'missing.yaml'), repoPolicy.replace('model: scorer/toxicity.bin', 'model: gone.bin'));
      // The real main.js: it must exit before it is ever ready, having written exactly one line.
      const failure = async (policyFile: string) => {
        const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: process.env.TEST_RUN_DATABASE_URL!, POLICY_FILE: policyFile };
        const error = await startMain(await freePort(), env, { readyMs: 30_000 }).then(
          async (m) => {
            await m.stop();
            throw new Error('the server started');
          },
          (e: Error) => e,
        );
        const output = error.message.split(/before it was ready:\n/)[1];
        expect(error.message).toMatch(/exited with 1 before it was ready/);
        return output.trim().split('\n');
      };
      expect(await failure(path.join(dir, 'policy.yaml'))).toEqual([expect.stringMatching(/^Start-up failed: Toxicity model .*broken\.bin: is corrupt \(SHA-256 of the weights [0-9a-f]{12}…, the header says [0-9a-f]{12}…\)$/)]);
      expect(await failure(path.join(dir, 'missing.yaml'))).toEqual([expect.stringMatching(/^Start-up failed: Toxicity model .*gone\.bin: cannot be read \(ENOENT\)$/)]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
