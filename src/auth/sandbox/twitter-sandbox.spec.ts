import { OAuth } from 'oauth';
import { Strategy as TwitterStrategy, type Profile } from 'passport-twitter';
import { consent, readConsentForm } from '../../../test/fakes/consent';
import { oauthAuthorizationHeader } from './oauth1-signature';
import { startProviderServer, type SandboxEvent } from './provider-http';
import { TwitterSandbox } from './twitter-sandbox';

const CONSUMER = { key: 'spec-consumer', secret: 'spec-consumer-secret&!' };
const CALLBACK = 'http://app.test:3000/auth/twitter/callback';

type Result = { data: string; status?: number };

/** node-oauth, the client passport-oauth1 uses, as promises. */
function client(base: string, consumer = CONSUMER, callback: string | null = CALLBACK) {
  const oa = new OAuth(`${base}/oauth/request_token`, `${base}/oauth/access_token`, consumer.key, consumer.secret, '1.0', callback as string, 'HMAC-SHA1');
  return {
    oa,
    requestToken: () =>
      new Promise<{ token: string; secret: string; results: Record<string, string> }>((resolve, reject) =>
        oa.getOAuthRequestToken((err, token, secret, results) => (err ? reject(err) : resolve({ token, secret, results }))),
      ),
    accessToken: (token: string, secret: string, verifier: string) =>
      new Promise<{ token: string; secret: string; results: Record<string, string> }>((resolve, reject) =>
        oa.getOAuthAccessToken(token, secret, verifier, (err, t, s, results) => (err ? reject(err) : resolve({ token: t, secret: s, results }))),
      ),
    get: (url: string, token: string, secret: string) =>
      new Promise<Result>((resolve) =>
        oa.get(url, token, secret, (err, data) =>
          resolve(err ? { status: (err as { statusCode: number }).statusCode, data: String((err as { data?: string }).data) } : { status: 200, data: String(data) }),
        ),
      ),
  };
}

type Outcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'success'; user: unknown; info?: unknown }
  | { kind: 'fail'; info?: unknown }
  | { kind: 'error'; error: unknown }
  | { kind: 'pass' };

/** Runs a passport strategy's authenticate() the way passport's middleware does, and reports what it decided. */
function runStrategy(strategy: TwitterStrategy, req: { query: Record<string, string>; session: Record<string, unknown>; url: string; headers?: Record<string, string> }): Promise<Outcome> {
  return new Promise((resolve) => {
    const s = Object.create(strategy) as TwitterStrategy & Record<string, unknown>;
    s.redirect = (url: string) => resolve({ kind: 'redirect', url });
    s.success = (user: unknown, info: unknown) => resolve({ kind: 'success', user, info });
    s.fail = (info: unknown) => resolve({ kind: 'fail', info });
    s.error = (error: unknown) => resolve({ kind: 'error', error });
    s.pass = () => resolve({ kind: 'pass' });
    s.authenticate({ method: 'GET', headers: { host: 'app.test:3000' }, connection: {}, ...req } as never, {});
  });
}

function strategyFor(base: string, extra: Record<string, unknown> = {}) {
  return new TwitterStrategy(
    {
      consumerKey: CONSUMER.key,
      consumerSecret: CONSUMER.secret,
      callbackURL: CALLBACK,
      // The options the app uses (src/auth/strategies/twitter.strategy.ts).
      requestTokenURL: `${base}/oauth/request_token`,
      accessTokenURL: `${base}/oauth/access_token`,
      userAuthorizationURL: `${base}/oauth/authenticate`,
      userProfileURL: `${base}/1.1/account/verify_credentials.json`,
      includeEmail: false,
      ...extra,
    } as ConstructorParameters<typeof TwitterStrategy>[0],
    ((_token: string, _secret: string, profile: Profile, done: (e: unknown, user?: unknown) => void) => done(null, profile)) as never,
  );
}

/** A POST signed by hand, for requests a real client would never send. */
async function signedPost(base: string, path: string, o: Partial<Parameters<typeof oauthAuthorizationHeader>[0]> & { headerEdit?: (h: string) => string }) {
  const url = `${base}${path}`;
  let header = oauthAuthorizationHeader({
    method: 'POST',
    url,
    consumerKey: CONSUMER.key,
    consumerSecret: CONSUMER.secret,
    timestamp: Math.floor(Date.now() / 1000),
    nonce: Math.random().toString(36).slice(2),
    ...o,
  });
  if (o.headerEdit) header = o.headerEdit(header);
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: header, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(o.form ?? {}),
  });
  return { status: res.status, text: await res.text() };
}

