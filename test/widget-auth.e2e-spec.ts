import { consent } from './fakes/consent';
import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { TestApp, startTestApp, truncateAll } from './helpers/app';
import { finishLogin, startLogin } from './helpers/login';
import { providerEnv } from './helpers/provider-env';

const NEWS_SITE = 'https://news.example.com';
const OTHER_SITE = 'https://other.example.org';

/**
 * The widget on a news site of another site: the login popup ends at
 * /auth/widget/complete, which posts a one-time code to the widget's window;
 * the widget trades it for a bearer token bound to its origin.
 */
describe('widget login across sites (popup, one-time code, bearer token)', () => {
  let fakes: FakeProviders;
  let t: TestApp;

  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(providerEnv(fakes, { ALLOWED_ORIGINS: `${NEWS_SITE},${OTHER_SITE}`, RATE_COMMENT_INTERVAL_SECONDS: '0' }));
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });
  beforeEach(() => truncateAll(t.dataSource));

  /** The popup's round trip: login at the provider, back at the complete page; what it would post, and to whom. */
  async function popup(origin: string, name = 'widget-reader'): Promise<{ message: { type: string; code?: string; error?: string }; target: string; page: string }> {
    const returnTo = `/auth/widget/complete?origin=${encodeURIComponent(origin)}`;
    const start = await startLogin(t, 'twitter', returnTo);
    const callback = await consent(start.authorizeUrl, { action: 'allow', screenName: name, name });
    const done = await finishLogin(t, callback, start.cookie);
    const res = await t.http().get(done.location).set('Cookie', done.cookie).expect(200);
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'nonce-[^']+'$/);
    const data = JSON.parse(/\}\)\((\{.*\})\);<\/script>/.exec(res.text)![1]) as { message: { type: string; code?: string; error?: string }; origin: string };
    return { message: data.message, target: data.origin, page: res.text };
  }

  const exchange = (code: string, origin?: string) => {
    const req = t.http().post('/auth/widget/token');
    if (origin) req.set('Origin', origin);
    return req.send({ code });
  };

  it('logs in, comments, reacts and logs out with a bearer token from the news site: no cookie, no CSRF token', async () => {
    const { message, target } = await popup(NEWS_SITE);
    expect(message).toEqual({ type: 'newsroom-comments:login', code: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(target).toBe(NEWS_SITE);
    const res = await exchange(message.code!, NEWS_SITE).expect(200);
    expect(res.body).toEqual({ token: expect.stringMatching(/^nrc_/), expiresAt: expect.any(String), user: expect.objectContaining({ displayName: 'widget-reader' }) });
    expect(res.headers['set-cookie']).toBeUndefined();
    const bearer = `Bearer ${res.body.token}`;

    const me = await t.http().get('/auth/me').set('Authorization', bearer).expect(200);
    expect(me.body).toMatchObject({ user: { displayName: 'widget-reader' }, csrfToken: null });
    expect(me.headers['set-cookie']).toBeUndefined();
    const posted = await t.http().post('/articles/a1/comments').set('Authorization', bearer).set('Origin', NEWS_SITE).send({ body: 'Posted from the widget.' }).expect(201);
    await t.http().put(`/comments/${posted.body.id}/reaction`).set('Authorization', bearer).set('Origin', NEWS_SITE).send({ value: 'agree' }).expect(200);
    const list = await t.http().get('/articles/a1/comments').set('Authorization', bearer).expect(200);
    expect(list.body.items[0]).toMatchObject({ myReaction: 'agree', author: { displayName: 'widget-reader' } });

    await t.http().delete('/auth/widget/token').set('Authorization', bearer).set('Origin', NEWS_SITE).expect(204);
    await t.http().get('/auth/me').set('Authorization', bearer).expect(401);
  });

  it('a state change with the token from another origin, or with none, is 403 and changes nothing', async () => {
    const { message } = await popup(NEWS_SITE);
    const bearer = `Bearer ${(await exchange(message.code!, NEWS_SITE).expect(200)).body.token}`;
    for (const origin of [OTHER_SITE, `${NEWS_SITE}.evil.example`, undefined]) {
      const req = t.http().post('/articles/a1/comments').set('Authorization', bearer);
      if (origin) req.set('Origin', origin);
      expect((await req.send({ body: 'Sent from elsewhere.' }).expect(403)).body.error.code).toBe('CSRF_FAILED');
    }
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM comments')).toEqual([{ n: 0 }]);
  });

  it('a code works once, within its minute, from the origin it was made for', async () => {
    const { message } = await popup(NEWS_SITE);
    await exchange(message.code!, OTHER_SITE).expect(400);
    // The failed attempt spent it: a stolen code tried elsewhere first is worthless to both.
    await exchange(message.code!, NEWS_SITE).expect(400);
    const second = await popup(NEWS_SITE);
    await exchange(second.message.code!).expect(400);
    const third = await popup(NEWS_SITE);
    await t.dataSource.query(`UPDATE widget_login_codes SET expires_at = now() - interval '1 second'`);
    await exchange(third.message.code!, NEWS_SITE).expect(400);
    const fourth = await popup(NEWS_SITE);
    await exchange(fourth.message.code!, NEWS_SITE).expect(200);
    await exchange(fourth.message.code!, NEWS_SITE).expect(400);
    expect(await t.dataSource.query('SELECT code_digest FROM widget_login_codes')).toEqual([]);
  });

  it('the complete page posts only to this server or an allowed site, and says so when the login failed', async () => {
    await t.http().get(`/auth/widget/complete?origin=${encodeURIComponent('https://evil.example')}`).expect(400);
    await t.http().get('/auth/widget/complete').expect(400);
    const anonymous = await t.http().get(`/auth/widget/complete?origin=${encodeURIComponent(NEWS_SITE)}`).expect(200);
    expect(anonymous.text).toContain('"error":"ACCESS_DENIED"');
    const cancelled = await t.http().get(`/auth/widget/complete?origin=${encodeURIComponent(NEWS_SITE)}&authError=PROVIDER_ERROR`).expect(200);
    expect(cancelled.text).toContain('"error":"PROVIDER_ERROR"');
    const injected = await t.http().get(`/auth/widget/complete?origin=${encodeURIComponent(NEWS_SITE)}&authError=${encodeURIComponent('</script><script>alert(1)')}`).expect(200);
    expect(injected.text).not.toContain('alert(1)');
  });

  it('an unknown or revoked token is anonymous: public reads work, the rest is 401', async () => {
    const bearer = 'Bearer nrc_not-a-token';
    await t.http().get('/articles/a1/comments').set('Authorization', bearer).expect(200);
    await t.http().get('/auth/me').set('Authorization', bearer).expect(401);
    await t.http().post('/articles/a1/comments').set('Authorization', bearer).set('Origin', NEWS_SITE).send({ body: 'x' }).expect(401);
  });

  it('erasing the account ends its widget tokens', async () => {
    const { message } = await popup(NEWS_SITE);
    const bearer = `Bearer ${(await exchange(message.code!, NEWS_SITE).expect(200)).body.token}`;
    await t.http().delete('/users/me').set('Authorization', bearer).set('Origin', NEWS_SITE).expect(204);
    await t.http().get('/auth/me').set('Authorization', bearer).expect(401);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM widget_tokens')).toEqual([{ n: 0 }]);
  });
});
