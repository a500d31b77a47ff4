import { randomUUID } from 'node:crypto';
import { WIDGET_TOKEN_PREFIX } from '../src/auth/widget-tokens.repository';
import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { startTestApp, truncateAll, type TestApp } from './helpers/app';
import { login } from './helpers/login';
import { providerEnv } from './helpers/provider-env';

const REDIS_URL = 'redis://127.0.0.1:6379';

function expectLimited(res: { status: number; headers: Record<string, string>; body: { error: { code: string; details: Record<string, unknown> } } }, limit: string): void {
  expect(res.status).toBe(429);
  expect(res.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { limit, retryAfterSeconds: expect.any(Number) } });
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

/**
 * The request limits (issue 12): per IP and per reader on every route, before
 * the session is loaded and before the body is read; writes and login starts
 * counted in Redis, so two instances share one count.
 */
describe('rate limits', () => {
  let fakes: FakeProviders;
  beforeAll(async () => {
    fakes = await startFakeProviders();
  });
  afterAll(() => fakes.close());

  describe('in memory (no REDIS_URL)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(
        providerEnv(fakes, {
          RATE_REQUESTS_PER_MINUTE_PER_IP: '10',
          RATE_REQUESTS_PER_MINUTE_PER_READER: '5',
          RATE_LOGINS_PER_MINUTE_PER_IP: '3',
          RATE_POLICY_CHECKS_PER_MINUTE: '2',
        }),
      );
    });
    beforeEach(() => truncateAll(t.dataSource));
    afterAll(() => t.close());

    it('every route is limited per IP: the 11th request of a minute is 429 in the error shape with Retry-After', async () => {
      for (let i = 0; i < 10; i++) await t.http().get('/health/live').expect(200);
      const res = await t.http().get('/articles/any/comments');
      expectLimited(res, 'requests-per-ip');
    });
  });

  describe('behind a proxy (TRUST_PROXY)', () => {
    it('counts each client named by the trusted proxy apart; without TRUST_PROXY they share the proxy\'s count', async () => {
      const limits = { RATE_REQUESTS_PER_MINUTE_PER_IP: '3' };
      const behind = await startTestApp(providerEnv(fakes, { ...limits, TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' }));
      try {
        for (let i = 0; i < 3; i++) await behind.http().get('/health/live').set('X-Forwarded-For', '203.0.113.7').expect(200);
        expectLimited(await behind.http().get('/health/live').set('X-Forwarded-For', '203.0.113.7'), 'requests-per-ip');
        await behind.http().get('/health/live').set('X-Forwarded-For', '198.51.100.9').expect(200);
      } finally {
        await behind.close();
      }
      const direct = await startTestApp(providerEnv(fakes, limits));
      try {
        for (let i = 0; i < 3; i++) await direct.http().get('/health/live').set('X-Forwarded-For', `203.0.113.${i}`).expect(200);
        expectLimited(await direct.http().get('/health/live').set('X-Forwarded-For', '198.51.100.9'), 'requests-per-ip');
      } finally {
        await direct.close();
      }
    });
  });

  describe('per reader and per route', () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(providerEnv(fakes, { RATE_REQUESTS_PER_MINUTE_PER_READER: '5', RATE_LOGINS_PER_MINUTE_PER_IP: '3', RATE_POLICY_CHECKS_PER_MINUTE: '2' }));
      await truncateAll(t.dataSource);
    });
    afterEach(() => t.close());

    it('a reader is limited on their own: the 6th request with one cookie is 429, another reader is not', async () => {
      const cookie = 'sid=s%3Asome-session.sig';
      for (let i = 0; i < 5; i++) await t.http().get('/health/live').set('Cookie', cookie).expect(200);
      expectLimited(await t.http().get('/health/live').set('Cookie', cookie), 'requests-per-reader');
      await t.http().get('/health/live').set('Cookie', 'sid=another').expect(200);
      await t.http().get('/health/live').set('Authorization', `Bearer ${WIDGET_TOKEN_PREFIX}someone`).expect(200);
    });

    it('login starts are limited per IP and the 4th creates no session row', async () => {
      for (let i = 0; i < 3; i++) await t.http().get('/auth/facebook').expect(302);
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM sessions');
      expectLimited(await t.http().get('/auth/facebook'), 'logins-per-ip');
      expectLimited(await t.http().get('/auth/twitter'), 'logins-per-ip');
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM sessions')).toEqual(before);
    });

    it('policy checks are limited before the body is read: a body too deep to parse still gets 429, not 400', async () => {
      for (let i = 0; i < 2; i++) await t.http().post('/policy/check').send({ body: 'hello' }).expect(200);
      const res = await t.http().post('/policy/check').set('Content-Type', 'application/json').send(`{"body":${'['.repeat(1000)}}`);
      expectLimited(res, 'policy-checks-per-ip');
    });
  });

  describe('writes and logins shared through Redis by two instances', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      // Keyed by the reader's fresh session, so other runs sharing this machine's Redis count apart.
      const env = providerEnv(fakes, { REDIS_URL, RATE_WRITES_PER_MINUTE_PER_READER: '4', RATE_LOGINS_PER_MINUTE_PER_IP: '1000' });
      a = await startTestApp(env);
      b = await startTestApp(env);
      await truncateAll(a.dataSource);
    });
    afterAll(async () => {
      await a.close();
      await b.close();
    });

    it('a reader’s 5th write of the minute is refused by the other instance', async () => {
      const s = await login(a, 'twitter', { screenName: `shared-${randomUUID().slice(0, 8)}` });
      const post = (t: TestApp) => t.http().post('/policy/check').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body: 'a note' });
      await post(a).expect(200);
      await post(b).expect(200);
      await post(a).expect(200);
      await post(b).expect(200);
      expectLimited(await post(a), 'writes-per-reader');
      expectLimited(await post(b), 'writes-per-reader');
    });
  });
});
