import { FACEBOOK_TEST_APP, FACEBOOK_TEST_VERSION, startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { providerEnv as sharedProviderEnv } from './helpers/provider-env';
import { consent } from './fakes/consent';
import { TestApp, startTestApp, truncateAll } from './helpers/app';
import { finishLogin, login, me, pathOf, startLogin } from './helpers/login';
import { signRequest } from '../src/auth/signed-request';

const PUBLIC_URL = 'http://localhost:3000';
const NEWS_SITE = 'https://news.example.com';

const providerEnv = (fakes: FakeProviders) => sharedProviderEnv(fakes, { PUBLIC_URL, ALLOWED_ORIGINS: NEWS_SITE });

describe('social login through the real strategies against fake providers', () => {
  let fakes: FakeProviders;
  let t: TestApp;

  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(providerEnv(fakes));
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });
  beforeEach(() => truncateAll(t.dataSource));

  it('lists the configured providers', async () => {
    const res = await t.http().get('/auth/providers').expect(200);
    expect(res.body).toEqual({
      providers: [
        { id: 'twitter', name: 'Twitter', loginUrl: '/auth/twitter' },
        { id: 'facebook', name: 'Facebook', loginUrl: '/auth/facebook' },
      ],
    });
  });

  it('Twitter: a full OAuth 1.0a login, every request signed and verified by the provider', async () => {
    const before = { ...fakes.twitter.sandbox.stats };
    const session = await login(t, 'twitter', { screenName: 'minji', name: 'Kim Min-ji' });
    expect(session.user).toMatchObject({ displayName: 'Kim Min-ji', providers: ['twitter'], role: 'reader', suspendedUntil: null });
    expect(session.user.id).toEqual(expect.any(String));
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // request token, access token and verify_credentials were each signed and checked
    expect(fakes.twitter.sandbox.stats.signaturesVerified - before.signaturesVerified).toBeGreaterThanOrEqual(3);
    expect(fakes.twitter.sandbox.stats.signaturesRejected).toBe(before.signaturesRejected);
    const res = await t.http().get('/auth/me').set('Cookie', session.cookie).expect(200);
    expect(Object.keys(res.body.user).sort()).toEqual(['avatarUrl', 'displayName', 'id', 'profileUrl', 'providers', 'role', 'suspendedUntil', 'suspension']);
  });

  it('Facebook: a full OAuth 2.0 login with state and appsecret_proof', async () => {
    const before = { ...fakes.facebook.sandbox.stats };
    const start = await startLogin(t, 'facebook');
    const authorize = new URL(start.authorizeUrl);
    expect(authorize.pathname).toBe(`/${FACEBOOK_TEST_VERSION}/dialog/oauth`);
    expect(authorize.searchParams.get('state')).toMatch(/.{16,}/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth/facebook/callback`);
    const callback = await consent(start.authorizeUrl, { action: 'allow', screenName: 'junho', name: 'Park Jun-ho' });
    const done = await finishLogin(t, callback, start.cookie);
    expect(done.location).toBe('/after-login');
    const session = await me(t, done.cookie);
    expect(session.user).toMatchObject({ displayName: 'Park Jun-ho', providers: ['facebook'] });
    expect(fakes.facebook.sandbox.stats.codesExchanged - before.codesExchanged).toBe(1);
    expect(fakes.facebook.sandbox.stats.proofsChecked - before.proofsChecked).toBeGreaterThanOrEqual(1);
    expect(fakes.facebook.sandbox.stats.proofsRefused).toBe(before.proofsRefused);
  });

  it.each(['twitter', 'facebook'] as const)('%s: denial at the provider comes back to returnTo with authError, logged out', async (provider) => {
    const start = await startLogin(t, provider, '/articles/a1?lang=ko');
    const callback = await consent(start.authorizeUrl, { action: 'deny' });
    const done = await finishLogin(t, callback, start.cookie);
    expect(done.location).toBe('/articles/a1?lang=ko&authError=ACCESS_DENIED');
    await t.http().get('/auth/me').set('Cookie', done.cookie).expect(401);
    expect(await t.dataSource.query('SELECT * FROM users')).toEqual([]);
  });

  it('a failed login goes back to an allowed news site, never a raw error page', async () => {
    const start = await startLogin(t, 'facebook', `${NEWS_SITE}/2000/11/25/accord`);
    const callback = await consent(start.authorizeUrl, { action: 'deny' });
    const done = await finishLogin(t, callback, start.cookie);
    expect(done.location).toBe(`${NEWS_SITE}/2000/11/25/accord?authError=ACCESS_DENIED`);
  });

  it('a tampered state is refused: INVALID_STATE, no session', async () => {
    const start = await startLogin(t, 'facebook');
    const callback = new URL(await consent(start.authorizeUrl, { action: 'allow', screenName: 'mallory' }));
    callback.searchParams.set('state', 'forged-state-value');
    const done = await finishLogin(t, callback.toString(), start.cookie);
    expect(done.location).toBe('/after-login?authError=INVALID_STATE');
    await t.http().get('/auth/me').set('Cookie', done.cookie).expect(401);
    expect(await t.dataSource.query('SELECT * FROM users')).toEqual([]);
  });

  it('a replayed authorization code is refused by the provider and logs nobody in', async () => {
    const start = await startLogin(t, 'facebook');
    const callback = await consent(start.authorizeUrl, { action: 'allow', screenName: 'replay' });
    const first = await finishLogin(t, callback, start.cookie);
    expect(first.location).toBe('/after-login');
    // An attacker replays the same callback (code and state) in a fresh login attempt of their own.
    const attacker = await startLogin(t, 'facebook');
    const forged = new URL(callback);
    forged.searchParams.set('state', new URL(attacker.authorizeUrl).searchParams.get('state')!);
    const refusedBefore = fakes.facebook.sandbox.stats.codesRefused;
    const second = await finishLogin(t, forged.toString(), attacker.cookie);
    expect(second.location).toBe('/after-login?authError=PROVIDER_ERROR');
    expect(fakes.facebook.sandbox.stats.codesRefused).toBe(refusedBefore + 1);
    await t.http().get('/auth/me').set('Cookie', second.cookie).expect(401);
  });

  it('the session id changes on login (no fixation) and the old one is gone', async () => {
    const start = await startLogin(t, 'twitter');
    const callback = await consent(start.authorizeUrl, { action: 'allow', screenName: 'fixation' });
    const done = await finishLogin(t, callback, start.cookie);
    expect(start.cookie).toMatch(/^sid=/);
    expect(done.cookie).toMatch(/^sid=/);
    expect(done.cookie).not.toBe(start.cookie);
    await t.http().get('/auth/me').set('Cookie', start.cookie).expect(401);
    await t.http().get('/auth/me').set('Cookie', done.cookie).expect(200);
  });

  it('logout destroys the session server-side: the old cookie no longer works', async () => {
    const session = await login(t, 'twitter', { screenName: 'leaving' });
    const res = await t.http().post('/auth/logout').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).expect(204);
    expect(String(res.headers['set-cookie'])).toMatch(/sid=;/);
    expect(await t.dataSource.query('SELECT * FROM sessions')).toEqual([]);
    await t.http().get('/auth/me').set('Cookie', session.cookie).expect(401);
  });

  it('a second login updates the profile and does not duplicate the user', async () => {
    const first = await login(t, 'twitter', { screenName: 'soyeon', name: 'Soyeon' });
    const second = await login(t, 'twitter', { screenName: 'soyeon', name: 'Lee So-yeon' });
    expect(second.user.id).toBe(first.user.id);
    expect(second.user.displayName).toBe('Lee So-yeon');
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual([{ n: 1 }]);
    expect(await t.dataSource.query('SELECT display_name FROM user_identities')).toEqual([{ display_name: 'Lee So-yeon' }]);
  });

  it('a display name that would impersonate the newsroom is replaced by a neutral handle', async () => {
    const s = await login(t, 'twitter', { screenName: 'fake-editor', name: '중앙일보 편집국 기자' });
    expect(s.user.displayName).toMatch(/^독자-[0-9a-z]{1,5}$/);
    const [identity] = await t.dataSource.query('SELECT display_name FROM user_identities');
    expect(identity.display_name).toBe('중앙일보 편집국 기자');
    const admin = await login(t, 'twitter', { screenName: 'sneaky', name: 'Site Admin' });
    expect(admin.user.displayName).toMatch(/^독자-/);
  });

  it('logging in with the other provider while logged in links it to the same user', async () => {
    const tw = await login(t, 'twitter', { screenName: 'both' });
    const linked = await login(t, 'facebook', { screenName: 'both-fb' }, tw.cookie);
    expect(linked.user.id).toBe(tw.user.id);
    expect(linked.user.providers).toEqual(['facebook', 'twitter']);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual([{ n: 1 }]);
    // And logging in later with Facebook alone finds the same person.
    const again = await login(t, 'facebook', { screenName: 'both-fb' });
    expect(again.user.id).toBe(tw.user.id);
  });

  it('a provider account that belongs to someone else is not stolen by linking', async () => {
    const owner = await login(t, 'facebook', { screenName: 'owner-fb' });
    const other = await login(t, 'twitter', { screenName: 'other' });
    const start = await startLogin(t, 'facebook', '/after-login', other.cookie);
    const callback = await consent(start.authorizeUrl, { action: 'allow', screenName: 'owner-fb' });
    const done = await finishLogin(t, callback, start.cookie);
    expect(done.location).toBe('/after-login?authError=IDENTITY_IN_USE');
    const rows = await t.dataSource.query('SELECT user_id FROM user_identities WHERE provider = $1', ['facebook']);
    expect(rows).toEqual([{ user_id: owner.user.id }]);
  });

  it.each(['https://evil.example/', '//evil.example/steal', 'javascript:alert(1)', 'https://news.example.com.evil.example/'])(
    'returnTo %s is refused with 400 before anything else happens',
    async (returnTo) => {
      const res = await t.http().get(`/auth/twitter?returnTo=${encodeURIComponent(returnTo)}`).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.headers.location).toBeUndefined();
    },
  );

  describe('CSRF', () => {
    it('a state-changing request with the session cookie and no token is 403 and changes nothing', async () => {
      const s = await login(t, 'twitter', { screenName: 'csrf1' });
      const res = await t.http().post('/auth/logout').set('Cookie', s.cookie).expect(403);
      expect(res.body.error.code).toBe('CSRF_FAILED');
      await t.http().get('/auth/me').set('Cookie', s.cookie).expect(200);
    });

    it('a wrong token is 403', async () => {
      const s = await login(t, 'twitter', { screenName: 'csrf2' });
      const res = await t.http().post('/auth/logout').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken.slice(0, -2) + 'xx').expect(403);
      expect(res.body.error.code).toBe('CSRF_FAILED');
      await t.http().get('/auth/me').set('Cookie', s.cookie).expect(200);
    });

    it('the right token from a foreign origin is 403; from an allowed news site it passes', async () => {
      const s = await login(t, 'twitter', { screenName: 'csrf3' });
      const res = await t.http().post('/auth/logout').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).set('Origin', 'https://evil.example').expect(403);
      expect(res.body.error.code).toBe('CSRF_FAILED');
      await t.http().get('/auth/me').set('Cookie', s.cookie).expect(200);
      await t.http().post('/auth/logout').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).set('Origin', NEWS_SITE).expect(204);
    });

    it('an origin that only begins like a trusted one is foreign: origins are compared exactly', async () => {
      const s = await login(t, 'twitter', { screenName: 'csrf-prefix' });
      for (const origin of [`${NEWS_SITE}.evil.example`, `${PUBLIC_URL}1`, `${NEWS_SITE}:8443`, 'https://news.example.co']) {
        const res = await t.http().post('/auth/logout').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).set('Origin', origin).expect(403);
        expect(res.body.error.code).toBe('CSRF_FAILED');
      }
      await t.http().get('/auth/me').set('Cookie', s.cookie).expect(200);
    });

    it('another session’s token does not work', async () => {
      const a = await login(t, 'twitter', { screenName: 'csrf4a' });
      const b = await login(t, 'twitter', { screenName: 'csrf4b' });
      await t.http().post('/auth/logout').set('Cookie', a.cookie).set('X-CSRF-Token', b.csrfToken).expect(403);
    });
  });

  it('CORS: credentials only for ALLOWED_ORIGINS', async () => {
    const ok = await t.http().options('/auth/me').set('Origin', NEWS_SITE).set('Access-Control-Request-Method', 'GET');
    expect(ok.headers['access-control-allow-origin']).toBe(NEWS_SITE);
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    const no = await t.http().options('/auth/me').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(no.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('an anonymous reader gets no session: no row, no cookie, until something is stored', async () => {
    const res = await t.http().get('/articles/a1/comments').expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    await t.http().post('/policy/check').send({ body: 'hello' }).expect(200);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM sessions')).toEqual([{ n: 0 }]);
    const start = await t.http().get('/auth/twitter').expect(302);
    expect(String(start.headers['set-cookie'])).toMatch(/^sid=/);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM sessions')).toEqual([{ n: 1 }]);
  });

  it('a forged or unsigned session cookie is ignored', async () => {
    const s = await login(t, 'twitter', { screenName: 'signed' });
    const [{ sid }] = await t.dataSource.query('SELECT sid FROM sessions WHERE user_id IS NOT NULL');
    await t.http().get('/auth/me').set('Cookie', `sid=${sid}`).expect(401);
    await t.http().get('/auth/me').set('Cookie', s.cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))).expect(401);
    await t.http().get('/auth/me').set('Cookie', s.cookie).expect(200);
  });

  it('the session cookie is HttpOnly, SameSite=Lax, path /', async () => {
    const start = await t.http().get('/auth/twitter').expect(302);
    const raw = String(start.headers['set-cookie']);
    expect(raw).toMatch(/^sid=/);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    expect(raw).toMatch(/Path=\//);
    expect(raw).not.toMatch(/Secure/i);
  });

  it('ADMIN_IDENTITIES grants the admin role on login', async () => {
    await login(t, 'twitter', { screenName: 'editor' });
    const [{ provider_user_id: id }] = await t.dataSource.query('SELECT provider_user_id FROM user_identities');
    const admin = await startTestApp({ ...providerEnv(fakes), ADMIN_IDENTITIES: `twitter:${id}` });
    try {
      const s = await login(admin, 'twitter', { screenName: 'editor' });
      expect(s.user.role).toBe('admin');
    } finally {
      await admin.close();
    }
  });

  describe('Facebook data-deletion callback', () => {
    it('verifies signed_request, erases the person and answers a status URL', async () => {
      await login(t, 'facebook', { screenName: 'forget-me' });
      const [{ provider_user_id: fbId }] = await t.dataSource.query('SELECT provider_user_id FROM user_identities');
      const res = await t.http().post('/auth/facebook/data-deletion').type('form').send({ signed_request: signRequest({ user_id: fbId }, FACEBOOK_TEST_APP.secret) }).expect(200);
      expect(res.body).toEqual({ url: expect.stringMatching(`^${PUBLIC_URL}/auth/facebook/data-deletion/[0-9a-f]{32}$`), confirmation_code: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(await t.dataSource.query('SELECT * FROM users')).toEqual([]);
      expect(await t.dataSource.query('SELECT * FROM sessions WHERE user_id IS NOT NULL')).toEqual([]);
      const page = await t.http().get(pathOf(res.body.url)).expect(200);
      expect(page.text).toContain('completed');
    });

    it('an old signed_request (issued more than an hour ago) or one without issued_at is 400 and erases nothing', async () => {
      await login(t, 'facebook', { screenName: 'old-request' });
      const [{ provider_user_id: fbId }] = await t.dataSource.query('SELECT provider_user_id FROM user_identities');
      const hoursAgo = Math.floor(Date.now() / 1000) - 2 * 3600;
      await t.http().post('/auth/facebook/data-deletion').type('form').send({ signed_request: signRequest({ user_id: fbId, issued_at: hoursAgo }, FACEBOOK_TEST_APP.secret) }).expect(400);
      await t.http().post('/auth/facebook/data-deletion').type('form').send({ signed_request: signRequest({ user_id: fbId, issued_at: undefined }, FACEBOOK_TEST_APP.secret) }).expect(400);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual([{ n: 1 }]);
    });

    it('the same signed_request sent again answers the same code and erases nobody new', async () => {
      await login(t, 'facebook', { screenName: 'first-life' });
      const [{ provider_user_id: fbId }] = await t.dataSource.query('SELECT provider_user_id FROM user_identities');
      const signed = signRequest({ user_id: fbId }, FACEBOOK_TEST_APP.secret);
      const first = await t.http().post('/auth/facebook/data-deletion').type('form').send({ signed_request: signed }).expect(200);
      // The same person comes back and signs up again; a replay of the old request must not erase the new account.
      await login(t, 'facebook', { screenName: 'first-life' });
      const replay = await t.http().post('/auth/facebook/data-deletion').type('form').send({ signed_request: signed }).expect(200);
      expect(replay.body).toEqual(first.body);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual([{ n: 1 }]);
    });

    it('a bad signature is 400 and erases nothing', async () => {
      await login(t, 'facebook', { screenName: 'keep-me' });
      const [{ provider_user_id: fbId }] = await t.dataSource.query('SELECT provider_user_id FROM user_identities');
      const res = await t.http().post('/auth/facebook/data-deletion').type('form').send({ signed_request: signRequest({ user_id: fbId }, 'not-the-secret') }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      await t.http().post('/auth/facebook/data-deletion').type('form').send({}).expect(400);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual([{ n: 1 }]);
    });
  });
});

describe('a provider without credentials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL });
  });
  afterAll(() => t.close());

  it('is left out of /auth/providers and its login route is 503 PROVIDER_NOT_CONFIGURED', async () => {
    expect((await t.http().get('/auth/providers').expect(200)).body).toEqual({ providers: [] });
    for (const p of ['twitter', 'facebook']) {
      const res = await t.http().get(`/auth/${p}`).expect(503);
      expect(res.body.error.code).toBe('PROVIDER_NOT_CONFIGURED');
    }
    expect((await t.http().get('/auth/me').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('two app instances on one database', () => {
  it('share sessions: a login on one is seen on the other, a logout on the other ends it', async () => {
    const fakes = await startFakeProviders();
    const a = await startTestApp(providerEnv(fakes));
    const b = await startTestApp(providerEnv(fakes));
    try {
      await truncateAll(a.dataSource);
      // The login starts on A and the provider brings the reader back to B (a load balancer's choice).
      const start = await startLogin(a, 'twitter');
      const callback = await consent(start.authorizeUrl, { action: 'allow', screenName: 'roaming' });
      const done = await finishLogin(b, callback, start.cookie);
      expect(done.location).toBe('/after-login');
      const onA = await me(a, done.cookie);
      const onB = await me(b, done.cookie);
      expect(onA.user.id).toBe(onB.user.id);
      await b.http().post('/auth/logout').set('Cookie', done.cookie).set('X-CSRF-Token', onB.csrfToken).expect(204);
      await a.http().get('/auth/me').set('Cookie', done.cookie).expect(401);
    } finally {
      await a.close();
      await b.close();
      await fakes.close();
    }
  });
});