const NOT_AUTHENTICATED = JSON.stringify({ errors: [{ code: 32, message: 'Could not authenticate you.' }] });

describe('TwitterSandbox (OAuth 1.0a) driven by node-oauth and passport-twitter', () => {
  let clockOffset = 0;
  const events: SandboxEvent[] = [];
  const sandbox = new TwitterSandbox({ consumers: [CONSUMER], now: () => Date.now() + clockOffset, onEvent: (e) => events.push(e) });
  let server: { url: string; close(): Promise<void> };
  let base: string;

  beforeAll(async () => {
    server = await startProviderServer(sandbox, { host: '127.0.0.1', port: 0 });
    base = server.url;
  });
  afterAll(() => server.close());
  beforeEach(() => {
    clockOffset = 0;
    events.length = 0;
  });

  async function loginAs(screenName: string, name: string) {
    const c = client(base);
    const rt = await c.requestToken();
    const back = new URL(await consent(`${base}/oauth/authenticate?oauth_token=${rt.token}`, { action: 'allow', screenName, name }));
    const at = await c.accessToken(rt.token, rt.secret, back.searchParams.get('oauth_verifier')!);
    const profile = await c.get(`${base}/1.1/account/verify_credentials.json`, at.token, at.secret);
    return { c, rt, back, at, profile };
  }

  it('does the whole dance with node-oauth: request token, consent, access token, verify_credentials', async () => {
    const before = { ...sandbox.stats };
    const c = client(base);
    const rt = await c.requestToken();
    expect(rt.results).toEqual({ oauth_callback_confirmed: 'true' });
    const back = new URL(await consent(`${base}/oauth/authenticate?oauth_token=${encodeURIComponent(rt.token)}`, { action: 'allow', screenName: 'minji', name: 'Kim Min-ji' }));
    expect(back.origin + back.pathname).toBe(CALLBACK);
    expect(back.searchParams.get('oauth_token')).toBe(rt.token);
    expect(back.searchParams.get('oauth_verifier')).toMatch(/^[\w-]{16,}$/);
    const at = await c.accessToken(rt.token, rt.secret, back.searchParams.get('oauth_verifier')!);
    expect(at.results).toEqual({ user_id: expect.stringMatching(/^\d{19}$/), screen_name: 'minji' });
    const res = await c.get(`${base}/1.1/account/verify_credentials.json`, at.token, at.secret);
    expect(res.status).toBe(200);
    const user = JSON.parse(res.data);
    expect(user).toMatchObject({ id_str: at.results.user_id, screen_name: 'minji', name: 'Kim Min-ji', url: null });
    // Like Twitter: `id` is a bare number beyond 2^53, so only id_str is exact.
    expect(res.data).toContain(`"id":${at.results.user_id},`);
    expect(typeof user.id).toBe('number');
    expect(user.profile_image_url_https).toBe(`${base}/profile_images/${at.results.user_id}/avatar.svg`);
    const avatar = await fetch(user.profile_image_url_https);
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml');
    expect(await avatar.text()).toContain('>KI</text>');
    expect(sandbox.stats.signaturesVerified - before.signaturesVerified).toBe(3);
    expect(sandbox.stats.signaturesRejected).toBe(before.signaturesRejected);
    expect(events.map((e) => `${e.step}:${e.ok}:${e.reason}`)).toEqual([
      'request_token:true:signature_verified',
      'consent:true:allowed',
      'access_token:true:signature_verified',
      'access_token:true:issued',
      'verify_credentials:true:signature_verified',
      'verify_credentials:true:profile',
    ]);
  });

  it('runs passport-twitter end to end with the app’s options: redirect, consent, callback, profile', async () => {
    const strategy = strategyFor(base);
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session, headers: { host: 'app.test:3000' }, url: '/auth/twitter' });
    if (start.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(start)}`);
    const authorize = new URL(start.url);
    expect(authorize.origin + authorize.pathname).toBe(`${base}/oauth/authenticate`);
    expect(session['oauth:twitter']).toEqual({ oauth_token: authorize.searchParams.get('oauth_token'), oauth_token_secret: expect.any(String) });
    const back = new URL(await consent(authorize.toString(), { action: 'allow', screenName: 'passport_user', name: 'Pass Port' }));
    const done = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session, url: back.pathname + back.search });
    if (done.kind !== 'success') throw new Error(`expected success, got ${JSON.stringify(done)}`);
    const profile = done.user as Profile & { _json: Record<string, unknown> };
    expect(profile).toMatchObject({ provider: 'twitter', username: 'passport_user', displayName: 'Pass Port' });
    expect(profile.id).toMatch(/^\d{19}$/);
    expect(profile.id).toBe(profile._json.id_str);
    expect(profile.photos?.[0].value).toMatch(/\/avatar\.svg$/);
    expect(profile.emails).toBeUndefined();
    expect(session['oauth:twitter']).toBeUndefined();
  });

  it('passport-twitter: a denial at the consent page comes back as denied=<token> and fails the login', async () => {
    const strategy = strategyFor(base);
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session, url: '/auth/twitter' });
    if (start.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(start)}`);
    const token = new URL(start.url).searchParams.get('oauth_token')!;
    const back = new URL(await consent(start.url, { action: 'deny' }));
    expect([...back.searchParams]).toEqual([['denied', token]]);
    const done = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session, url: '/cb' });
    expect(done.kind).toBe('fail');
    // The denied request token is spent: the consent page no longer opens.
    expect((await fetch(start.url)).status).toBe(400);
  });

  it('passport-twitter: userProfileURL without "?" gets include_email; with "?" the option is silently dropped (stack.md)', async () => {
    type WithProfile = { userProfile(t: string, s: string, params: object, done: (err: unknown, p?: Profile) => void): void };
    const profileOf = (s: TwitterStrategy, token: string, secret: string) =>
      new Promise<Profile>((resolve, reject) => (s as unknown as WithProfile).userProfile(token, secret, {}, (err, p) => (err ? reject(err) : resolve(p!))));
    const { at } = await loginAs('mail_user', 'Mail User');
    const plain = await profileOf(strategyFor(base, { includeEmail: true }), at.token, at.secret);
    expect(plain.emails).toEqual([{ value: 'mail_user@sandbox.invalid' }]);
    const withQuery = await profileOf(strategyFor(base, { includeEmail: true, userProfileURL: `${base}/1.1/account/verify_credentials.json?skip_status=true` }), at.token, at.secret);
    expect(withQuery.emails).toBeUndefined();
  });

  it('the same handle is the same account; a new display name shows as a profile update', async () => {
    const first = await loginAs('Returning', 'First Name');
    const second = await loginAs('returning', 'Second Name');
    const other = await loginAs('someone_else', 'Other');
    const a = JSON.parse(first.profile.data);
    const b = JSON.parse(second.profile.data);
    expect(b.id_str).toBe(a.id_str);
    expect(b.name).toBe('Second Name');
    expect(JSON.parse(other.profile.data).id_str).not.toBe(a.id_str);
  });

  it('signs every query parameter as RFC 5849 says, repeated names and reserved characters included', async () => {
    const { c, at } = await loginAs('query_user', 'Query User');
    const odd = encodeURIComponent("a b+c!*'()~é");
    expect((await c.get(`${base}/1.1/account/verify_credentials.json?skip_status=1&y=${odd}`, at.token, at.secret)).status).toBe(200);
    // Repeated names: each pair is signed (hand-signed here; see below for node-oauth).
    const url = `${base}/1.1/account/verify_credentials.json?x=1&x=2&y=${odd}`;
    const header = oauthAuthorizationHeader({
      method: 'GET', url, consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret, token: at.token, tokenSecret: at.secret,
      timestamp: Math.floor(Date.now() / 1000), nonce: 'repeat-' + Date.now(),
    });
    expect((await fetch(url, { headers: { authorization: header } })).status).toBe(200);
    // node-oauth signs a repeated name as x[0]=1&x[1]=2 (its own quirk), which the real Twitter would refuse too.
    expect((await c.get(`${base}/1.1/account/verify_credentials.json?x=1&x=2`, at.token, at.secret)).status).toBe(401);
  });

  it('refuses a tampered parameter: the signed oauth_callback swapped for another', async () => {
    const before = sandbox.stats.signaturesRejected;
    const res = await signedPost(base, '/oauth/request_token', {
      oauth: { oauth_callback: CALLBACK },
      headerEdit: (h) => h.replace(encodeURIComponent(CALLBACK), encodeURIComponent('https://evil.example/cb')),
    });
    expect(res).toEqual({ status: 401, text: NOT_AUTHENTICATED });
    expect(sandbox.stats.signaturesRejected).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ step: 'request_token', ok: false, reason: 'bad_signature' });
  });

  it('refuses a tampered form body parameter and a wrong consumer secret', async () => {
    const tampered = await signedPost(base, '/oauth/request_token', { oauth: { oauth_callback: CALLBACK }, form: { x_auth_access_type: 'read' } });
    expect(tampered.status).toBe(200); // the body is part of the signature...
    const url = `${base}/oauth/request_token`;
    const header = oauthAuthorizationHeader({
      method: 'POST', url, consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret,
      timestamp: Math.floor(Date.now() / 1000), nonce: 'tamper-body', oauth: { oauth_callback: CALLBACK }, form: { x_auth_access_type: 'read' },
    });
    const res = await fetch(url, { method: 'POST', headers: { authorization: header, 'content-type': 'application/x-www-form-urlencoded' }, body: 'x_auth_access_type=write' });
    expect(res.status).toBe(401); // ...so changing it breaks it
    const wrong = await client(base, { key: CONSUMER.key, secret: 'not-the-secret' }).requestToken().catch((e: { statusCode: number; data: string }) => e);
    expect(wrong).toMatchObject({ statusCode: 401, data: NOT_AUTHENTICATED });
    const unknown = await client(base, { key: 'unknown-key', secret: CONSUMER.secret }).requestToken().catch((e: { statusCode: number }) => e);
    expect(unknown).toMatchObject({ statusCode: 401 });
  });

  it('refuses a reused nonce, even on an otherwise perfect request', async () => {
    const o = { oauth: { oauth_callback: CALLBACK }, nonce: 'same-nonce-' + Date.now(), timestamp: Math.floor(Date.now() / 1000) };
    expect((await signedPost(base, '/oauth/request_token', o)).status).toBe(200);
    const before = sandbox.stats.nonceReplays;
    expect(await signedPost(base, '/oauth/request_token', o)).toEqual({ status: 401, text: NOT_AUTHENTICATED });
    expect(sandbox.stats.nonceReplays).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ ok: false, reason: 'nonce_reused' });
  });

  it('refuses a stale or future timestamp (more than 5 minutes off)', async () => {
    const before = sandbox.stats.staleTimestamps;
    const now = Math.floor(Date.now() / 1000);
    expect((await signedPost(base, '/oauth/request_token', { oauth: { oauth_callback: CALLBACK }, timestamp: now - 301 })).status).toBe(401);
    expect((await signedPost(base, '/oauth/request_token', { oauth: { oauth_callback: CALLBACK }, timestamp: now + 301 })).status).toBe(401);
    expect((await signedPost(base, '/oauth/request_token', { oauth: { oauth_callback: CALLBACK }, timestamp: now - 240 })).status).toBe(200);
    expect(sandbox.stats.staleTimestamps).toBe(before + 2);
    // The provider's clock decides: a client whose clock is 6 minutes behind is refused.
    clockOffset = 6 * 60 * 1000;
    await expect(client(base).requestToken()).rejects.toMatchObject({ statusCode: 401 });
  });

  it('requires oauth_callback on the request token', async () => {
    const res = await signedPost(base, '/oauth/request_token', {});
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).errors[0].code).toBe(415);
  });

  it('the verifier is single use, and a wrong verifier spends the request token', async () => {
    const c = client(base);
    const rt = await c.requestToken();
    const verifier = new URL(await consent(`${base}/oauth/authenticate?oauth_token=${rt.token}`, { action: 'allow', screenName: 'once' })).searchParams.get('oauth_verifier')!;
    await c.accessToken(rt.token, rt.secret, verifier);
    const before = sandbox.stats.signaturesRejected;
    await expect(c.accessToken(rt.token, rt.secret, verifier)).rejects.toMatchObject({ statusCode: 401 });
    expect(sandbox.stats.signaturesRejected).toBe(before + 1); // the token is gone, so nothing can be signed with it

    const rt2 = await c.requestToken();
    const verifier2 = new URL(await consent(`${base}/oauth/authorize?oauth_token=${rt2.token}`, { action: 'allow', screenName: 'twice' })).searchParams.get('oauth_verifier')!;
    const refused = sandbox.stats.verifiersRefused;
    await expect(c.accessToken(rt2.token, rt2.secret, 'wrong-verifier')).rejects.toMatchObject({ statusCode: 401 });
    expect(sandbox.stats.verifiersRefused).toBe(refused + 1);
    await expect(c.accessToken(rt2.token, rt2.secret, verifier2)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('an access token request needs the consent first, and the request-token secret in its signature', async () => {
    const c = client(base);
    const rt = await c.requestToken();
    await expect(c.accessToken(rt.token, rt.secret, 'anything')).rejects.toMatchObject({ statusCode: 401 });
    const rt2 = await c.requestToken();
    const verifier = new URL(await consent(`${base}/oauth/authenticate?oauth_token=${rt2.token}`, { action: 'allow', screenName: 'keyless' })).searchParams.get('oauth_verifier')!;
    await expect(c.accessToken(rt2.token, 'not-the-token-secret', verifier)).rejects.toMatchObject({ statusCode: 401 });
    expect(events.at(-1)).toMatchObject({ step: 'access_token', reason: 'bad_signature' });
  });

  it('verify_credentials needs the access token secret, and the token expires', async () => {
    const { c, at } = await loginAs('expiring', 'Expiring');
    expect((await c.get(`${base}/1.1/account/verify_credentials.json`, at.token, 'wrong-secret')).status).toBe(401);
    expect(await c.get(`${base}/1.1/account/verify_credentials.json`, at.token + 'x', at.secret)).toEqual({ status: 401, data: NOT_AUTHENTICATED });
    const short = new TwitterSandbox({ consumers: [CONSUMER], accessTokenTtlMs: 1000, now: () => Date.now() + clockOffset });
    const s = await startProviderServer(short);
    try {
      const c2 = client(s.url);
      const rt = await c2.requestToken();
      const v = new URL(await consent(`${s.url}/oauth/authenticate?oauth_token=${rt.token}`, { action: 'allow', screenName: 'brief' })).searchParams.get('oauth_verifier')!;
      const at2 = await c2.accessToken(rt.token, rt.secret, v);
      expect((await c2.get(`${s.url}/1.1/account/verify_credentials.json`, at2.token, at2.secret)).status).toBe(200);
      clockOffset = 2000;
      expect((await c2.get(`${s.url}/1.1/account/verify_credentials.json`, at2.token, at2.secret)).status).toBe(401);
    } finally {
      await s.close();
    }
  });

  it('a request token expires if nobody consents in time', async () => {
    const short = new TwitterSandbox({ consumers: [CONSUMER], requestTokenTtlMs: 60_000, now: () => Date.now() + clockOffset });
    const s = await startProviderServer(short);
    try {
      const rt = await client(s.url).requestToken();
      clockOffset = 61_000;
      expect((await fetch(`${s.url}/oauth/authenticate?oauth_token=${rt.token}`)).status).toBe(400);
    } finally {
      await s.close();
    }
  });

  it('checks the signature against the host the client used (localhost here, not 127.0.0.1)', async () => {
    const local = base.replace('127.0.0.1', 'localhost');
    const rt = await client(local).requestToken();
    expect(rt.token).toBeTruthy();
    // Signed for one host, sent to another: refused.
    const url = `${local}/oauth/request_token`;
    const header = oauthAuthorizationHeader({
      method: 'POST', url, consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret, timestamp: Math.floor(Date.now() / 1000), nonce: 'host-' + Date.now(), oauth: { oauth_callback: CALLBACK },
    });
    expect((await fetch(`${base}/oauth/request_token`, { method: 'POST', headers: { authorization: header } })).status).toBe(401);
  });

  it('serves a self-contained, escaped consent page', async () => {
    const rt = await client(base).requestToken();
    const page = await fetch(`${base}/oauth/authenticate?oauth_token=${rt.token}&screen_name=${encodeURIComponent('"><script>alert(1)</script>')}`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://app.test:3000");
    expect(html).toContain('<title>Sandbox Twitter — not the real Twitter</title>');
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    const form = await readConsentForm(`${base}/oauth/authenticate?oauth_token=${rt.token}`);
    expect(form.action).toBe(`${base}/oauth/authenticate`);
    expect([...form.fields]).toEqual([['oauth_token', rt.token]]);
  });

  it('shows the form again, with the problem, for a handle it cannot accept', async () => {
    const rt = await client(base).requestToken();
    const res = await fetch(`${base}/oauth/authenticate`, { method: 'POST', body: new URLSearchParams({ oauth_token: rt.token, screen_name: 'no spaces!', name: 'X', action: 'allow' }) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('value="no spaces!"');
  });

  it('answers unknown routes and wrong methods like Twitter', async () => {
    const res = await fetch(`${base}/oauth/request_token`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ code: 34, message: 'Sorry, that page does not exist.' }] });
    expect((await fetch(`${base}/1.1/account/verify_credentials.json`)).status).toBe(401);
  });
});
